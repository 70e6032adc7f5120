"""Red team M4: terminal escape sequences in the data never reach a terminal raw.

The report's ``ansi.ttl``: valid actors whose labels, aliases and notes hold OSC 52
(clipboard), OSC 8 (hidden hyperlink), OSC 0 (title), CSI 2J (clear screen), a C1 CSI
(U+009B) and a DCS sequence. Each command runs as a real subprocess, once with stdout on
a pipe and once on a pseudo-terminal; the only escape sequences allowed out are
actorgraph's own styles (SGR) and progress-line cursor moves on a terminal.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "actorgraph"

PAYLOADS = [
    "\\u001B]52;c;cHduZWQ=\\u001B\\\\",
    "\\u001B]8;;http://127.0.0.1:9/phish\\u001B\\\\clickme\\u001B]8;;\\u001B\\\\",
    "\\u001B]0;pwned-title\\u001B\\\\",
    "\\u001B[2J\\u001B[H",
    "\\u009B31mred",
    "\\u001BP1$qm\\u001B\\\\",
    "back\\u0008\\u0008\\rover\\u0007",
]

# What actorgraph itself may write to a terminal: SGR styles, and a progress display's
# carriage return before a line erase, cursor up and cursor hide/show (rich).
OWN = re.compile(rb"\x1b\[[0-9;]*m|\r?\x1b\[2K|\r?\x1b\[1A|\x1b\[\?25[lh]\r?")
HOSTILE = ("\x1b", "\x9b", "\x07", "\x08", "\r")


@pytest.fixture(scope="module")
def ansi(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("m4") / "ansi.ttl"
    text = """@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix actor: <https://w3id.org/actorgraph/actor/> .
@prefix stmt: <https://w3id.org/actorgraph/statement/> .
@prefix doc: <https://w3id.org/actorgraph/document/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
doc:d.txt a ag:Document ; ag:fileName "d.txt" ; ag:published "2024-12-02"^^xsd:date .
"""
    for i, payload in enumerate(PAYLOADS):
        text += (
            f'actor:term{i} a ag:State ; rdfs:label "term{i} {payload}"@en , "س"@ar ;\n'
            f'  skos:altLabel "alt{i} {payload}"@en .\n'
            f"stmt:term{i} a ag:Statement ; ag:subject actor:term{i} ; "
            "ag:relation ag:supports ; ag:object actor:iran ; ag:stance ag:asserted ;\n"
            f'  ag:source [ ag:document doc:d.txt ; ag:line 4 ] ; ag:note "note {payload}"@en .\n'
        )
    path.write_text(text, encoding="utf-8")
    return path


LABELS = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
COMMANDS = [
    ["actors", "term"],
    ["actors", "term", "-f", "csv"],
    ["actors", "term", "-f", "json"],
    ["who", "supports", "iran"],
    ["who", "supports", "iran", "-f", "csv"],
    ["analyze", "camps"],
    ["relations", "term0"],
    ["timeline"],
    ["explain", "term1", "iran"],
    ["query", LABELS],
    ["query", LABELS, "-f", "csv"],
    ["query", LABELS, "-f", "tsv"],
    ["query", LABELS, "-f", "json"],
    ["export", "-f", "ttl"],
    ["export", "-f", "csv"],
    ["export", "-f", "jsonld"],
]


def hostile(output: bytes) -> list[str]:
    """The control characters left in ``output`` once actorgraph's own codes are removed."""
    rest = OWN.sub(b"", output).decode("utf-8", "replace").replace("\r\n", "\n")
    return [char for char in HOSTILE if char in rest]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:1] + c[-1:]))
def test_m4_no_escape_sequence_reaches_a_pipe(ansi, command):
    result = subprocess.run(
        [str(SCRIPT), *command, "--data", str(ansi)], capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout  # the hostile rows were printed, escaped
    assert hostile(result.stdout) == [] and hostile(result.stderr) == []


@pytest.mark.parametrize(
    "command",
    [["actors", "term"], ["who", "supports", "iran"], ["analyze", "camps"]],
    ids=lambda c: c[0],
)
def test_m4_no_escape_sequence_reaches_a_terminal(ansi, command):
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(SCRIPT), *command, "--data", str(ansi)],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env={**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"},
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=120) == 0, output[-2000:]
    finally:
        os.close(leader)
    assert b"\\u001B]52" in output  # the payload is shown, as text
    assert hostile(output) == []


def test_m4_stdout_escapes_keep_rdf_data_exact(ansi, tmp_path):
    """On stdout RDF gets ``\\uXXXX`` escapes, which parse back to the same strings."""
    import pyoxigraph

    piped = subprocess.run(
        [str(SCRIPT), "export", "-f", "trig", "--data", str(ansi)],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    written = tmp_path / "all.trig"
    subprocess.run(
        [str(SCRIPT), "export", "-f", "trig", "--data", str(ansi), "-o", str(written)],
        capture_output=True,
        check=True,
        timeout=120,
    )

    def labels(data: bytes) -> set[str]:
        return {
            q.object.value
            for q in pyoxigraph.parse(data, pyoxigraph.RdfFormat.TRIG)
            if q.predicate.value.endswith("#label") and q.object.value.startswith("term")
        }

    assert labels(piped) == labels(written.read_bytes())
    assert "term0 \x1b]52;c;cHduZWQ=\x1b\\" in labels(piped)


def test_m4_a_csv_file_written_with_o_keeps_the_data_verbatim(ansi, tmp_path):
    out = tmp_path / "all.csv"
    subprocess.run(
        [str(SCRIPT), "export", "-f", "csv", "--data", str(ansi), "-o", str(out)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert "\x1b]52;c;cHduZWQ=" in out.read_text(encoding="utf-8")


def test_m4_error_messages_escape_the_data(tmp_path):
    bad = tmp_path / "esc.ttl"
    bad.write_bytes(b"@prefix ex: <http://e/> .\nex:a ex:b \x1b]0;t\x07 .\n")
    for args in (["validate", str(bad)], ["relations", "\x1b]0;title\x07\x9b2J"]):
        result = subprocess.run([str(SCRIPT), *args], capture_output=True, timeout=120)
        assert result.returncode in (1, 2)
        assert result.stderr.startswith(b"Error: ")
        assert hostile(result.stderr) == []


def test_terminal_safe_keeps_tab_and_newline():
    from actorgraph.commands.render import terminal_safe

    assert terminal_safe("a\tb\nc\x1b[2J\x9b\x7f") == "a\tb\nc\\u001B[2J\\u009B\\u007F"
