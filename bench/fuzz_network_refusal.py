"""Differential fuzzer of the SERVICE/LOAD/FROM refusal, with Oxigraph itself as the oracle.

Each generated query or update hides one payload (SERVICE, LOAD, FROM, FROM NAMED, USING or
WITH) behind one lexical context: a local name with a backslash escape (``ex:a\\#``), a
comment ended by CR, LF or CRLF, a string of each of the four kinds, an IRI, a language
tag, a number, nested groups, a keyword glued to its neighbours or spelt in mixed case or
with ``\\u`` escapes. A decoy puts the payload inside a string, an IRI or an unended comment
instead, where it means nothing.

Every case runs twice: through :func:`actorgraph.query.sparql_refusal.network_refusal`, and
in-process in pyoxigraph against a fresh store. The oracle says whether Oxigraph acted on the
payload:

* SERVICE and LOAD: the canary, an HTTP server on 127.0.0.1 (a random port) that the
  payload's IRI points at, counts a request;
* FROM: the query sees the data of a named graph as its default graph;
* FROM NAMED: the query stops seeing the store's named graph;
* USING: the update deletes the data of a named graph; WITH: it writes into a named graph.

The invariant: whenever the oracle fires, the check refused. ``bypasses`` counts the
failures and must be 0. Run ``python bench/fuzz_network_refusal.py --queries 10000``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import random
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actorgraph.query.sparql_refusal import network_refusal  # noqa: E402

G = "http://e/g"  # a named graph of the store, holding one triple
ESCAPES = "_~.-!$&'()*+,;=/?#@%"
SEPARATORS = {
    "space": " ",
    "none": "",
    "lf": "\n",
    "cr": "\r",
    "crlf": "\r\n",
    "tab": "\t",
    "comment-lf": " # c\n",
    "comment-cr": " # c\r",
    "comment-crlf": "#c\r\n",
    "comment-u000A": " # c\\u000A",
    "dot": ".",
}
HIDERS = {
    **{f"pname-escape-{c}": f"ex:a\\{c}" for c in ESCAPES},
    "pname-escape-mid": "ex:a\\#b\\'c",
    "pname-dot": "ex:a.b",
    "pname-percent": "ex:a%23",
    "pname-ns": "ex:",
    "string1": "'a\\'b\"#'",
    "string2": '"a\\"b\'#"',
    "long1": "'''a'b''c\n#'''",
    "long2": '"""a"b""c\r#"""',
    "string-uchar-quote": '"a\\u0022b"',
    "string-lang": '"x"@en-US',
    "string-dir": '"x"@ar--rtl',
    "string-typed": '"1"^^<http://www.w3.org/2001/XMLSchema#int>',
    "iri-hash": "<http://e/#x'>",
    "iri-plain": "<http://e/a#b>",
    "iri-uchar": "<http://e/\\u0023>",
    "integer": "1",
    "decimal": "1.5",
    "double": "1.e5",
    "true": "true",
    "false": "false",
}


@dataclass
class Case:
    payload: str
    context: str
    text: str
    update: bool
    decoy: bool = False
    setup: str = ""  # an update that gives a triple pattern of the case its one match


@dataclass
class Counts:
    queries: int = 0
    refused: int = 0
    oracle_hits: int = 0
    bypasses: int = 0
    decoys_refused: int = 0
    by_context: Counter = field(default_factory=Counter)
    examples: list[Case] = field(default_factory=list)


class Canary:
    """An HTTP server on 127.0.0.1 that counts the requests it gets (ready once bound)."""

    def __init__(self) -> None:
        self.hits = 0
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                canary.hits += 1  # counted before the reply, so the client sees it after
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _case_word(rng: random.Random, word: str) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return word
    if shape == 1:
        return word.lower()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


def _keyword(rng: random.Random, word: str) -> tuple[str, str]:
    """A spelling of ``word`` and its name: mixed case, or a \\u escape of a letter."""
    if rng.random() < 0.1:
        i = rng.randrange(len(word))
        return word[:i] + f"\\u{ord(word[i]):04X}" + word[i + 1 :], "uescape"
    return _case_word(rng, word), "case"


