"""actorgraph.ingest.targets: loads into memory (a check) and into a SPARQL server."""

from pathlib import Path

import pytest
from actorgraph.errors import ActorGraphError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.ingest.targets import load_in_memory
from actorgraph.query.stats import stats

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_load_in_memory_counts_what_the_graph_holds() -> None:
    loaded = load_in_memory([FIXTURES / "query_graph.ttl"])
    gs = open_graph(None, [FIXTURES / "query_graph.ttl"])
    assert loaded.quads == len(gs)
    assert loaded.summary == stats(gs)
    assert (loaded.statements, loaded.actors) == (stats(gs)["statements"], stats(gs)["actors"])


def test_a_load_in_memory_refuses_bad_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .\n", encoding="utf-8")
    with pytest.raises(ActorGraphError, match="bad.ttl"):
        load_in_memory([bad])
