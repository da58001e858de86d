"""``python -m kientruc``: the command line, as the ``kientruc`` script runs it."""

from .cli import main

main()
