"""`python -m zhen`: the command line."""

from zhen.cli import main

main()
