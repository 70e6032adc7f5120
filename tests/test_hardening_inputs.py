"""Hardening: malformed, hostile and invalid input files are refused cleanly (issue 7).

Each refused file must give one clear ``Error:`` (with ``file:line:col`` where the
parser has a position), exit 1 (2 for a file type actorgraph never reads), no traceback,
and leave both the in-memory graph and an on-disk store exactly as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import DataSyntaxError
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.ingest.read import read_quads
from actorgraph.namespaces import GRAPH_CURATED
from typer.testing import CliRunner

runner = CliRunner()

#: (file name, content, expected ``file:line:col`` suffix and words of the message)
MALFORMED = [
    ("bad.ttl", b"@prefix ex: <http://e.org/> .\nex:a ex:b .\n", ":2:"),
    ("bad.ttl", b'<http://e.org/a> <http://e.org/b> "open literal\n', ":1:"),
    ("bad.trig", b"<http://e.org/g> {\n  <http://e.org/a> <http://e.org/b> }\n", ":2:"),
    (
        "bad.nq",
        b'<http://e.org/a> <http://e.org/b> "x" <http://e.org/g> <http://e.org/h> .\n',
        ":1:",
    ),
    ("bad.nt", b"<http://e.org/a> <not an iri> <http://e.org/c> .\n", ":1:"),
    ("bad.jsonld", b'{"@id": "http://e.org/a",\n "http://e.org/b": [\n', ":"),
    ("bad.jsonld", b'{"@context": 5, "@id": "x"}', ":"),
    ("bad.ttl", b"@prefix ex: <http://e.org/> .\nex:a ex:b \xff\xfe .\n", ":2:11:"),
]


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def assert_clean_failure(result, exit_code: int = 1) -> str:
    """The command failed with one ``Error:`` message and no traceback; return stderr."""
    assert result.exit_code == exit_code, result.output
    # lstrip: load's progress display may leave an empty line when stderr is no terminal
    assert result.stderr.lstrip().startswith("Error: ")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stderr.lstrip()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hardening") / "db"
    load_store(directory, [Path(__file__).parent / "fixtures" / "store_small.ttl"], seeds=False)
    return directory


def quads(store: Path) -> set:
    return set(open_graph(store=store).quads())


@pytest.mark.parametrize(("name", "content", "where"), MALFORMED)
def test_a_malformed_file_is_refused_with_its_position(
    tmp_path: Path, store: Path, name: str, content: bytes, where: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = quads(store)
    for args in (["load", "--data", path], ["load", "--store", store, "--data", path]):
        message = assert_clean_failure(run(*args))
        assert message.startswith(f"Error: {path}{where}"), message
    assert quads(store) == before


def test_an_empty_file_adds_nothing(tmp_path: Path) -> None:
    for name in ("empty.ttl", "empty.trig", "empty.nq", "empty.nt"):
        (tmp_path / name).write_bytes(b"")
        assert read_quads(tmp_path / name, GRAPH_CURATED) == []
    result = run("load", "--data", tmp_path)
    assert result.exit_code == 0, result.output
    empty_jsonld = tmp_path / "empty.jsonld"
    empty_jsonld.write_bytes(b"")
    assert_clean_failure(run("load", "--data", empty_jsonld))


def test_a_byte_order_mark_is_accepted_through_the_cli(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + (fixtures / "store_small.ttl").read_bytes())
    with_bom = run("actors", "--data", path, "--format", "csv")
    assert with_bom.exit_code == 0, with_bom.output
    assert "Test state" in with_bom.stdout


@pytest.mark.parametrize(
    "content",
    [
        b'<http://e.org/a> <http://e.org/b> "' + b"x" * 10_000_000,
        b"x" * 10_000_000,
    ],
    ids=["unclosed-literal", "garbage"],
)
def test_a_ten_megabyte_single_line_is_refused_quickly(
    tmp_path: Path, store: Path, content: bytes
) -> None:
    path = tmp_path / "huge.ttl"
    path.write_bytes(content)
    before = quads(store)
    message = assert_clean_failure(run("load", "--store", store, "--data", path))
    assert message.startswith(f"Error: {path}:1:")
    assert len(message) < 2_000  # the offending line is not echoed back
    assert quads(store) == before


def test_a_shacl_violation_names_node_path_and_message(store: Path, fixtures: Path) -> None:
    bad = fixtures / "hardening_violation.ttl"
    before = quads(store)
    for args in (["load", "--data", bad], ["load", "--store", store, "--data", bad]):
        message = assert_clean_failure(run(*args))
        assert "SHACL violation(s); nothing was loaded" in message
        assert f"{bad}: stmt:hardening-bad (ag:note): give exactly one ag:note" in message
        assert f"{bad}: stmt:hardening-bad (ag:stance): give exactly one ag:stance" in message
    assert quads(store) == before


@pytest.mark.parametrize("fixture", ["hardening_bomb.rdf", "hardening_xxe.rdf"])
def test_rdf_xml_is_refused_by_extension_at_once(fixtures: Path, store: Path, fixture: str):
    before = quads(store)
    message = assert_clean_failure(
        run("load", "--store", store, "--data", fixtures / fixture), exit_code=2
    )
    assert "RDF/XML is not accepted" in message
    assert quads(store) == before


@pytest.mark.parametrize("fixture", ["hardening_bomb.rdf", "hardening_xxe.rdf"])
@pytest.mark.parametrize("extension", [".ttl", ".trig", ".nq", ".jsonld"])
def test_xml_in_disguise_is_a_quick_syntax_error(
    tmp_path: Path, fixtures: Path, fixture: str, extension: str
) -> None:
    path = tmp_path / f"disguised{extension}"
    path.write_bytes((fixtures / fixture).read_bytes())
    with pytest.raises(DataSyntaxError) as error:
        read_quads(path, GRAPH_CURATED)
    assert str(error.value).startswith(f"{path}:1:")
    assert "root:" not in str(error.value)  # nothing of /etc/passwd was read in
    message = assert_clean_failure(run("load", "--data", path))
    assert message.startswith(f"Error: {path}:1:")
