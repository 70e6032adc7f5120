"""actorgraph: a knowledge graph of who supports, opposes and talks to whom in a conflict.

The library lives in this package; ``cli.py`` is a thin typer layer over it.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
