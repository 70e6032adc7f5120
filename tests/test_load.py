"""Finding, parsing and checking data files (graph/load.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.errors import DataSyntaxError, UsageError
from actorgraph.ingest.read import (
    collect_files,
    rdf_format,
    read_data_files,
    read_inputs,
    read_ontology,
    read_quads,
    relation_properties,
    stream_quads,
)
from actorgraph.namespaces import AG, GRAPH_CURATED
from actorgraph.resources import ontology_files
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

IRAN = NamedNode("https://w3id.org/actorgraph/actor/iran")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TARGET = "https://example.org/graph/target"
EXTRA = NamedNode("https://example.org/graph/extra")


def sample(graph_of_arabic_label: NamedNode) -> set[Quad]:
    """What every load_sample.* file says, with the Arabic label in the given graph."""
    target = NamedNode(TARGET)
    return {
        Quad(IRAN, TYPE, NamedNode(AG + "State"), target),
        Quad(IRAN, LABEL, Literal("Iran", language="en"), target),
        Quad(IRAN, LABEL, Literal("إيران", language="ar"), graph_of_arabic_label),
    }


@pytest.mark.parametrize("extension", ["ttl", "nt", "jsonld"])
def test_triples_go_into_the_named_graph(fixtures: Path, extension: str) -> None:
    quads = read_quads(fixtures / f"load_sample.{extension}", TARGET)
    assert set(quads) == sample(NamedNode(TARGET))


@pytest.mark.parametrize("extension", ["trig", "nq"])
def test_quads_keep_their_graph_and_the_default_graph_is_mapped(
    fixtures: Path, extension: str
) -> None:
    quads = read_quads(fixtures / f"load_sample.{extension}", TARGET)
    assert set(quads) == sample(EXTRA)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.ttl", RdfFormat.TURTLE),
        ("a.trig", RdfFormat.TRIG),
        ("a.nt", RdfFormat.N_TRIPLES),
        ("a.nq", RdfFormat.N_QUADS),
        ("a.jsonld", RdfFormat.JSON_LD),
        ("a.json", RdfFormat.JSON_LD),
        ("A.TTL", RdfFormat.TURTLE),
    ],
)
def test_format_by_extension(name: str, expected: RdfFormat) -> None:
    assert rdf_format(Path(name)) == expected


@pytest.mark.parametrize("name", ["a.rdf", "a.owl", "a.xml", "a.n3", "README"])
def test_other_extensions_are_refused_with_the_accepted_list(name: str) -> None:
    with pytest.raises(UsageError) as caught:
        rdf_format(Path(name))
    assert name in str(caught.value)
    assert ".ttl, .trig, .nt, .nq, .jsonld, .json" in str(caught.value)


def test_collect_files_expands_directories_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ["b.ttl", "sub/a.trig", "sub/c.nq", "notes.txt", "x.rdf"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    single = tmp_path / "b.ttl"
    found = collect_files([single, tmp_path])
    assert found == [single, tmp_path / "sub" / "a.trig", tmp_path / "sub" / "c.nq"]


def test_collect_files_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no-such.ttl"):
        collect_files([tmp_path / "no-such.ttl"])


def test_collect_files_refuses_a_named_file_of_unknown_type(tmp_path: Path) -> None:
    (tmp_path / "data.rdf").write_text("")
    with pytest.raises(UsageError, match="RDF/XML is not accepted"):
        collect_files([tmp_path / "data.rdf"])


@pytest.mark.parametrize(
    ("extension", "content", "line", "column", "message"),
    [
        ("ttl", "@prefix ex: <http://e/> .\nex:a ex:b ex:c \nex:d ex:e ex:f .\n", 3, 1, "dot"),
        ("ttl", "ex:a ex:b ex:c .\n", 1, 1, "prefix ex: has not been declared"),
        ("trig", "<http://g> {\n  <http://a> <http://b> <http://c> .\n", 3, 1, "end"),
        ("nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", 2, 23, "object"),
        ("nq", "<http://a> <http://b> <http://c> <g> .\n", 1, 34, "IRI"),
        ("jsonld", '{"@id": "http://a",\n "http://b": {"@id": }}', 2, 22, ""),
    ],
)
def test_syntax_errors_give_file_line_and_column(
    tmp_path: Path, extension: str, content: str, line: int, column: int, message: str
) -> None:
    path = tmp_path / f"bad.{extension}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataSyntaxError) as caught:
        read_quads(path, TARGET)
    error = caught.value
    assert (error.file, error.line, error.column) == (str(path), line, column)
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}:{column}: ")
    assert "Parser error" not in error.message  # the position is not repeated


def test_streamed_reading_gives_file_line_and_column_too(tmp_path: Path) -> None:
    # The derived pass of a large load parses the files a second time; a file changed in
    # between is reported like any syntax error, not as a traceback.
    path = tmp_path / "changed.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(DataSyntaxError) as caught:
        list(stream_quads([path]))
    assert (caught.value.file, caught.value.line) == (str(path), 2)


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.ttl"
    path.write_bytes(
        '<http://a> <http://b> "ok" .\n<http://a> <http://b> "café" .\n'.encode("latin-1")
    )
    with pytest.raises(DataSyntaxError) as caught:
        read_quads(path, TARGET)
    assert (caught.value.line, caught.value.column) == (2, 27)
    assert "0xe9" in caught.value.message and "UTF-8" in caught.value.message


def test_a_byte_order_mark_is_accepted(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + (fixtures / "load_sample.ttl").read_bytes())
    assert set(read_quads(path, TARGET)) == sample(NamedNode(TARGET))


@pytest.mark.parametrize("extension", ["ttl", "trig", "nt", "nq"])
def test_an_empty_file_has_no_quads(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"empty.{extension}"
    path.write_bytes(b"")
    assert read_quads(path, TARGET) == []


def test_blank_nodes_of_two_files_stay_apart(tmp_path: Path) -> None:
    for name in ["one.ttl", "two.ttl"]:
        (tmp_path / name).write_text('_:b <http://p> "x" .\n')
    one, two = (read_quads(tmp_path / name, TARGET) for name in ["one.ttl", "two.ttl"])
    assert one[0].subject != two[0].subject


def test_remote_jsonld_contexts_are_not_fetched(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "http://a", "name": "x"}')
    with pytest.raises(DataSyntaxError, match="never fetched"):
        read_quads(path, TARGET)


def test_rdf12_triple_terms_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "star.ttl"
    path.write_text("<http://a> <http://b> <<( <http://a> <http://b> <http://c> )>> .\n")
    with pytest.raises(DataSyntaxError, match="triple terms"):
        read_quads(path, TARGET)


def test_relation_properties_are_those_with_a_family(fixtures: Path) -> None:
    relations = relation_properties(read_ontology([fixtures / "load_ontology.ttl"]))
    names = {p.value.removeprefix(AG) for p in relations}
    assert {"supports", "militarySupport", "structural", "ministerOf", "memberOf"} <= names
    assert not names & {"Actor", "Statement", "family"}


def test_the_shipped_ontology_declares_every_relation_family() -> None:
    relations = relation_properties(read_ontology(ontology_files()))
    assert {
        NamedNode(AG + n) for n in ["supports", "airStrike", "phoneCall", "controls"]
    } <= relations


def test_a_hand_written_relation_triple_is_refused(fixtures: Path) -> None:
    relations = relation_properties(read_ontology([fixtures / "load_ontology.ttl"]))
    path = fixtures / "load_direct_triple.ttl"
    with pytest.raises(DataSyntaxError) as caught:
        read_data_files([path], relations)
    text = str(caught.value)
    assert text.startswith(str(path))
    assert "actor:iran ag:militarySupport actor:syrian-government" in text
    assert "ag:Statement" in text


def test_read_inputs_puts_each_part_in_its_graph(fixtures: Path) -> None:
    inputs = read_inputs(
        [fixtures / "load_derive_truthy.ttl"],
        seeds=False,
        ontology=[fixtures / "load_ontology.ttl"],
    )
    assert list(inputs.data) == [str(fixtures / "load_derive_truthy.ttl")]
    assert inputs.seeds == {}
    assert {q.graph_name.value for quads in inputs.data.values() for q in quads} == {GRAPH_CURATED}
    assert len(inputs.quads()) == 2
