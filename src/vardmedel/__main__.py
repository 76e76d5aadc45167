"""``python -m vardmedel`` runs the command line, through the result cache as the console script does."""

from vardmedel.entry import main

main()
