"""Where the shipped ontology, seeds and SPARQL files are, installed or in a checkout.

In a wheel, ``ontology/`` and ``seeds/`` are copied into ``actorgraph/_data/``; in a source
checkout (or an editable install) they sit beside the ``graph/`` folder that holds the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = [
    "ontology_dir",
    "seeds_dir",
    "queries_dir",
    "ontology_files",
    "seed_files",
    "query_text",
    "templates_dir",
]

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def ontology_dir() -> Path:
    """The directory holding ``actorgraph.ttl`` and ``shapes.ttl``."""
    return _data_dir("ontology")


def seeds_dir() -> Path:
    """The directory of curated seed files loaded by default."""
    return _data_dir("seeds")


def queries_dir() -> Path:
    """The directory of SPARQL ``.rq`` files: internal queries and the named-query library."""
    return _PACKAGE / "queries"


def templates_dir() -> Path:
    """The directory of the page templates: the network page and the endpoint's query page."""
    return _PACKAGE / "templates"


def ontology_files() -> list[Path]:
    """The ontology proper (not the shapes), loaded into the ontology graph."""
    return [ontology_dir() / "actorgraph.ttl"]


def seed_files() -> list[Path]:
    """Every seed file, in a stable order."""
    return sorted(p for p in seeds_dir().iterdir() if p.suffix in {".ttl", ".trig", ".nq", ".nt"})


@cache
def query_text(name: str) -> str:
    """The text of the library query ``graph/queries/<name>`` (e.g. ``"actors.rq"``), read once."""
    return (queries_dir() / name).read_text(encoding="utf-8")
