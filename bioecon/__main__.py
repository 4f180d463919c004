"""`python -m bioecon` runs the command line, like `bioecon`."""

from bioecon.cli import main

main()
