"""On-disk stores as generations: atomic switches, one writer at a time, readers never blocked.

A store directory holds ``generations/N/`` (complete Oxigraph stores), ``CURRENT`` (the number
of the live one) and ``lock`` (held by the one writer). A writer builds a new generation beside
the live one and then switches ``CURRENT`` atomically and durably, so a failed or killed write
changes nothing and a reader sees the old or the new generation, never half of one.
:func:`new_generation` builds one from scratch (loads, restores); :func:`next_generation` gives
a writable copy of the live one (the endpoint's updates).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pyoxigraph import Store

from ..errors import StoreError, StoreInUseError

__all__ = [
    "current_generation",
    "live_generation_dir",
    "next_generation",
    "new_generation",
    "open_read_only",
    "STORE_FILES",
]

_T = TypeVar("_T")
_WORK = "work"  # the writable copy :func:`next_generation` changes

#: The names an actorgraph store directory may hold.
STORE_FILES = frozenset({"CURRENT", "generations", "lock", "CURRENT.tmp", _WORK})


def new_generation(directory: Path, build: Callable[[Path], _T]) -> tuple[_T, int, float]:
    """Build a new generation of the store at ``directory`` with ``build`` and make it live.

    Under the writer lock; ``build(target)`` fills the new generation's directory (and removes
    it if it fails). Returns what ``build`` returned, the number of the generation now live and
    the seconds it took. If ``build`` raises, the live generation is untouched (and a store
    directory this call created is removed again).
    Raises :class:`StoreInUseError` if another process is writing.
    """
    started = time.perf_counter()
    _check_store_dir(directory)
    created = not directory.exists()
    with _writer_lock(directory), _storage_errors(directory):
        try:
            generation = _next_generation(directory)
            result = build(_generation_dir(directory, generation))
            _write_current(directory, generation)
        except BaseException:
            if created:  # leave no empty store behind
                shutil.rmtree(directory, ignore_errors=True)
            raise
        _remove_old_generations(directory, keep=generation)
    return result, generation, time.perf_counter() - started


def current_generation(directory: Path) -> int:
    """The number of the live generation of the on-disk store at ``directory``.

    It changes when a load or a write (:func:`next_generation`) makes a new one live, so
    a long-running reader can compare it to the one it opened and reopen the store.
    """
    return _read_current(directory)


def live_generation_dir(directory: Path) -> Path | None:
    """The directory of the live generation of the store at ``directory``, or None if
    there is no store there yet (for a writer holding the lock, to build on it)."""
    if not (directory / "CURRENT").exists():
        return None
    live = _generation_dir(directory, _read_current(directory))
    if not live.is_dir():
        raise StoreError(
            f"the store at {directory} names generation {live.name}, which is missing; "
            f"rebuild it with: actorgraph load --store {directory} --replace"
        )
    return live


@contextmanager
def next_generation(
    directory: Path, derive: Callable[[Store], object] | None = None, *, count: bool = True
) -> Iterator[Store]:
    """A writable copy of the live generation, made live if the ``with`` block succeeds.

    The copy is an Oxigraph backup (hard links, so it is quick). The writer lock is held
    throughout; when the block ends normally the derived layer follows the change
    (``derive(store)``; by default it is rebuilt in full: the endpoint's writes pass
    :meth:`actorgraph.web.writes.Change.derive`, which updates it incrementally), the graph
    is counted again (:func:`actorgraph.query.stats.record_counts`; with ``count`` false the
    counts kept before are dropped instead, so ``stats`` counts by its queries: the
    endpoint's writes do this, since counting a large graph costs seconds and a write a
    fraction of one), a backup of the copy
    becomes the new generation and ``CURRENT`` switches to it. (The copy itself is never
    made live: its open handle may still rewrite its files, under a reader.)
    If the block raises, or the process is killed, the live generation is untouched and
    the copy is discarded (by a later write, if killed).
    Raises :class:`StoreInUseError` if another process is writing.
    """
    with _writer_lock(directory), _storage_errors(directory):
        live = _generation_dir(directory, _read_current(directory))
        generation = _next_generation(directory)
        target = _generation_dir(directory, generation)
        # The copy lives outside generations/, which only ever holds complete generations:
        # Oxigraph may still write into it after a failure (the caller holds its handle),
        # so it may not be removed at once; the next write removes it first.
        work = directory / _WORK
        try:
            shutil.rmtree(work, ignore_errors=True)  # left by a failed or killed writer
            Store.read_only(str(live)).backup(str(work))
            store = Store(str(work))
            yield store
            if derive is None:
                from ..ingest.derive import derive  # the derived layer follows the change
            from ..query.stats import forget_counts, record_counts  # the counts stats reads

            derive(store)
            (record_counts if count else forget_counts)(store)
            store.flush()
            store.backup(str(target))
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _write_current(directory, generation)
    _remove_old_generations(directory, keep=generation)


def storage_error(directory: Path, error: OSError) -> StoreError:
    """A :class:`StoreError` for an operating-system error while writing the store at
    ``directory`` (a full disk, a read-only file system, no permission), with what to do.
    """
    text = str(error)
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or any(
        words in text for words in ("No space left", "File too large", "quota")
    ):
        what = "no space left (a full disk, a quota or a file-size limit)"
        hint = "free some space and run it again"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only" in text:
        what = error.strerror or "read-only or not writable"
        hint = "it can be read but not written here; fix its permissions, or copy it elsewhere"
    else:
        what, hint = error.strerror or "input/output error", "check the disk and permissions"
    detail = text if len(text) <= 160 else text[:157] + "..."
    return StoreError(
        f"cannot write the store at {directory}: {what}; {hint}. Nothing changed.\n({detail})"
    )


@contextmanager
def _storage_errors(directory: Path) -> Iterator[None]:
    """Turn an operating-system error while writing ``directory`` into a :class:`StoreError`."""
    try:
        yield
    except OSError as error:
        raise storage_error(directory, error) from None


def _check_store_dir(directory: Path) -> None:
    """Refuse to write into an existing directory that is not an (empty or) actorgraph store."""
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} is not a directory")
    if directory.is_dir():
        foreign = sorted(p.name for p in directory.iterdir() if p.name not in STORE_FILES)
        if foreign:
            raise StoreError(
                f"{directory} is not an actorgraph store (it holds {', '.join(foreign[:3])}); "
                "choose an empty or new directory"
            )


@contextmanager
def _writer_lock(directory: Path) -> Iterator[None]:
    """Hold the exclusive writer lock ``DIR/lock`` (non-blocking), recording our pid in it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise storage_error(directory, error) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            raise StoreInUseError(
                f"store {directory} is in use by another process (pid {holder}); "
                "try again when it finishes"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _generation_dir(directory: Path, generation: int) -> Path:
    return directory / "generations" / str(generation)


def _next_generation(directory: Path) -> int:
    """One more than any generation present, live or left over by a killed load."""
    generations = directory / "generations"
    numbers = (
        [int(p.name) for p in generations.iterdir() if p.name.isdigit()]
        if generations.is_dir()
        else []
    )
    return max(numbers, default=0) + 1


def _write_current(directory: Path, generation: int) -> None:
    """Point ``CURRENT`` at ``generation`` atomically and durably."""
    temporary = directory / "CURRENT.tmp"
    with open(temporary, "w", encoding="ascii") as out:
        out.write(f"{generation}\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, directory / "CURRENT")
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_old_generations(directory: Path, keep: int) -> None:
    for path in (directory / "generations").iterdir():
        if path.name != str(keep):
            shutil.rmtree(path, ignore_errors=True)


def open_read_only(directory: Path) -> Store:
    """The live generation of the store at ``directory``, read-only.

    If a load switches generations while we open it, the new live one is opened instead.
    """
    current = _read_current(directory)
    while True:
        target = _generation_dir(directory, current)
        try:
            if target.is_dir():
                return Store.read_only(str(target))
            failure = f"CURRENT names generation {current}, which is missing"
        except (OSError, RuntimeError) as error:  # RuntimeError: removed while opening
            failure = str(error)
        latest = _read_current(directory)
        if latest == current:
            raise StoreError(
                f"the store at {directory} cannot be opened: {failure}; "
                f"rebuild it with: actorgraph load --store {directory}"
            )
        current = latest


def _read_current(directory: Path) -> int:
    """The live generation number named by ``DIR/CURRENT``."""
    try:
        text = (directory / "CURRENT").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if not text.isdigit():
        raise StoreError(
            f"no actorgraph store at {directory}; "
            f"create one with: actorgraph load --store {directory}"
        )
    return int(text)
