"""``python -m actorgraph``: the same command line as the ``actorgraph`` console script."""

from .commands.app import main

if __name__ == "__main__":
    main()
