"""The command layer: ``app`` (shared options, exit codes, output) and one module per command, named after it.

Only this package and cli.py import Typer; everything below them is plain Python (see api.py).
"""
