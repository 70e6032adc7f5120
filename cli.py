"""The checkout's entry point: ``python cli.py ...`` runs the ``actorgraph`` command line.

The command line itself lives in :mod:`actorgraph.commands.app`; installed, the console script
``actorgraph`` and ``python -m actorgraph`` run the same :func:`~actorgraph.commands.app.main`.
"""

from actorgraph.commands.app import main

if __name__ == "__main__":
    main()
