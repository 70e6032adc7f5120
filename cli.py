"""actorgraph's command line: parse the options, call one library function, render.

All logic lives in the ``graph`` package; each command here turns its options into a
library call and hands the result to :func:`graph.render.render`. Errors are reported in
one place, :meth:`_Commands.invoke`: an :class:`~graph.errors.ActorGraphError` becomes
``Error: <message>`` on stderr with its exit code (1 for failures, 2 for usage errors and
unknown actors). typer reports its own usage errors (exit 2), turns Ctrl-C into a quiet
exit 130 and stops quietly when stdout is a closed pipe. Data goes to stdout, messages to
stderr.

Library modules that pull in rdflib, pyshacl or networkx are imported inside the commands
that need them, so ``actorgraph relations Iran`` starts quickly.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer
from typer.core import TyperGroup

from graph import __version__
from graph.errors import ActorGraphError, UsageError
from graph.export import ExportFormat
from graph.options import (
    AtOption,
    DataOption,
    DirectionOption,
    FormatOption,
    QueryFormat,
    StanceOption,
    StoreOption,
    WhoFamily,
    parse_param,
)
from graph.relations import Direction
from graph.render import OutputFormat, hop_rows, render

if TYPE_CHECKING:
    from graph.sparql import NamedQuery
    from graph.store import GraphStore

__all__ = ["app", "main"]

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
WHO_COLUMNS = ["id", "label", "label_ar", "type", "statements"]
NAMED_QUERY_COLUMNS = ["name", "title", "params"]


class _Commands(TyperGroup):
    """The command group; :meth:`invoke` is the one place library errors are reported."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActorGraphError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    name="actorgraph",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


def main() -> None:
    """The ``actorgraph`` console script."""
    app(prog_name="actorgraph")


def _example(*lines: str) -> str:
    """A help epilog showing ``lines`` verbatim (``\\b`` stops click re-wrapping them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"actorgraph {__version__}")
        raise typer.Exit()


@app.callback(epilog=_example("actorgraph relations Iran --stance claimed,denied"))
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Who supports, opposes and talks to whom: a knowledge graph of sourced statements.

    Every command reads the shipped seeds in memory, or an on-disk store (--store DIR),
    plus any data files you add (--data FILE_OR_DIR).
    """


def _graph(store: Path | None, data: Sequence[Path] | None) -> GraphStore:
    """The graph to query: the on-disk ``store``, or the seeds in memory, plus ``data``."""
    from graph.store import open_graph

    return open_graph(store, data or ())


def _show(
    rows: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    fmt: OutputFormat,
    columns: Sequence[str] | Mapping[str, str] | None = None,
) -> None:
    """Print ``rows`` on stdout; an empty table or CSV is reported on stderr instead."""
    if fmt is not OutputFormat.json and not rows:
        _say("No results.")
        return
    typer.echo(render(rows, fmt, columns))


def _say(message: str) -> None:
    typer.echo(message, err=True)


@app.command(epilog=_example("actorgraph actors", "actorgraph actors hezb --type ArmedGroup"))
def actors(
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="Part of a name, alias or id, English or Arabic."),
    ] = None,
    actor_type: Annotated[
        str | None,
        typer.Option("--type", metavar="TYPE", help="Only this actor class, e.g. State, Person."),
    ] = None,
    store: StoreOption = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the actors, or find those whose name matches TEXT."""
    from graph.actors import find_actors

    found = find_actors(_graph(store, data), text, type=actor_type)
    _show([actor.to_dict() for actor in found], fmt, ACTOR_COLUMNS)


ActorArgument = Annotated[
    str,
    typer.Argument(metavar="ACTOR", help="An actor: id, name or alias, in English or Arabic."),
]


@app.command(
    epilog=_example(
        "actorgraph relations Iran",
        "actorgraph relations إيران --type supports --direction out --at 2024-12-01",
    )
)
def relations(
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
    store: StoreOption = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The statements about ACTOR, one row each, roll-ups included and marked.

    A roll-up counts a person's statement for the organisation they represent; its
    'roll-up of; via' column names the original statement, then the role statement.
    """
    from graph.actors import resolve_actor
    from graph.relations import relations as find_relations

    gs = _graph(store, data)
    rows = find_relations(
        gs,
        resolve_actor(gs, actor),
        type=relation_type,
        direction=direction,
        stances=stance,
        at=at,
    )
    _show([row.to_dict() for row in rows], fmt, RELATION_COLUMNS)


