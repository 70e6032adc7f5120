"""The SPARQL tokenizer, the refusal built on it (red-team H1, M1, L7), and a bounded fuzz run.

The fuzzer's oracle is pyoxigraph itself, against a canary HTTP server on 127.0.0.1: see
bench/fuzz_network_refusal.py, which runs the same generator with a larger budget.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from actorgraph.errors import QueryRefusedError
from actorgraph.query.sparql import check_network_access
from actorgraph.query.sparql_lexer import LexError, decode_codepoint_escapes, tokenize
from actorgraph.query.sparql_refusal import MAX_DEPTH, network_refusal
from pyoxigraph import Store

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "fuzz_network_refusal", ROOT / "bench" / "fuzz_network_refusal.py"
)
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_network_refusal"] = fuzz
_spec.loader.exec_module(fuzz)


@pytest.fixture(scope="module")
def canary():
    server = fuzz.Canary()  # listening once constructed: the socket is bound in __init__
    yield server
    server.close()


def kinds(text: str) -> list[tuple[str, str]]:
    return [(token.kind, token.text) for token in tokenize(text)]


# --- the lexer --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ex:a\\#", [("PNAME_LN", "ex:a\\#")]),
        ("ex:a\\'b", [("PNAME_LN", "ex:a\\'b")]),
        ("ex:a%41.b.", [("PNAME_LN", "ex:a%41.b"), ("PUNCT", ".")]),
        ("ex:a\\.b\\.c", [("PNAME_LN", "ex:a\\.b\\.c")]),
        ("ex:", [("PNAME_NS", "ex:")]),
        (":a:b", [("PNAME_LN", ":a:b")]),
        ("true.SERVICE", [("KEYWORD", "TRUE"), ("PUNCT", "."), ("KEYWORD", "SERVICE")]),
        ("# c\rSERVICE", [("KEYWORD", "SERVICE")]),
        ("# c\r\nx:y", [("PNAME_LN", "x:y")]),
        ("# c \\u000A x:y", []),
        ("'a\\'b'", [("STRING", "'a\\'b'")]),
        ('"a\\"b"', [("STRING", '"a\\"b"')]),
        ("'''a'b''c'''", [("STRING", "'''a'b''c'''")]),
        ('"""a\n"b"""', [("STRING", '"""a\n"b"""')]),
        ("''' '", [("STRING", "''"), ("STRING", "' '")]),
        ('"x"@en-US', [("STRING", '"x"'), ("LANGTAG", "@en-US")]),
        ('"x"^^xsd:int', [("STRING", '"x"'), ("PUNCT", "^^"), ("PNAME_LN", "xsd:int")]),
        ("<http://e/#a>", [("IRIREF", "<http://e/#a>")]),
        ("?a<?b", [("VAR", "?a"), ("PUNCT", "<"), ("VAR", "?b")]),
        ("?a<=$b", [("VAR", "?a"), ("PUNCT", "<="), ("VAR", "$b")]),
        ("_:b.c.", [("BLANK_NODE_LABEL", "_:b.c"), ("PUNCT", ".")]),
        ("1.", [("NUMBER", "1"), ("PUNCT", ".")]),
        (
            "1.e5 .5 2E-3 1.5",
            [("NUMBER", "1.e5"), ("NUMBER", ".5"), ("NUMBER", "2E-3"), ("NUMBER", "1.5")],
        ),
        ("( ) [\t]", [("NIL", "( )"), ("ANON", "[\t]")]),
        ("|| && != >= ^ !", [("PUNCT", p) for p in ("||", "&&", "!=", ">=", "^", "!")]),
        ("select a Where", [("KEYWORD", "SELECT"), ("KEYWORD", "a"), ("KEYWORD", "WHERE")]),
        ("sErViCe", [("KEYWORD", "SERVICE")]),
    ],
)
def test_tricky_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SERVICESILENT",  # Oxigraph reads SERVICE SILENT: no word here, so an error
        "A",  # 'a' is lower case only
        "ex:a.b.c",  # Oxigraph reads ex:a.b . c
        "\\u0053ERVICE",
        "'unterminated",
        '"line\nbreak"',
        "$",
        "@",
        "ex:a\\x",
        "x\u00a0y",
        "ex:a\U00010000",
    ],
)
def test_what_is_no_token_is_an_error(text: str) -> None:
    with pytest.raises(LexError):
        tokenize(text)


def test_codepoint_escapes_are_decoded() -> None:
    assert decode_codepoint_escapes("\\u0053ERVICE \\U0000004c") == "SERVICE L"
    assert decode_codepoint_escapes("\\uD800 \\u12") == "\\uD800 \\u12"


