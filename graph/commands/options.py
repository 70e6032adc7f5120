"""The command-line options that several commands share, each defined once.

``cli.py`` builds its commands from these annotated types, so ``--store``, ``--data``,
``--format`` and ``--at`` read and check their values the same way everywhere. Values
that cannot be used stop the command with a usage error (exit 2) that names the option
and says what is expected.

>>> parse_date("2024-12-01")
datetime.date(2024, 12, 1)
>>> parse_param("actor=actor:iran")
('actor', 'actor:iran')
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..families import families
from ..query.relations import Direction, Stance
from .render import OutputFormat

__all__ = [
    "WhoFamily",
    "QueryFormat",
    "StoreOption",
    "DataOption",
    "LoadDataOption",
    "NoSeedsOption",
    "FormatOption",
    "AtOption",
    "DerivedOption",
    "DirectionOption",
    "StanceOption",
    "parse_date",
    "parse_stances",
    "parse_param",
    "parse_endpoint",
    "EndpointOption",
    "UpdateEndpointOption",
]


#: The families ``actorgraph who`` asks about, spelled for the command line (``talks-to``),
#: from :func:`actorgraph.families.families`.
WhoFamily = StrEnum(  # type: ignore[misc]
    "WhoFamily",
    [(f.cli_name.replace("-", "_"), f.cli_name) for f in families() if f.between_positions],
)


class QueryFormat(StrEnum):
    """How ``actorgraph query`` prints results: a table, or a W3C SPARQL results format."""

    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"


def parse_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD``; anything else is a usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-01."
        ) from None


def parse_stances(text: str) -> frozenset[Stance]:
    """A comma-separated list of stances, e.g. ``claimed,denied``."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    known = {stance.value: stance for stance in Stance}
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise typer.BadParameter(
            f"{text!r} is not a list of stances; use one or more of "
            f"{', '.join(known)} separated by commas."
        )
    return frozenset(known[name] for name in names)


def parse_param(text: str) -> tuple[str, str]:
    """A query parameter ``name=value``; the value is everything after the first ``=``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise typer.BadParameter(
            f"{text!r} is not NAME=VALUE, e.g. actor=actor:iran.", param_hint="'--param'"
        )
    return name.strip(), value


def parse_endpoint(text: str) -> str:
    """A SPARQL endpoint URL: http(s) with a host."""
    from ..errors import UsageError
    from ..store.remote import check_endpoint_url

    try:
        return check_endpoint_url(text)
    except UsageError as error:
        raise typer.BadParameter(str(error)) from None


StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="DIR",
        file_okay=False,
        help="Read this on-disk store (made by 'actorgraph load --store DIR') instead of "
        "building the graph in memory from the shipped seeds.",
    ),
]

DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="FILE_OR_DIR",
        exists=True,
        help="Add a data file (.ttl .trig .nt .nq .jsonld), a sheet (.csv .tsv .xlsx, or a "
        "directory with actors.csv, statements.csv or documents.csv) or a directory of RDF "
        "files; repeatable.",
    ),
]

LoadDataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="FILE_OR_DIR",
        help="Load a data file (.ttl .trig .nt .nq .jsonld), a sheet (.csv .tsv .xlsx, or a "
        "directory with actors.csv, statements.csv or documents.csv), a directory of RDF "
        "files, or '-' for standard input (Turtle, TriG, N-Triples, N-Quads or JSON-LD; "
        "with --name); repeatable. Each file is a source of its own.",
    ),
]

NoSeedsOption = Annotated[
    bool,
    typer.Option(
        "--no-seeds",
        help="Leave out the shipped seeds (the Aleppo data): build the graph from your "
        "--data alone. On a store they are added only when it is created or started over "
        "(--replace).",
    ),
]

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format."),
]

AtOption = Annotated[
    date | None,
    typer.Option(
        "--at",
        metavar="YYYY-MM-DD",
        parser=parse_date,
        help="What holds on this day: events on or before it, states begun by it and not "
        "ended before it (undated states from before their document).",
    ),
]

DerivedOption = Annotated[
    bool,
    typer.Option(
        "--derived/--no-derived",
        help="Count roll-ups (a statement counted for the organisation a person represents, "
        "the parent a unit is part of, the leader of a coalition), or leave them out.",
    ),
]

DirectionOption = Annotated[
    Direction,
    typer.Option(
        "--direction",
        help="Statements where the actor is subject (out), object (in) or either (both).",
    ),
]

StanceOption = Annotated[
    frozenset[Stance] | None,
    typer.Option(
        "--stance",
        metavar="STANCE[,STANCE...]",
        parser=parse_stances,
        help="Only these stances: asserted, claimed, denied (comma-separated). Default: all.",
    ),
]

EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        metavar="URL",
        parser=parse_endpoint,
        help="Read the graph from this SPARQL 1.1 endpoint (Oxigraph server, Fuseki, "
        "Virtuoso ...) instead of a local one; see docs/endpoints.md.",
    ),
]

UpdateEndpointOption = Annotated[
    str | None,
    typer.Option(
        "--update-endpoint",
        metavar="URL",
        parser=parse_endpoint,
        help="Send updates to this URL (default: the --endpoint URL), e.g. "
        "http://localhost:7878/update for Oxigraph server.",
    ),
]
