"""Commands that keep a store safe: backup and restore (see :mod:`actorgraph.store.backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .common import example, say
from .options import StoreOption

__all__ = ["commands"]

commands = typer.Typer()

BackupDir = Annotated[
    Path,
    typer.Argument(metavar="DIR", file_okay=False, help="The backup directory."),
]


@commands.command("backup", epilog=example("actorgraph backup backups/2024-12-08 --store db"))
def backup_command(target: BackupDir, store: StoreOption = None) -> None:
    """Copy every quad of an on-disk store into the new directory DIR.

    DIR must not exist yet. It receives data.nq (all graphs, in N-Quads) and
    manifest.json (quad counts and a SHA-256 checksum); the store is only read.
    """
    from ..store.backup import backup

    manifest = backup(_required(store), target)
    say(f"Backed up {manifest.quads} quads from {store} into {target}")


@commands.command("restore", epilog=example("actorgraph restore backups/2024-12-08 --store db"))
def restore_command(source: BackupDir, store: StoreOption = None) -> None:
    """Replace the content of an on-disk store with the backup in DIR.

    The backup's checksum is checked first; the store switches to the restored content
    in one step (or is created), so it never holds a mixture. Other commands reading
    the store meanwhile see the old content until the switch.
    """
    from ..store.backup import restore

    report = restore(source, _required(store))
    say(
        f"Restored {report.quads} quads, {report.statements} statements, {report.actors} "
        f"actors from {source} into {store} in {report.seconds:.1f} s"
    )


def _required(store: Path | None) -> Path:
    if store is None:
        raise UsageError("give the on-disk store with --store DIR")
    return store