def test_a_megabyte_query_is_read_in_one_pass() -> None:
    """Token counts and characters looked at grow with the text, never with its square."""
    values = "SELECT * WHERE { VALUES ?v { " + "1 " * 500_000 + "} }"
    stats: dict[str, int] = {}
    assert len(tokenize(values, stats)) == 500_000 + 9
    assert stats["scanned"] <= 2 * len(values)
    for body, per in (
        ("true.", 2),
        ("ex:a.b ", 1),
        ("?v<", 2),
        ("# c\r", 0),
        ("x:" + "a" * 97 + ". ", 2),
    ):
        counts = []
        for repeats in (50_000 // len(body), 2 * (50_000 // len(body))):
            text = body * repeats
            tokens = tokenize(text, stats)
            assert len(tokens) == per * repeats
            assert stats["scanned"] <= 2 * len(text)
            counts.append(len(tokens))
        assert counts[1] == 2 * counts[0]


# --- the refusal ------------------------------------------------------------------------------

HASH = (
    "PREFIX ex: <http://e/>\nSELECT * WHERE {{ BIND(ex:a\\# AS ?v) SERVICE <{c}/hash> "
    "{{ ?s ?p ?o }} }}"
)
CR = "SELECT * WHERE {{ # \rSERVICE <{c}/cr> {{ ?s ?p ?o }} }}"
QUOTE = (
    "PREFIX ex: <http://e/>\nSELECT * WHERE {{ BIND(ex:a\\' AS ?v) SERVICE <{c}/quote> "
    "{{ ?s ?p ?o }} BIND('' AS ?w) }}"
)
TRUE_DOT = "SELECT * WHERE {{ BIND(1 AS ?x) ?s ?p true.SERVICE <{c}/true> {{ ?s ?p ?o }} }}"
GLUED = "PREFIX : <{c}/> SELECT * WHERE {{ SERVICE:glued {{ ?s ?p ?o }} }}"
SILENT = "SELECT * WHERE {{ SERVICESILENT<{c}/silent> {{ ?s ?p ?o }} }}"
TRUE_GLUED = (
    "PREFIX : <{c}/> SELECT * WHERE {{ BIND(1 AS ?x) ?s0 ?p trueservice:g {{ ?s ?p ?o }} }}"
)
DOTS = (
    "PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(1 AS ?x) ?s0 ex:p ex:a.b.SERVICE <{c}/dots> "
    "{{ ?s ?p ?o }} }}"
)


def hits(canary, text: str, update: bool = False) -> int:
    setup = "INSERT DATA { <http://e/s0> <http://e/p> true }"
    case = fuzz.Case("service", "regression", text, update, setup=setup)
    before = canary.hits
    fuzz.oracle(case, canary)
    return canary.hits - before


def test_the_oracle_is_real_an_unchecked_service_reaches_the_canary(canary) -> None:
    assert hits(canary, f"SELECT * WHERE {{ SERVICE <{canary.url}/plain> {{ ?s ?p ?o }} }}") == 1
    assert hits(canary, f"LOAD <{canary.url}/load>", update=True) == 1


@pytest.mark.parametrize("template", [HASH, CR, QUOTE, GLUED, SILENT, TRUE_GLUED])
def test_red_team_and_glued_bypasses_are_refused(canary, template: str) -> None:
    text = template.format(c=canary.url)
    assert hits(canary, text) == 1  # Oxigraph runs it: the check is all that stands between
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        check_network_access(text)


@pytest.mark.parametrize("template", [TRUE_DOT, DOTS])
def test_bypasses_through_dots_are_refused(template: str) -> None:
    assert network_refusal(template.format(c="http://127.0.0.1:9")) is not None


def test_load_behind_the_red_team_shapes_is_refused() -> None:
    for text in ("# c\rLOAD <http://127.0.0.1:9/x>", "PREFIX : <http://e/> LOAD:x"):
        assert "LOAD" in network_refusal(text, update=True)


def test_decoded_escapes_are_checked_too() -> None:
    assert "decoded" in network_refusal("SELECT * { # \\u000ASERVICE <http://x/> {} }")


@pytest.mark.parametrize(
    "text",
    [
        "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX : <http://e/> WITH :g INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING NAMED <http://e/g> WHERE { ?s ?p ?o }",
        "PREFIX fromage: <http://e/> SELECT * fromage:g WHERE { }",
    ],
)
def test_dataset_clauses_are_refused(text: str) -> None:
    assert "names a graph" in network_refusal(text, update=True)


def test_with_a_graph_of_the_store_may_run() -> None:
    text = (
        "PREFIX g: <https://w3id.org/actorgraph/graph/> WITH g:curated "
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    )
    assert network_refusal(text, update=True) is None


def test_deep_nesting_is_refused_not_crashed() -> None:
    deep = "ASK { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }"
    with pytest.raises(QueryRefusedError, match=f"more than {MAX_DEPTH} levels"):
        check_network_access(deep)
    fine = "ASK { FILTER(" + "(" * (MAX_DEPTH - 2) + "1" + ")" * (MAX_DEPTH - 2) + ") }"
    check_network_access(fine)
    Store().query(fine)


def test_unreadable_text_is_refused() -> None:
    with pytest.raises(QueryRefusedError, match="cannot read the query"):
        check_network_access("SELECT * WHERE { ?s ?p ?o } ~")


# --- the fuzz run -----------------------------------------------------------------------------


def test_bounded_differential_fuzz_finds_no_bypass() -> None:
    counts = fuzz.fuzz(1_000, seed=1)
    assert counts.queries == 1_000
    assert counts.bypasses == 0, [case.text for case in counts.examples]
    assert counts.oracle_hits > 300  # the oracle fires: the generator hides real payloads
    assert counts.refused >= counts.oracle_hits
