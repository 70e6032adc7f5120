"""The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description suites, run
against a real ``actorgraph serve``.

The manifests are read from ``../shared/conformance/w3c-sparql11`` (the module is skipped,
with the reason, when the folder is absent). Each test's requests are sent in order to a
server of the seeds plus the suite's ``data1``–``data3`` graphs: query tests to a
read-only server, update and Graph Store tests to one started with ``--allow-update`` and
a token (sent with every request). Each run prints its counts: passed, failed, and not
applicable with the reason.

Not applicable, by design (docs/endpoints.md): ``using-graph-uri`` and
``using-named-graph-uri`` (refused with 400: pyoxigraph cannot apply them; write USING in
the update), and multipart/form-data Graph Store bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, SCRIPT, TOKEN, Answer, Served, http, start_server

SUITES = ROOT.parent / "shared" / "conformance" / "w3c-sparql11"
pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not SUITES.is_dir(), reason=f"the W3C suites are not at {SUITES}"),
    pytest.mark.skipif(not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT}"),
]

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
#: Tests that do not apply to actorgraph, and why.
NOT_APPLICABLE = {
    "update_dataset_default_graph": "using-graph-uri is refused (400), by design",
    "update_dataset_default_graphs": "using-graph-uri is refused (400), by design",
    "update_dataset_named_graphs": "using-named-graph-uri is refused (400), by design",
    "update_dataset_full": "using-graph-uri is refused (400), by design",
    "post__multipart_formdata": "multipart/form-data bodies are not accepted (415)",
    "get_of_post__multipart_formdata": "follows the multipart POST",
    "delete__existing_graph": "the deprecated manifest deletes person/2.ttl, which no test makes",
    "post__existing_graph": "the manifest's Turtle body lacks its final '.' (not Turtle)",
    "get_of_post__existing_graph": "follows that POST",
}


@dataclass
class Counts:
    """Passed, failed and not-applicable tests of one suite, printed at the end."""

    suite: str
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    def report(self) -> str:
        lines = [
            f"{self.suite}: {len(self.passed)} passed, {len(self.failed)} failed, "
            f"{len(self.skipped)} not applicable"
        ]
        lines += [f"  FAILED {failure}" for failure in self.failed]
        lines += [f"  n/a {name}: {reason}" for name, reason in self.skipped.items()]
        return "\n".join(lines)


# --- servers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def protocol_data(tmp_path_factory) -> Path:
    """data1–data3 as the named graphs the manifest's ``ut:graphData`` labels name."""
    from rdflib import Graph, URIRef

    manifest = Graph().parse(SUITES / "protocol" / "manifest.ttl", format="turtle")
    names = {}
    for _test, data in manifest.subject_objects(URIRef(UT + "graphData")):
        graph = manifest.value(data, URIRef(UT + "graph"))
        label = manifest.value(data, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        names[Path(str(graph)).name] = str(label)
    lines = []
    for file, name in sorted(names.items()):
        body = (SUITES / "protocol" / file).read_text(encoding="utf-8")
        lines.append(f"<{name}> {{\n{body}\n}}\n")
    path = tmp_path_factory.mktemp("w3c") / "protocol-data.trig"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def read_only(protocol_data) -> Iterator[Served]:
    served = start_server("--data", str(protocol_data))
    yield served
    assert served.stop() == 0


@pytest.fixture
def writable(protocol_data, tmp_path) -> Iterator[Served]:
    from actorgraph.ingest.pipeline import load_store

    store = tmp_path / "db"
    load_store(store, [protocol_data])
    served = start_server("--store", str(store), "--allow-update", env={"ACTORGRAPH_TOKEN": TOKEN})
    yield served
    assert served.stop() == 0


def exactly(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Answer:
    """Send the request as written: no header added (urllib would add a Content-Type)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, body, headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


# --- the SPARQL 1.1 Protocol -----------------------------------------------------------


def protocol_tests() -> list[tuple[str, list[dict]]]:
    """``(name, requests)`` of each test, a request being a dict of what to send and expect."""
    from rdflib import Graph, URIRef
    from rdflib.collection import Collection

    manifest = Graph().parse(SUITES / "protocol" / "manifest.ttl", format="turtle")

    def one(subject, name):
        return manifest.value(subject, URIRef(name))

    head = one(URIRef((SUITES / "protocol" / "manifest.ttl").as_uri()), MF + "entries")
    found = []
    for test in Collection(manifest, head):
        action = one(test, MF + "action")
        requests = []
        for request in Collection(manifest, one(action, HT + "requests")):
            body = one(request, HT + "body")
            headers = {}
            header_list = one(request, HT + "headers")
            if header_list is not None:
                for header in Collection(manifest, header_list):
                    headers[str(one(header, HT + "fieldName"))] = str(
                        one(header, HT + "fieldValue")
                    )
            response = one(request, HT + "resp")
            statuses = {
                str(status).removeprefix(HTS)
                for status in manifest.objects(response, URIRef(MF + "expectedStatus"))
            }
            boolean = one(response, MF + "expectedBoolean")
            requests.append(
                {
                    "method": str(one(request, HT + "methodName")),
                    "path": str(one(request, HT + "absolutePath")),
                    "headers": headers,
                    "body": None
                    if body is None
                    else str(one(body, CNT + "chars")).encode(
                        str(one(body, CNT + "characterEncoding") or "UTF-8")
                    ),
                    "statuses": statuses,
                    "format": str(one(response, MF + "expectedFormat") or ""),
                    "boolean": None if boolean is None else boolean.toPython(),
                }
            )
        found.append((str(test).rsplit("#", 1)[1], requests))
    return found


def check(answer: Answer, request: dict) -> str | None:
    """What is wrong with ``answer``, or None."""
    if f"{answer.status // 100}xx" not in request["statuses"]:
        return (
            f"status {answer.status}, wanted {sorted(request['statuses'])}: {answer.body[:200]!r}"
        )
    media = (answer.header("Content-Type") or "").split(";")[0]
    if request["format"] in ("boolean", "tabular"):
        from pyoxigraph import QueryResultsFormat, parse_query_results

        fmt = QueryResultsFormat.from_media_type(media)
        if fmt is None:
            return f"results sent as {media}"
        result = parse_query_results(answer.body, fmt)
        if request["boolean"] is not None and bool(result) != request["boolean"]:
            return f"ASK gave {bool(result)}"
    if request["format"] == "RDF":
        from pyoxigraph import RdfFormat, parse

        fmt = RdfFormat.from_media_type(media)
        if fmt is None:
            return f"a graph sent as {media}"
        list(parse(answer.body, fmt))
    return None


def run_protocol(served: Served, tests, counts: Counts, token: bool) -> None:
    for name, requests in tests:
        if name in NOT_APPLICABLE:
            counts.skipped[name] = NOT_APPLICABLE[name]
            continue
        problem = None
        for request in requests:
            headers = dict(request["headers"])
            if token:
                headers["Authorization"] = f"Bearer {TOKEN}"
            path = request["path"].replace("/sparql/", "/sparql", 1)
            answer = exactly(request["method"], served.base + path, request["body"], headers)
            problem = check(answer, request)
            if problem:
                break
        (counts.failed.append(f"{name}: {problem}") if problem else counts.passed.append(name))


def test_sparql_protocol_suite(read_only, writable, capsys):
    counts = Counts("SPARQL 1.1 Protocol")
    tests = protocol_tests()
    run_protocol(
        read_only,
        [t for t in tests if not t[0].startswith(("update", "bad_update"))],
        counts,
        token=False,
    )
    run_protocol(
        writable,
        [t for t in tests if t[0].startswith(("update", "bad_update"))],
        counts,
        token=True,
    )
    with capsys.disabled():
        print("\n" + counts.report())
    assert not counts.failed, counts.report()
    assert len(counts.passed) + len(counts.skipped) == len(tests) == 34


# --- the Graph Store HTTP Protocol -----------------------------------------------------


def gsp_tests() -> list[tuple[str, str]]:
    """``(name, comment)`` of each Graph Store test: the request and response in Markdown."""
    from rdflib import Graph, URIRef
    from rdflib.collection import Collection

    path = SUITES / "http-rdf-update" / "manifest.ttl"
    manifest = Graph().parse(path, format="turtle")
    head = manifest.value(URIRef(path.as_uri()), URIRef(MF + "entries"))
    found = []
    comment = URIRef("http://www.w3.org/2000/01/rdf-schema#comment")
    for test in Collection(manifest, head):
        text = next(str(c) for c in manifest.objects(test, comment) if "#### Request" in str(c))
        found.append((str(test).rsplit("#", 1)[1], text))
    return found


def block(text: str) -> tuple[str, dict[str, str], bytes]:
    """The first line, the headers and the body of an indented Markdown block."""
    lines = [line[4:] if line.startswith("    ") else line.strip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    first, headers, index = lines[0].strip(), {}, 1
    while index < len(lines) and lines[index].strip():
        key, _, value = lines[index].partition(":")
        headers[key.strip()] = value.strip()
        index += 1
    body = "\n".join(lines[index:]).strip()
    return first, headers, body.encode("utf-8")


def run_gsp(served: Served, counts: Counts) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    host = served.base.removeprefix("http://")
    newpath = ""
    for name, text in gsp_tests():
        if name in NOT_APPLICABLE:
            counts.skipped[name] = NOT_APPLICABLE[name]
            continue
        text = text.replace("$HOST$", host).replace("/$GRAPHSTORE$", "/store")
        text = text.replace("$GRAPHSTORE$", "/store").replace("$NEWPATH$", newpath or "/none")
        request_text, _, response_text = text.partition("#### Response")
        line, headers, body = block(request_text.split("#### Request", 1)[1])
        method, target, _version = line.split()
        headers.pop("Host", None)
        headers["Authorization"] = f"Bearer {TOKEN}"
        url = target if target.startswith("http") else served.base + target
        answer = exactly(method, url, body or None, headers)
        status_line, expected_headers, expected_body = block(response_text.split('"""')[0])
        problem = None
        wanted = int(status_line.split()[0])
        if answer.status != wanted and not (wanted == 200 and answer.status == 204):
            problem = f"status {answer.status}, wanted {status_line}: {answer.body[:200]!r}"
        elif "Location" in expected_headers:
            newpath = answer.header("Location") or ""
            problem = None if newpath else "no Location"
        elif expected_body and method == "GET":
            got = Graph().parse(data=answer.body, format="turtle", publicID=url)
            wanted = Graph().parse(data=expected_body, format="turtle", publicID=url)
            if not isomorphic(got, wanted):
                problem = f"graph differs: {answer.body[:300]!r}"
        (counts.failed.append(f"{name}: {problem}") if problem else counts.passed.append(name))


def test_graph_store_protocol_suite(writable, capsys):
    counts = Counts("SPARQL 1.1 Graph Store HTTP Protocol")
    run_gsp(writable, counts)
    with capsys.disabled():
        print("\n" + counts.report())
    assert not counts.failed, counts.report()


# --- the Service Description ----------------------------------------------------------


def test_service_description_suite(read_only, capsys):
    """The manifest's three tests have no machine-readable actions; each is checked here."""
    from rdflib import Graph, Namespace, URIRef

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    counts = Counts("SPARQL 1.1 Service Description")
    manifest = (SUITES / "service-description" / "manifest.ttl").read_text(encoding="utf-8")
    names = re.findall(r"^:([\w-]+) rdf:type mf:ServiceDescriptionTest", manifest, re.M)
    answer = http("GET", read_only.sparql, headers={"Accept": "text/turtle"})
    description = Graph().parse(data=answer.body, format="turtle")
    services = list(description.subjects(predicate=sd.endpoint))
    results = {
        "returns-rdf": answer.status == 200 and len(description) > 0,
        "has-endpoint-triple": (None, sd.endpoint, URIRef(read_only.sparql)) in description,
        "conforms-to-schema": len(services) == 1
        and (services[0], sd.supportedLanguage, sd.SPARQL11Query) in description
        and any(description.objects(services[0], sd.resultFormat))
        and any(description.objects(None, sd.namedGraph)),
    }
    for name in names:
        (counts.passed if results.get(name) else counts.failed).append(name)
    with capsys.disabled():
        print("\n" + counts.report())
    assert not counts.failed and len(counts.passed) == 3, counts.report()