@app.command(
    epilog=_example("actorgraph who supports syrian-government", "actorgraph who talks-to Turkey")
)
def who(
    family: Annotated[WhoFamily, typer.Argument(metavar="FAMILY", help="Which relation family.")],
    actor: ActorArgument,
    at: AtOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The actors that support, oppose or talk to ACTOR, with the statements that say so.

    Denied statements do not count; roll-ups do.
    """
    from graph.actors import resolve_actor
    from graph.relations import parse_family
    from graph.relations import who as find_who

    gs = _graph(store, data)
    rows = find_who(gs, parse_family(family), resolve_actor(gs, actor), at=at)
    _show([row.to_dict() for row in rows], fmt, WHO_COLUMNS)


@app.command(epilog=_example("actorgraph path Iran HTS", "actorgraph path Russia Turkey -n 2"))
def path(
    a: Annotated[str, typer.Argument(metavar="A", help="The actor to start from.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The actor to reach.")],
    max_length: Annotated[
        int, typer.Option("--max-length", "-n", min=1, help="The longest chain to look for.")
    ] = 4,
    store: StoreOption = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The shortest chains of statements linking actors A and B.

    Statements count in either direction; denied and structural ones do not. Each hop
    lists its statements and their sources.
    """
    from graph.actors import resolve_actor
    from graph.paths import shortest_paths

    gs = _graph(store, data)
    start, end = resolve_actor(gs, a), resolve_actor(gs, b)
    paths = [p.to_dict() for p in shortest_paths(gs, start, end, max_length)]
    if not paths:
        raise ActorGraphError(
            f"no path of length <= {max_length} between {start.label} and {end.label}"
        )
    _show(paths if fmt is OutputFormat.json else hop_rows(paths), fmt)


@app.command(epilog=_example("actorgraph stats", "actorgraph stats --format json"))
def stats(
    store: StoreOption = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Counts of actors, statements (by family and stance) and cited source lines."""
    from graph.relations import stats as graph_stats

    _show(graph_stats(_graph(store, data)), fmt)


@app.command(
    epilog=_example(
        "actorgraph query --list",
        "actorgraph query who-supports --param actor=actor:syrian-government",
        "actorgraph query 'SELECT ?a WHERE { ?a a ag:State }' --format csv",
    )
)
def query(
    sparql: Annotated[
        str | None,
        typer.Argument(
            metavar="SPARQL_TEXT_OR_FILE.rq",
            help="A SPARQL query, a .rq file, or the name of a named query (see --list).",
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
    fmt: Annotated[
        QueryFormat,
        typer.Option(
            "--format",
            "-f",
            help="table, or W3C SPARQL results JSON, CSV, TSV or XML. CONSTRUCT and "
            "DESCRIBE give Turtle (JSON-LD with json, RDF/XML with xml).",
        ),
    ] = QueryFormat.table,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Run a SPARQL query over the whole graph (all named graphs as one).

    Prefixes ag:, actor:, stmt:, doc:, rdfs:, skos:, xsd: and the like are predefined.
    """
    from graph import sparql as library

    if list_named:
        _show(
            [_named_query_row(named) for named in library.named_queries()],
            _listing_format(fmt),
            NAMED_QUERY_COLUMNS,
        )
        return
    if sparql is None:
        raise UsageError("give a SPARQL query, a .rq file or a named query, or use --list.")
    bindings = dict(parse_param(text) for text in params or ())
    outcome = library.run_query(
        _graph(store, data),
        library.load_query(sparql),
        bindings,
        allow_network=allow_network,
        timeout=timeout,
    )
    if fmt is QueryFormat.table and outcome.kind is not library.ResultKind.triples:
        columns, rows = library.result_rows(outcome.result)
        _show(rows, OutputFormat.table, columns)
        return
    text = library.serialize_results(
        outcome.result, "ttl" if fmt is QueryFormat.table else fmt.value
    )
    _write_stdout(text if text.endswith(b"\n") else text + b"\n")


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


def _write_stdout(data: bytes | Callable[[BinaryIO], Any]) -> None:
    """Write ``data`` (bytes, or a function writing to a binary stream) to stdout."""
    out = typer.get_binary_stream("stdout")
    if isinstance(data, bytes):
        out.write(data)
    else:
        data(out)
    out.flush()


def _write_atomically(target: Path, write: Callable[[BinaryIO], Any]) -> None:
    """Write ``target`` through a temporary file beside it, renamed into place when done.

    On any failure the temporary file is removed and ``target`` is left as it was.
    """
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise ActorGraphError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ActorGraphError(f"cannot write {target}: {error.strerror or error}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@app.command(
    epilog=_example(
        "actorgraph export --format ttl > actorgraph.ttl",
        "actorgraph export --format graphml -o actorgraph.graphml",
    )
)
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="RDF (ttl trig nt nq jsonld), a graph (graphml gexf) or a statement table (csv).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write to FILE (atomically) instead of stdout.",
        ),
    ] = None,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Export the whole graph."""
    from graph.export import export as export_graph

    gs = _graph(store, data)

    def write(out: BinaryIO) -> None:
        export_graph(gs, fmt, out)

    if output is None:
        _write_stdout(write)
    else:
        _write_atomically(output, write)
        _say(f"Wrote {output}")


@app.command(
    epilog=_example(
        "actorgraph load --data my-statements.ttl",
        "actorgraph load --store db --data my-statements.ttl",
    )
)
def load(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            file_okay=False,
            help="Build the on-disk store in DIR (created if needed; replaced atomically).",
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Load the seeds and your data files, validating them first.

    With --store, into an on-disk store that later commands read with --store DIR;
    everything is validated and the store is replaced only if all is well. Without it,
    into memory only: a quick check that your files load (run 'actorgraph validate' to
    check the seeds as well).
    """
    if store is None:
        from graph.relations import stats as graph_stats

        started = time.perf_counter()
        gs = _graph(None, data)
        summary = graph_stats(gs)
        _say(
            f"OK: {len(gs.store)} quads, {summary['statements']} statements, "
            f"{summary['actors']} actors loaded in memory in {time.perf_counter() - started:.1f} s "
            "(nothing saved; add --store DIR to keep them)"
        )
        return
    from rich.console import Console

    from graph.store import load_store

    with Console(stderr=True).status("loading") as status:
        report = load_store(store, data or (), progress=status.update)
    _say(
        f"Loaded {report.quads} quads, {report.statements} statements, {report.actors} actors "
        f"into {store} in {report.seconds:.1f} s"
    )


@app.command(
    epilog=_example("actorgraph validate", "actorgraph validate my-statements.ttl more-data/")
)
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES",
            help="Data files or directories; default: the shipped seeds.",
        ),
    ] = None,
) -> None:
    """Check data files against the SHACL shapes, together with the ontology and seeds.

    Each violation is printed as 'file: node (path): message'; the exit code is 1 if
    there are any.
    """
    from graph.load import collect_files
    from graph.resources import seed_files
    from graph.validate import validate_files

    paths = collect_files(files) if files else seed_files()
    violations = validate_files(paths)
    for violation in violations:
        typer.echo(str(violation))
    if violations:
        where = len({violation.file for violation in violations})
        _say(f"{len(violations)} violation(s) in {where} file(s)")
        raise typer.Exit(1)
    _say(f"OK: {len(paths)} file{'s' if len(paths) != 1 else ''} valid")
