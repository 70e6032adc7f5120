"""Commands for working at scale: synth (synthetic data for benchmarks and scale tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import example, say

__all__ = ["commands"]

commands = typer.Typer()


@commands.command(
    "synth",
    epilog=example(
        "actorgraph synth --statements 10000 -o synth-10k.nq",
        "actorgraph synth --statements 1000000 -o synth-1m.trig --seed 7",
    ),
)
def synth_command(
    statements: Annotated[
        int, typer.Option("--statements", "-n", min=1, help="How many ag:Statement nodes.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE (.nq or .trig)."
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same data.")] = 0,
) -> None:
    """Write synthetic, valid data of any size, streaming, for benchmarks and scale tests.

    Power-law actor degrees, the seeds' relation mix and stances, persons with roles (so
    roll-ups happen), dates over 2011-2024, and full provenance on every statement.
    """
    from ..ingest.synth import format_for, synth

    report = synth(statements, output, fmt=format_for(output), seed=seed)
    say(
        f"Wrote {report.statements} statements about {report.actors} actors "
        f"({report.triples} triples) to {output}"
    )
