"""Backing up an on-disk store to a directory, and restoring it from one.

A backup is a directory holding two files:

* ``data.nq``: every quad of the store's live generation in N-Quads (curated, ontology,
  derived and inferred graphs alike), one quad per line;
* ``manifest.json``: what the backup is (``format``, ``version``), when it was made, how
  many quads it holds in all and per graph, and the SHA-256 of ``data.nq``.

N-Quads rather than Oxigraph's own on-disk backup: it is plain text that any RDF tool
reads, it does not depend on the Oxigraph version that wrote it, and it can live on any
file system (an Oxigraph backup is hard links into the store's own file system).

:func:`backup` writes the directory beside its final place and renames it there only
when complete, so a failed backup leaves nothing. :func:`restore` checks the manifest and
the checksum before anything is touched, then makes the quads a new generation of the
store under the writer lock (:func:`actorgraph.ingest.pipeline.replace_store`), so the store holds
either its old content or the complete backup, never a mixture.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pyoxigraph import DefaultGraph, Quad, RdfFormat, parse, serialize

from ..errors import StoreError
from ..ingest.pipeline import LoadReport, open_graph, replace_store
from ..records import Record

__all__ = ["FORMAT", "VERSION", "Manifest", "backup", "read_manifest", "restore"]

FORMAT = "actorgraph-backup"
VERSION = 1
_DATA = "data.nq"
_MANIFEST = "manifest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest(Record):
    """What ``manifest.json`` says about a backup (its ``to_dict`` is the file's content)."""

    JSON_KEYS = ("format", "version", "file", "created", "quads", "graphs", "sha256")
    format: ClassVar[str] = FORMAT
    version: ClassVar[int] = VERSION
    file: ClassVar[str] = _DATA

    created: str  # ISO 8601, UTC
    quads: int
    graphs: dict[str, int]  # quads per graph IRI ("" for the default graph)
    sha256: str  # of data.nq


def backup(store: Path, target: Path) -> Manifest:
    """Write every quad of the on-disk ``store`` to the new backup directory ``target``.

    Raises :class:`StoreError` if ``target`` exists (nothing is written then) or the store
    cannot be opened.
    """
    if target.exists() or target.is_symlink():
        raise StoreError(
            f"{target} already exists; back up into a new directory (nothing was written)"
        )
    gs = open_graph(store=store)
    graphs: Counter[str] = Counter()
    try:
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as error:
        raise StoreError(f"cannot create {target}: {error.strerror}") from None
    try:
        with open(work / _DATA, "wb") as out:
            serialize(_counted(gs.quads(), graphs), out, RdfFormat.N_QUADS)
            out.flush()
            os.fsync(out.fileno())
        manifest = Manifest(
            created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            quads=sum(graphs.values()),
            graphs=dict(sorted(graphs.items())),
            sha256=_sha256(work / _DATA) or "",
        )
        (work / _MANIFEST).write_text(
            json.dumps(manifest.to_dict(), indent=2) + "\n", encoding="utf-8"
        )
        os.chmod(work, 0o755)
        os.rename(work, target)
    except BaseException as error:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write {target}: {error.strerror or error}") from None
        if isinstance(error, RuntimeError):  # the generation read was removed by a write
            raise StoreError(
                f"the store changed while it was being backed up ({error}); "
                "nothing was written, try again"
            ) from None
        raise
    return manifest


def read_manifest(source: Path) -> Manifest:
    """The manifest of the backup directory ``source``, checked against its data file.

    Raises :class:`StoreError` if ``source`` is not an actorgraph backup, is of a newer
    version, or its data file does not match the checksum.
    """
    for name in (_MANIFEST, _DATA):
        path = source / name
        if path.exists() and not path.is_file():  # a FIFO would block, a device never end
            raise StoreError(
                f"{path} is not a regular file; a backup holds {_MANIFEST} and {_DATA} as "
                "plain files (make one with: actorgraph backup DIR --store STORE)"
            )
    try:
        raw = json.loads((source / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # deep nesting
        raw = None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StoreError(
            f"{source} is not an actorgraph backup (no valid {_MANIFEST}); "
            "make one with: actorgraph backup DIR --store STORE"
        )
    if raw.get("version") != VERSION:
        raise StoreError(
            f"{source} is a backup of version {raw.get('version')!r}; "
            f"this actorgraph reads version {VERSION}"
        )
    try:
        manifest = Manifest(
            str(raw["created"]), int(raw["quads"]), dict(raw["graphs"]), str(raw["sha256"])
        )
    except (KeyError, TypeError, ValueError):
        raise StoreError(f"{source}/{_MANIFEST} is damaged (a field is missing)") from None
    if _sha256(source / _DATA) != manifest.sha256:
        raise StoreError(
            f"{source}/{_DATA} is missing or does not match the checksum in {_MANIFEST}; "
            "the backup is damaged and cannot be restored"
        )
    return manifest


def restore(source: Path, store: Path) -> LoadReport:
    """Replace the content of the on-disk ``store`` with the backup in ``source``, atomically.

    The manifest and checksum are checked first; the store is created if it does not
    exist. Raises :class:`StoreError` for a directory that is not a sound backup and
    :class:`~actorgraph.errors.StoreInUseError` if another process is writing to the store.
    """
    manifest = read_manifest(source)
    quads = parse(path=str(source / _DATA), format=RdfFormat.N_QUADS)
    return replace_store(store, _checked(quads, manifest, source))


def _counted(quads: Iterable[Quad], graphs: Counter[str]) -> Iterator[Quad]:
    """``quads`` unchanged, counting them per graph into ``graphs`` as they pass."""
    for quad in quads:
        graph = quad.graph_name
        graphs["" if isinstance(graph, DefaultGraph) else graph.value] += 1
        yield quad


def _checked(quads: Iterable[Quad], manifest: Manifest, source: Path) -> Iterator[Quad]:
    """``quads``, raising :class:`StoreError` at the end if they differ from the manifest."""
    graphs: Counter[str] = Counter()
    try:
        yield from _counted(quads, graphs)
    except SyntaxError as error:
        raise StoreError(f"{source}/{_DATA} cannot be read: {error}") from None
    if dict(graphs) != manifest.graphs:
        raise StoreError(
            f"{source}/{_DATA} holds {sum(graphs.values())} quads where {_MANIFEST} says "
            f"{manifest.quads}; the backup is damaged and cannot be restored"
        )


def _sha256(path: Path) -> str | None:
    """The file's SHA-256 in hex, or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as data:
            while chunk := data.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