def generate(rng: random.Random, canary: str) -> Case:
    """One random query or update hiding a payload in a random context."""
    payload = rng.choice(["service", "service", "load", "from", "fromnamed", "using", "with"])
    hider_name, hider = rng.choice(list(HIDERS.items()))
    sep_name, sep = rng.choice(list(SEPARATORS.items()))
    prologue = f"PREFIX ex: <http://e/> PREFIX : <{canary}/> "
    decoy = rng.random() < 0.1
    depth = rng.choice([0, 0, 0, 1, 3, rng.randrange(150, 260)])
    word, spelling = _keyword(rng, payload.upper().replace("FROMNAMED", "FROM"))
    target = f"<{canary}/{payload}>"
    if payload == "service":
        glue = rng.choice(["", "", "", "iri", "colon", "silent"])
        service = {
            "": f"{word} {target} {{ ?s ?p ?o }}",
            "iri": f"{word}{target}{{?s ?p ?o}}",
            "colon": f"{word}:svc {{ ?s ?p ?o }}",
            "silent": f"{word}{_case_word(rng, 'SILENT')}{target} {{ ?s ?p ?o }}",
        }[glue]
        spelling += f"-glue-{glue}" if glue else ""
        if decoy:
            service = _decoy(rng, service)
        place = rng.choice(["bind", "filter", "triple"])
        element = {
            "bind": f"BIND({hider} AS ?h)",
            "filter": f"FILTER(bound(?one) || {hider})",
            "triple": f"?s0 ex:p {hider}",
        }[place]
        if hider_name == "pname-ns" and place == "filter":
            element = "FILTER(true)"
        inner = service
        for _ in range(depth):
            inner = "{ " + inner + " }"
        text = f"{prologue}SELECT * WHERE {{ BIND(1 AS ?one) {element}{sep}{inner} }}"
        context = f"{place}/{hider_name}/{sep_name}/{spelling}"
        setup = f"{prologue}INSERT DATA {{ ex:s0 ex:p {hider} }}" if place == "triple" else ""
        return Case(payload, context, text, False, decoy, setup)
    if payload == "load":
        op = f"{word} {target}" if rng.random() < 0.7 else f"{word}{target}"
        if decoy:
            op = _decoy(rng, op)
        text = f"{prologue}INSERT DATA {{ ex:s ex:h {hider} }} ;{sep}{op}"
        return Case(payload, f"insert/{hider_name}/{sep_name}/{spelling}", text, True, decoy)
    if payload in ("from", "fromnamed"):
        named = f" {_case_word(rng, 'NAMED')}" if payload == "fromnamed" else ""
        source = f"<{G}>" if payload == "from" else f"<{canary}/other>"
        clause = f"{word}{named} {source}"
        if decoy:
            clause = _decoy(rng, clause)
        where = "{ ?s ?p ?o }" if payload == "from" else "{ GRAPH ?g { ?s ?p ?o } }"
        text = f"{prologue}SELECT (({hider}) AS ?h) ?s{sep}{clause} WHERE {where}"
        return Case(payload, f"project/{hider_name}/{sep_name}/{spelling}", text, False, decoy)
    if payload == "using":
        clause = f"{word} <{G}>"
        if decoy:
            clause = _decoy(rng, clause)
        text = (
            f"{prologue}DELETE {{ GRAPH <{G}> {{ ?s ?p ?o }} ex:x ex:h {hider} }}{sep}{clause} "
            "WHERE { ?s ?p ?o }"
        )
        return Case(payload, f"template/{hider_name}/{sep_name}/{spelling}", text, True, decoy)
    clause = f"{word} <{canary}/with>"
    if decoy:
        clause = _decoy(rng, clause)
    text = (
        f"{prologue}INSERT DATA {{ ex:s ex:h {hider} }} ;{sep}{clause} "
        "INSERT { ex:a ex:b ex:c } WHERE { }"
    )
    return Case(payload, f"insert/{hider_name}/{sep_name}/{spelling}", text, True, decoy)


def _decoy(rng: random.Random, text: str) -> str:
    """``text`` made harmless: inside a string, an IRI's path, or a comment with no end."""
    shape = rng.randrange(3)
    if shape == 0:
        return "BIND(" + '"""' + text.replace('"', "'") + '"""' + " AS ?d)"
    if shape == 1:
        return "BIND(<http://e/" + "".join(c for c in text if c.isalnum()) + "> AS ?d)"
    return "# " + text.replace("\n", " ").replace("\r", " ") + "\n"


def oracle(case: Case, canary: Canary) -> bool:
    """Whether Oxigraph acted on the case's payload (contacted the canary, used the graph)."""
    store = Store()
    store.add(Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"), NamedNode(G)))
    if case.setup:
        # a hider Oxigraph cannot read as an object: the case cannot run either
        with contextlib.suppress(SyntaxError):
            store.update(case.setup)
    before = canary.hits
    outcome = None
    try:
        if case.update:
            store.update(case.text)
        else:
            outcome = list(store.query(case.text))
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    if canary.hits > before:
        return True
    if case.payload == "from":
        return bool(outcome)
    if case.payload == "fromnamed":
        return outcome is not None and not outcome
    if case.payload == "using":
        return not list(store.quads_for_pattern(None, None, None, NamedNode(G)))
    if case.payload == "with":
        return any(store.quads_for_pattern(None, None, None, NamedNode(canary.url + "/with")))
    return False


def fuzz(queries: int, seed: int = 0) -> Counts:
    """Run ``queries`` generated cases; the canary lives for the run."""
    rng = random.Random(seed)
    counts = Counts()
    canary = Canary()
    try:
        for _ in range(queries):
            case = generate(rng, canary.url)
            refused = network_refusal(case.text, update=case.update) is not None
            hit = oracle(case, canary)
            counts.queries += 1
            counts.refused += refused
            counts.oracle_hits += hit
            counts.decoys_refused += refused and case.decoy
            counts.by_context[case.context.split("/")[0] + "/" + case.payload] += 1
            if hit and not refused:
                counts.bypasses += 1
                counts.examples.append(case)
    finally:
        canary.close()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    counts = fuzz(args.queries, args.seed)
    contexts = len({k for k in counts.by_context})
    print("| queries | refused | oracle hits | bypasses (must be 0) | decoys refused |")
    print("|---|---|---|---|---|")
    print(
        f"| {counts.queries} | {counts.refused} | {counts.oracle_hits} | {counts.bypasses} "
        f"| {counts.decoys_refused} |"
    )
    print(f"\n{contexts} slot/payload pairs, {len(HIDERS)} hiders, {len(SEPARATORS)} separators")
    for case in counts.examples[:5]:
        print(f"BYPASS {case.payload} {case.context}: {case.text!r}")
    return 1 if counts.bypasses else 0


if __name__ == "__main__":
    raise SystemExit(main())
