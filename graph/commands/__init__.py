"""The CLI commands, one module per concern; ``cli.py`` assembles them."""
