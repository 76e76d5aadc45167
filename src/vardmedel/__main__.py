"""``python -m vardmedel`` runs the command line."""

from vardmedel.cli import main

main()
