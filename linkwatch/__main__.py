"""``python -m linkwatch`` runs the command line."""

from linkwatch.cli import main

main()
