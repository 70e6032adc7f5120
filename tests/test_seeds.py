"""The curated seeds are true to their source: every citation points at a real line of the
corpus, every excerpt is copied verbatim from it, and no statement cites the headlines of other
articles that the web page embedded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from actorgraph.namespaces import AG as AG_IRI
from actorgraph.resources import seed_files
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

AG = Namespace(AG_IRI)
REPO = Path(__file__).resolve().parent.parent
MAX_EXCERPT_WORDS = 15


def _corpus_dir() -> Path:
    return Path(os.environ.get("ACTORGRAPH_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="module")
def seeds() -> Graph:
    g = Graph()
    for path in seed_files():
        g.parse(path)
    return g


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[str]]:
    directory = _corpus_dir()
    if not directory.is_dir():
        pytest.skip(f"corpus not found at {directory}; set ACTORGRAPH_CORPUS to check evidence")
    return {
        p.name: p.read_text(encoding="utf-8").split("\n")
        for p in directory.glob("*.txt")
        if p.name != "README.md"
    }


def _citations(g: Graph):
    for statement, ref in g.subject_objects(AG.source):
        document = g.value(g.value(ref, AG.document), AG.fileName)
        line = g.value(ref, AG.line)
        excerpt = g.value(ref, AG.excerpt)
        yield statement, str(document), int(line), (str(excerpt) if excerpt is not None else None)


def test_seeds_hold_dozens_of_actors_and_well_over_fifty_statements(seeds):
    statements = set(seeds.subjects(RDF.type, AG.Statement))
    actors = {s for s in seeds.subjects(RDFS.label) if str(s).startswith(AG_IRI[:-3] + "actor/")}
    assert len(statements) > 50
    assert len(actors) >= 24


def test_every_statement_cites_a_line_of_a_corpus_document(seeds, corpus):
    cited = list(_citations(seeds))
    assert cited, "no citations found"
    for statement, document, line, _ in cited:
        assert document in corpus, f"{statement} cites unknown document {document}"
        assert 1 <= line <= len(corpus[document]), f"{statement} cites line {line} of {document}"
        assert corpus[document][line - 1].strip(), f"{statement} cites an empty line {line}"
    without_source = set(seeds.subjects(RDF.type, AG.Statement)) - set(seeds.subjects(AG.source))
    assert not without_source


def test_every_excerpt_is_verbatim_from_its_cited_line(seeds, corpus):
    checked = 0
    for statement, document, line, excerpt in _citations(seeds):
        if excerpt is None:
            continue
        text = corpus[document][line - 1]
        assert excerpt in text, f"{statement}: excerpt not found on {document}:{line}: {excerpt!r}"
        assert len(excerpt.split()) <= MAX_EXCERPT_WORDS, f"{statement}: excerpt too long"
        checked += 1
    assert checked > 50


def test_no_statement_cites_an_embedded_headline_of_another_article(seeds, corpus):
    # The page embeds links to other articles as "-" / headline pairs; those lines are not
    # part of the report.
    for statement, document, line, _ in _citations(seeds):
        lines = corpus[document]
        assert lines[line - 1].strip() != "-", f"{statement} cites a separator line {line}"
        assert line < 2 or lines[line - 2].strip() != "-", (
            f"{statement} cites {document}:{line}, an embedded headline of another article"
        )


def test_every_actor_takes_part_in_a_statement(seeds):
    used = set()
    for prop in (AG.subject, AG.object, AG.attributedTo):
        used.update(seeds.objects(None, prop))
    actors = {s for s in seeds.subjects(SKOS.altLabel)} | {
        s for s in seeds.subjects(RDFS.label) if "/actor/" in str(s)
    }
    assert actors - used == set()


def test_every_actor_has_one_english_and_one_arabic_label(seeds):
    for actor in {s for s in seeds.subjects(RDFS.label) if "/actor/" in str(s)}:
        langs = sorted(lbl.language for lbl in seeds.objects(actor, RDFS.label))
        assert langs == ["ar", "en"], actor


def test_claim_and_denial_of_pmf_support_are_two_statements_on_one_triple(seeds):
    actor = Namespace(AG_IRI[:-3] + "actor/")
    stances = set()
    for st in seeds.subjects(AG.subject, actor.pmf):
        if (st, AG.object, actor["syrian-government"]) in seeds:
            stances.add(seeds.value(st, AG.stance))
    assert {AG.claimed, AG.denied} <= stances


def test_wikidata_links_only_point_at_entities(seeds):
    for _, target in seeds.subject_objects(URIRef("http://www.w3.org/2002/07/owl#sameAs")):
        assert str(target).startswith("http://www.wikidata.org/entity/Q")


def test_notes_are_english_and_short(seeds):
    for note in seeds.objects(None, AG.note):
        assert isinstance(note, Literal) and note.language == "en"
        assert len(str(note)) <= 200


def test_every_statement_has_a_date_or_says_it_is_from_before_its_document(seeds):
    undated = [
        statement
        for statement in seeds.subjects(RDF.type, AG.Statement)
        if seeds.value(statement, AG.date) is None
        and str(seeds.value(statement, AG.beforeDocument)).lower() not in ("true", "1")
    ]
    assert not undated, f"give these an ag:date or ag:beforeDocument true: {sorted(undated)}"
