"""Suggestion figures for every corpus document, and the time per 100 lines.

Run: python bench/suggest_bench.py [CORPUS_DIR] [--threshold T] (default: suggest's own)
Each document is scored with the cues whose origin is not that document, and the known ties
of the statements that cite other documents (leave-one-out). The time per 100 lines is the
reading of the lines; reading the known ties from the graph is a fixed cost per document,
printed apart (it would otherwise make a one-line document look slow).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actorgraph.curation.cues import load_cues
from actorgraph.curation.documents import read_document
from actorgraph.curation.evaluate import curated_statements, score
from actorgraph.curation.mentions import lexicon
from actorgraph.curation.suggest import DEFAULT_THRESHOLD, suggest_lines
from actorgraph.curation.ties import known_ties
from actorgraph.ingest.pipeline import open_graph


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get(
        "ACTORGRAPH_CORPUS", Path(__file__).resolve().parents[2] / "shared/corpus"
    )
    parser.add_argument("corpus", nargs="?", default=default, type=Path)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    gs = open_graph(None, ())
    lex = lexicon(gs)
    print(
        "document | lines | fam P | fam R | rel P | rel R | direction | candidates | ms/100 lines"
        " | known ties ms"
    )
    for path in sorted(args.corpus.glob("*.txt")):
        document = read_document(gs, path)
        cues = load_cues(exclude_origin=path.name)
        started = time.perf_counter()
        ties = known_ties(gs, lex.types, leave_out=path.name)
        read = time.perf_counter()
        found = suggest_lines(lex, document, threshold=args.threshold, cues=cues, ties=ties)
        elapsed = time.perf_counter() - read
        figures = score(found, curated_statements(gs, path.name))
        fam, rel, way = figures["family"], figures["relation"], figures["direction"]
        per100 = 1000 * elapsed * 100 / max(len(document.lines), 1)
        print(
            f"{path.name} | {len(document.lines)} | {fam['precision']} | {fam['recall']} "
            f"({fam['matched']}/{fam['statements']}) | {rel['precision']} | {rel['recall']} | "
            f"{way['accuracy']} ({way['right']}/{way['pairs']}) | {len(found)} | {per100:.1f}"
            f" | {1000 * (read - started):.1f}"
        )


if __name__ == "__main__":
    main()
