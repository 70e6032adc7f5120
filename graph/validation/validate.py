"""SHACL validation of data files against ``ontology/shapes.ttl``.

Files are parsed with the loader (so syntax errors and hand-written relation triples are
reported first, the same way as everywhere else), merged with the ontology and with the part
of their context (the seeds, or an existing store) that they mention, and checked with
pyshacl. Each result is reported against the file that describes its focus node, so a user
sees where to look. Validating only the mentioned part of the context keeps checking a small
user file fast however large the seeds grow.

pyshacl and rdflib are slow to import; they are imported only when validating.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad

from ..errors import ValidationError, Violation
from ..ingest.read import read_inputs, read_quads
from ..namespaces import GRAPH_ONTOLOGY, XSD, compact
from ..resources import ontology_dir
from .report import Findings, order

__all__ = ["check_files", "check_quads", "validate", "validate_files", "validate_quads"]

_XSD_STRING = XSD + "string"
_ONTOLOGY = NamedNode(GRAPH_ONTOLOGY)


def check_quads(
    data: Mapping[str, Sequence[Quad]],
    context: Mapping[str, Sequence[Quad]] | None = None,
    *,
    shapes: Path | None = None,
) -> Findings:
    """SHACL violations and warnings of the ``data`` files (name -> quads), each sorted by
    file and focus.

    ``context`` holds quads the data may refer to: those in the ontology graph are used
    whole, the others only where they describe a node the data mentions. A result is
    reported against the first file (data before context) that has its focus node as a
    subject; a blank-node focus (a source reference) is reported as the statement that
    points to it, with the path from there (``ag:source/ag:line``).
    """
    import pyshacl

    mentioned = {t for quads in data.values() for q in quads for t in (q.subject, q.object)}
    files = dict(data)
    for name, quads in (context or {}).items():
        files.setdefault(name, _relevant(quads, mentioned))
    graph = _rdflib_graph(q for quads in files.values() for q in quads)
    shapes_graph = _rdflib_graph(
        read_quads(shapes or ontology_dir() / "shapes.ttl", GRAPH_ONTOLOGY)
    )
    _, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
    )
    found = set(_results(results, shapes_graph, files))
    violations = sorted((v for severity, v in found if severity == "Violation"), key=order)
    warnings = sorted((v for severity, v in found if severity != "Violation"), key=order)
    return Findings(violations, warnings)


def validate_quads(
    data: Mapping[str, Sequence[Quad]],
    context: Mapping[str, Sequence[Quad]] | None = None,
    *,
    shapes: Path | None = None,
) -> list[Violation]:
    """The SHACL violations (not the warnings) that :func:`check_quads` finds: what a load
    refuses."""
    return check_quads(data, context, shapes=shapes).violations


def check_files(
    paths: Sequence[Path],
    *,
    seeds: bool = True,
    ontology: Sequence[Path] | None = None,
    shapes: Path | None = None,
) -> Findings:
    """SHACL violations and warnings of the data ``paths``, with the ontology and the seeds
    (unless ``seeds`` is false) as context. ``ontology`` and ``shapes`` default to the
    shipped ones.

    Raises :class:`~actorgraph.errors.DataSyntaxError` for a file that cannot be parsed or
    holds a hand-written relation triple.
    """
    inputs = read_inputs(paths, seeds=seeds, ontology=ontology)
    return check_quads(inputs.data, inputs.seeds | inputs.ontology, shapes=shapes)


def validate_files(
    paths: Sequence[Path],
    *,
    seeds: bool = True,
    ontology: Sequence[Path] | None = None,
    shapes: Path | None = None,
) -> list[Violation]:
    """The SHACL violations (not the warnings) that :func:`check_files` finds."""
    return check_files(paths, seeds=seeds, ontology=ontology, shapes=shapes).violations


def validate(
    paths: Sequence[Path],
    *,
    seeds: bool = True,
    ontology: Sequence[Path] | None = None,
    shapes: Path | None = None,
) -> None:
    """Raise :class:`ValidationError` if :func:`validate_files` finds any violation."""
    violations = validate_files(paths, seeds=seeds, ontology=ontology, shapes=shapes)
    if violations:
        raise ValidationError(violations)


def _relevant(quads: Sequence[Quad], nodes: Iterable) -> list[Quad]:
    """The ontology-graph quads, and the quads describing ``nodes`` and their blank nodes."""
    by_subject = defaultdict(list)
    kept = []
    for q in quads:
        (kept if q.graph_name == _ONTOLOGY else by_subject[q.subject]).append(q)
    todo, seen = list(nodes), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in by_subject.get(node, ()):
            kept.append(q)
            if isinstance(q.object, BlankNode):
                todo.append(q.object)
    return kept


def _rdflib_graph(quads):
    """An rdflib graph of the quads' triples (graph names are dropped)."""
    from rdflib import BNode, Graph, Literal, URIRef

    def convert(term):
        if isinstance(term, NamedNode):
            return URIRef(term.value)
        if isinstance(term, BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))

    graph = Graph()
    for q in quads:
        graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return graph


def _specific(results, shapes, result):
    """``result``, or its nested results if its shape gives no message of its own."""
    from rdflib.namespace import SH

    details = list(results.objects(result, SH.detail))
    if details and shapes.value(results.value(result, SH.sourceShape), SH.message) is None:
        for detail in details:
            yield from _specific(results, shapes, detail)
    else:
        yield result


def _results(results, shapes, files: Mapping[str, Sequence[Quad]]):
    """Each result in the pyshacl ``results`` graph as (severity, :class:`Violation`), the
    severity a local name (``Violation``, ``Warning``, ``Info``).

    A result is reported with its shape's own sh:message; a result whose shape has none
    and that has nested results (the sh:detail of an sh:node failure) is replaced by
    them, since they say what exactly is wrong.
    """
    from rdflib import RDF, URIRef
    from rdflib.namespace import SH

    where, parent = _index(files)
    reports = results.subjects(RDF.type, SH.ValidationReport)
    top = (r for report in reports for r in results.objects(report, SH.result))
    for result in (r for t in top for r in _specific(results, shapes, t)):
        severity = str(results.value(result, SH.resultSeverity)).removeprefix(str(SH))
        node, steps = str(results.value(result, SH.focusNode)), []
        while node in parent:  # climb from a blank node to the statement that holds it
            node, predicate = parent[node]
            steps.insert(0, compact(predicate))
        path = results.value(result, SH.resultPath)
        if isinstance(path, URIRef):
            steps.append(compact(str(path)))
        message = results.value(result, SH.resultMessage)
        yield (
            severity,
            Violation(
                file=where.get(node, "(unknown file)"),
                focus=compact(node) if ":" in node else f"_:{node}",  # IRIs always hold a colon
                path="/".join(steps) or None,
                message=str(message) if message is not None else "does not conform to the shapes",
            ),
        )


def _index(
    files: Mapping[str, Sequence[Quad]],
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Which file first describes each node (as a subject, else as an object), and for each
    blank node the subject and predicate that point to it."""
    where: dict[str, str] = {}
    mentioned: dict[str, str] = {}
    parent: dict[str, tuple[str, str]] = {}
    for name, quads in files.items():
        for q in quads:
            where.setdefault(q.subject.value, name)
            mentioned.setdefault(q.object.value, name)
            if isinstance(q.object, BlankNode):
                parent.setdefault(q.object.value, (q.subject.value, q.predicate.value))
    return mentioned | where, parent
