"""One module per `python -m hooks <command>`; each has `register(subparsers)`."""
