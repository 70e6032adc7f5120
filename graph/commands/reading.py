"""Commands that read the graph: actors, relations, who, path, stats, query, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from ..errors import ActorGraphError, UsageError
from ..files import write_atomically
from ..formats.export import ExportFormat
from ..namespaces import GRAPH_INFERRED
from ..query.relations import Direction
from .common import ActorArgument, example, reads_graph, say, show, write_stdout
from .options import (
    AtOption,
    DirectionOption,
    FormatOption,
    QueryFormat,
    StanceOption,
    WhoFamily,
    parse_param,
)
from .render import OutputFormat, hop_rows, who_rows

if TYPE_CHECKING:
    from ..query.sparql import NamedQuery
    from ..store.base import GraphStore

__all__ = ["commands"]

commands = typer.Typer()

ACTOR_COLUMNS = ["id", "label", "label_ar", "type", "aliases"]
RELATION_COLUMNS = {
    "date": "date",
    "subject": "subject",
    "relation": "relation",
    "object": "object",
    "stance": "stance",
    "attributed_to": "attributed to",
    "sources": "source(s)",
    "via": "roll-up of; via",
}
NAMED_QUERY_COLUMNS = ["name", "title", "params"]


@commands.command(epilog=example("actorgraph actors", "actorgraph actors hezb --type ArmedGroup"))
@reads_graph
def actors(
    gs: GraphStore,
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="Part of a name, alias or id, English or Arabic."),
    ] = None,
    actor_type: Annotated[
        str | None,
        typer.Option("--type", metavar="TYPE", help="Only this actor class, e.g. State, Person."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the actors, or find those whose name matches TEXT."""
    from ..query.actors import find_actors

    found = find_actors(gs, text, type=actor_type)
    show([actor.to_dict() for actor in found], fmt, ACTOR_COLUMNS)


@commands.command(
    "relations",
    epilog=example(
        "actorgraph relations Iran",
        "actorgraph relations إيران --type supports --direction out --at 2024-12-01",
    ),
)
@reads_graph
def relations_command(
    gs: GraphStore,
    actor: ActorArgument,
    relation_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="FAMILY_OR_RELATION",
            help="Only this family (supports, opposes, talks-to, structural) or relation "
            "(e.g. militarySupport), sub-relations included.",
        ),
    ] = None,
    direction: DirectionOption = Direction.both,
    stance: StanceOption = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The statements about ACTOR, one row each, roll-ups included and marked.

    A roll-up counts a person's statement for the organisation they represent; its
    'roll-up of; via' column names the original statement, then the role statement.
    """
    from ..query.actors import resolve_actor
    from ..query.relations import relations

    rows = relations(
        gs,
        resolve_actor(gs, actor),
        type=relation_type,
        direction=direction,
        stances=stance,
        at=at,
    )
    show([row.to_dict() for row in rows], fmt, RELATION_COLUMNS)


@commands.command(
    "who",
    epilog=example("actorgraph who supports syrian-government", "actorgraph who talks-to Turkey"),
)
@reads_graph
def who_command(
    gs: GraphStore,
    family: Annotated[WhoFamily, typer.Argument(metavar="FAMILY", help="Which relation family.")],
    actor: ActorArgument,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The actors that support, oppose or talk to ACTOR, with the statements that say so.

    Denied statements do not count; roll-ups do. The table and CSV have one row per actor
    (relations, stances and sources summed up); JSON has every statement.
    """
    from ..query.actors import resolve_actor
    from ..query.relations import parse_family, who

    rows = who(gs, parse_family(family), resolve_actor(gs, actor), at=at)
    found = [row.to_dict() for row in rows]
    show(found if fmt is OutputFormat.json else who_rows(found), fmt)


