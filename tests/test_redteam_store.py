"""The red team's findings about stores and backups (shared/reviews/redteam-2026-12-02.md).

L3 (a store without actors), L4 (a full disk), L5 (a read-only store) and L6 (a deeply
nested backup manifest, a backup whose data file is a named pipe). Each runs the real
console script on a real store: one clear ``Error:``, exit 1, no traceback, no hang, and
the store exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "actorgraph"
SMALL = Path(__file__).parent / "fixtures" / "store_small.ttl"


def actorgraph(*args: str | Path, cwd: Path, preexec_fn=None):
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec_fn,
    )


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def clean_failure(result, exit_code: int = 1) -> str:
    assert result.returncode == exit_code, result.stderr
    assert result.stderr.lstrip().startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def dump(cwd: Path, store: Path) -> set[str]:
    """The store's quads (N-Quads lines without blank nodes, which are renamed per export)."""
    text = ok(actorgraph("export", "-f", "nq", "--store", store, cwd=cwd))
    return {line for line in text.splitlines() if "_:" not in line}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    ok(actorgraph("load", "--store", "st", "--no-seeds", "--data", SMALL, cwd=tmp_path))
    ok(actorgraph("backup", "bk", "--store", "st", cwd=tmp_path))
    return tmp_path / "st"


# -- L3: a store without actors ----------------------------------------------------------


def test_l3_naming_an_actor_in_a_store_without_actors(tmp_path, store):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "data.nq").write_bytes(b"")
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    manifest.update(quads=0, graphs={}, sha256=hashlib.sha256(b"").hexdigest())
    (empty / "manifest.json").write_text(json.dumps(manifest))
    ok(actorgraph("restore", empty, "--store", store, cwd=tmp_path))
    for command in (
        ["relations", "iran"],
        ["who", "supports", "iran"],
        ["path", "iran", "russia"],
        ["explain", "iran", "russia"],
        ["timeline", "iran"],
    ):
        err = clean_failure(actorgraph(*command, "--store", store, cwd=tmp_path), exit_code=2)
        assert "unknown actor 'iran'" in err


# -- L4: a full disk ---------------------------------------------------------------------


@contextlib.contextmanager
def small_tmpfs(where: Path) -> Iterator[Path | None]:
    """A 30 MB tmpfs at ``where`` (None if this process cannot mount one)."""
    where.mkdir()
    mounted = os.geteuid() == 0 and (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )
    try:
        yield where if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(directory: Path, leave: int = 56 * 1024) -> None:
    stat = os.statvfs(directory)
    with open(directory / "fill", "wb") as out:
        out.truncate(0)
        os.posix_fallocate(out.fileno(), 0, max(stat.f_bavail * stat.f_frsize - leave, 1))


def _file_size_limit() -> None:  # in the child: writes past 200 kB fail with EFBIG
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


WRITES = [
    ["restore", "bk", "--store", "{st}"],
    ["load", "--store", "{st}", "--data", str(SMALL), "--name", "again"],
    ["infer", "--store", "{st}"],
]


def test_l4_a_full_disk_is_a_clean_error_and_changes_nothing(tmp_path):
    with small_tmpfs(tmp_path / "T") as disk:
        if disk is not None:  # a real full disk
            st = disk / "st"
            ok(actorgraph("load", "--store", st, "--no-seeds", "--data", SMALL, cwd=tmp_path))
            ok(actorgraph("backup", "bk", "--store", st, cwd=tmp_path))
            before = dump(tmp_path, st)
            fill(disk)
            limit = None
        else:  # no mount allowed: a file-size limit makes writes fail the same way
            st = tmp_path / "st"
            ok(actorgraph("load", "--store", st, "--no-seeds", "--data", SMALL, cwd=tmp_path))
            ok(actorgraph("backup", "bk", "--store", st, cwd=tmp_path))
            before = dump(tmp_path, st)
            limit = _file_size_limit
        for command in WRITES:
            args = [arg.format(st=st) for arg in command]
            err = clean_failure(actorgraph(*args, cwd=tmp_path, preexec_fn=limit))
            assert "no space left" in err and "Nothing changed" in err
        if disk is not None:
            (disk / "fill").unlink()
        assert dump(tmp_path, st) == before
        ok(actorgraph("load", "--store", st, "--data", SMALL, "--name", "again", cwd=tmp_path))


# -- L5: a read-only store ---------------------------------------------------------------


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """``directory`` read-only: a read-only bind mount as root, else file modes."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(directory), str(directory)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(directory)], check=True)
            yield
        finally:
            subprocess.run(["umount", "-l", str(directory)], check=True)
    else:
        paths = [directory, *directory.rglob("*")]
        for path in paths:
            path.chmod(path.stat().st_mode & ~0o222)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(path.stat().st_mode | 0o200)


def test_l5_a_read_only_store_is_read_and_refuses_writes_cleanly(tmp_path, store):
    before = dump(tmp_path, store)
    with read_only(store):
        ok(actorgraph("stats", "--store", store, cwd=tmp_path))
        ok(actorgraph("backup", "bk2", "--store", store, cwd=tmp_path))
        for command in WRITES:
            args = [arg.format(st=store) for arg in command]
            err = clean_failure(actorgraph(*args, cwd=tmp_path))
            assert "cannot write the store" in err and "Nothing changed" in err
        assert dump(tmp_path, store) == before


# -- L6: hostile backups -------------------------------------------------------------------


def test_l6_a_deeply_nested_manifest_is_not_a_backup(tmp_path, store):
    before = dump(tmp_path, store)
    (tmp_path / "bk" / "manifest.json").write_text("[" * 200_000 + "]" * 200_000)
    err = clean_failure(actorgraph("restore", "bk", "--store", store, cwd=tmp_path))
    assert "not an actorgraph backup" in err
    assert dump(tmp_path, store) == before


@pytest.mark.parametrize("name", ["data.nq", "manifest.json"])
def test_l6_a_named_pipe_in_a_backup_is_refused_without_waiting(tmp_path, store, name):
    before = dump(tmp_path, store)
    (tmp_path / "bk" / name).unlink()
    os.mkfifo(tmp_path / "bk" / name)
    # subprocess.run's timeout (120 s) only guards the test run: a hang is a failure
    err = clean_failure(actorgraph("restore", "bk", "--store", store, cwd=tmp_path))
    assert "is not a regular file" in err
    assert dump(tmp_path, store) == before
