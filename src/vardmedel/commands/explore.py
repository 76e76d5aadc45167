"""Analyst commands: list, show, explain, compare, regions, population."""