@commands.command(epilog=example("actorgraph path Iran HTS", "actorgraph path Russia Turkey -n 2"))
@reads_graph
def path(
    gs: GraphStore,
    a: Annotated[str, typer.Argument(metavar="A", help="The actor to start from.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The actor to reach.")],
    max_length: Annotated[
        int, typer.Option("--max-length", "-n", min=1, help="The longest chain to look for.")
    ] = 4,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The shortest chains of statements linking actors A and B.

    Statements count in either direction; denied and structural ones do not. Each hop
    lists its statements and their sources.
    """
    from ..query.actors import resolve_actor
    from ..query.paths import shortest_paths

    start, end = resolve_actor(gs, a), resolve_actor(gs, b)
    paths = [p.to_dict() for p in shortest_paths(gs, start, end, max_length, at=at)]
    if not paths:
        raise ActorGraphError(
            f"no path of length <= {max_length} between {start.label} and {end.label}"
        )
    show(paths if fmt is OutputFormat.json else hop_rows(paths), fmt)


@commands.command("stats", epilog=example("actorgraph stats", "actorgraph stats --format json"))
@reads_graph
def stats_command(
    gs: GraphStore,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Counts of actors, statements (by family and stance) and cited source lines."""
    from ..query.relations import stats

    show(stats(gs, at=at), fmt)


@commands.command(
    epilog=example(
        "actorgraph query --list",
        "actorgraph query who-supports --param actor=actor:syrian-government",
        "actorgraph query 'SELECT ?a WHERE { ?a a ag:State }' --format csv",
        "actorgraph query - < my-query.rq",
    )
)
@reads_graph
def query(
    gs: GraphStore,
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="SPARQL_TEXT_OR_FILE.rq",
            help="A SPARQL query, a .rq file, the name of a named query (see --list), "
            "or - to read the query from standard input.",
        ),
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            metavar="NAME=VALUE",
            help="Bind ?NAME to VALUE (an IRI like actor:iran, or text); repeatable.",
        ),
    ] = None,
    list_named: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    allow_network: Annotated[
        bool,
        typer.Option(
            "--allow-network", help="Allow SERVICE, LOAD and remote FROM (off by default)."
        ),
    ] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", metavar="S", min=0, help="Stop after S seconds.")
    ] = None,
    no_inferred: Annotated[
        bool,
        typer.Option(
            "--no-inferred",
            help="Leave out the triples inferred by 'actorgraph infer' (its named graph).",
        ),
    ] = False,
    fmt: Annotated[
        QueryFormat,
        typer.Option(
            "--format",
            "-f",
            help="table, or W3C SPARQL results JSON, CSV, TSV or XML. CONSTRUCT and "
            "DESCRIBE give Turtle (JSON-LD with json, RDF/XML with xml).",
        ),
    ] = QueryFormat.table,
) -> None:
    """Run a SPARQL query over the whole graph (all named graphs as one).

    Prefixes ag:, actor:, stmt:, doc:, rdfs:, skos:, xsd: and the like are predefined.
    """
    from ..query import sparql
    from ..query.results import result_rows, serialized

    if list_named:
        show(
            [_named_query_row(named) for named in sparql.named_queries()],
            _listing_format(fmt),
            NAMED_QUERY_COLUMNS,
        )
        return
    if source is None:
        raise UsageError("give a SPARQL query, a .rq file or a named query, or use --list.")
    bindings = dict(parse_param(text) for text in params or ())
    outcome = sparql.run_query(
        gs,
        _read_stdin() if source == "-" else sparql.load_query(source),
        bindings,
        allow_network=allow_network,
        timeout=timeout,
        exclude_graphs={GRAPH_INFERRED} if no_inferred else (),
    )
    if fmt is QueryFormat.table and outcome.kind is not sparql.ResultKind.triples:
        columns, rows = result_rows(outcome.result)
        show(rows, OutputFormat.table, columns)
        return
    write_stdout(serialized(outcome, fmt.value))


def _read_stdin() -> str:
    """The SPARQL text piped to ``query -``."""
    try:
        text = typer.get_binary_stream("stdin").read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"standard input is not UTF-8 text: {error.reason}") from None
    if not text.strip():
        raise UsageError(
            "standard input held no query: pipe one in, e.g. echo 'ASK {}' | actorgraph query -"
        )
    return text


def _named_query_row(named: NamedQuery) -> dict[str, Any]:
    params = [f"{p.name} ({p.kind})" if p.kind else p.name for p in named.params]
    return {
        "name": named.name,
        "title": named.title,
        "description": named.description,
        "params": params,
        "example": named.example,
    }


def _listing_format(fmt: QueryFormat) -> OutputFormat:
    """The output format of ``query --list``: table, json or csv."""
    try:
        return OutputFormat(fmt.value)
    except ValueError:
        raise UsageError("query --list is printed as table, json or csv.") from None


@commands.command(
    "export",
    epilog=example(
        "actorgraph export --format ttl > actorgraph.ttl",
        "actorgraph export --format graphml -o actorgraph.graphml",
        "actorgraph export --format sheet -o sheets/",
        "actorgraph export --format xlsx -o actorgraph.xlsx",
    ),
)
@reads_graph
def export_command(
    gs: GraphStore,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="RDF (ttl trig nt nq jsonld), a graph (graphml gexf), a statement table "
            "(csv), or the curated data as sheets to edit and load back: a directory of CSV "
            "(sheet) or TSV (sheet-tsv) files, or one workbook (xlsx).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of stdout; a directory for sheet and "
            "sheet-tsv.",
        ),
    ] = None,
) -> None:
    """Export the whole graph."""
    from ..formats.export import export, export_directory

    if fmt.is_directory and output is None:
        raise UsageError(f"--format {fmt} writes a directory of files; give it with -o DIR")
    if output is not None and output.is_dir() and not fmt.is_directory:
        raise UsageError(f"{output} is a directory; --format {fmt} writes one file")
    if fmt.is_directory:
        written = export_directory(gs, fmt, output)
        say(f"Wrote {len(written)} sheets into {output}")
        return

    def write(out: BinaryIO) -> None:
        export(gs, fmt, out)

    if output is None:
        write_stdout(write, text=fmt is not ExportFormat.xlsx)
    else:
        write_atomically(output, write)
        say(f"Wrote {output}")
