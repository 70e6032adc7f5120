"""actorgraph.curation.reanchor and ``validate --reanchor``: excerpts find their new lines."""

import shutil
from pathlib import Path

from actorgraph.commands.app import app
from actorgraph.curation.reanchor import reanchor
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures" / "reanchor"
DATA = """@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix doc: <https://w3id.org/actorgraph/document/> .
@prefix stmt: <https://w3id.org/actorgraph/statement/> .

stmt:s1 ag:source [ ag:document doc:report.txt ; ag:line 1 ;
      ag:excerpt "held talks in Port Amber"@en ] .
stmt:s2 ag:source [ ag:document doc:report.txt ; ag:line 2 ;
      ag:excerpt "shelled the border town of Greyfield"@en ] .
stmt:s3 ag:source [ ag:document doc:report.txt ; ag:line 3 ;
      ag:excerpt "the shelling stopped at dawn"@en ] .
stmt:s4 ag:source [ ag:document doc:report.txt ; ag:line 3 ;
      ag:excerpt "a ceasefire was signed in \\"Port Amber\\""@en ] .
"""


def corpus(tmp_path: Path, name: str) -> Path:
    directory = tmp_path / "corpus"
    directory.mkdir()
    shutil.copy(FIXTURES / name, directory / "report.txt")
    return directory


def test_unchanged_document_keeps_every_line(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    kept = DATA.split("stmt:s4")[0]
    data.write_text(kept, encoding="utf-8")
    anchors = reanchor([data], corpus(tmp_path, "report.txt"))
    assert [a.how for a in anchors] == ["kept", "kept", "kept"]
    assert data.read_text(encoding="utf-8") == kept


def test_a_reflowed_document_moves_lines_exactly_then_fuzzily_and_reports_orphans(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    anchors = reanchor([data], corpus(tmp_path, "reflowed.txt"))
    found = [(a.old_line, a.new_line, a.how) for a in anchors]
    assert found == [(1, 2, "exact"), (2, 4, "fuzzy"), (3, 5, "exact"), (3, None, "orphan")]
    text = data.read_text(encoding="utf-8")
    assert text == (
        DATA.replace("ag:line 1 ;", "ag:line 2 ;", 1)
        .replace('ag:line 2 ;\n      ag:excerpt "shelled', 'ag:line 4 ;\n      ag:excerpt "shelled')
        .replace(
            'ag:line 3 ;\n      ag:excerpt "the shelling',
            'ag:line 5 ;\n      ag:excerpt "the shelling',
        )
    )


def test_the_cli_lists_moves_and_orphans_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    where = corpus(tmp_path, "reflowed.txt")
    result = CliRunner().invoke(app, ["validate", str(data), "--reanchor", "--corpus", str(where)])
    assert result.exit_code == 1
    assert "data.ttl:1: moved to line 2 of report.txt (exact, 1)" in result.output
    assert "data.ttl:3: orphan in report.txt" in result.output
    assert "3 line number(s) rewritten, 1 orphan(s)" in result.output


def test_a_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["validate", str(data), "--reanchor", "--corpus", str(tmp_path / "none")]
    )
    assert result.exit_code == 2 and "no corpus directory" in result.output
    assert data.read_text(encoding="utf-8") == DATA


def test_a_data_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_bytes(b"\xff\xfe not text")
    where = corpus(tmp_path, "report.txt")
    result = CliRunner().invoke(app, ["validate", str(data), "--reanchor", "--corpus", str(where)])
    assert result.exit_code == 2 and "cannot read it as UTF-8 text" in result.output
    assert "Traceback" not in result.output
