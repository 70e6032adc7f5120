"""Tests of the installed ``actorgraph`` console script, run as a real subprocess.

They check what only a real process shows: the entry point works, errors carry no
traceback, Arabic arguments arrive intact, and a closed pipe ends the command quietly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "actorgraph"

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT} (pip install -e .)"
)


def actorgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_help():
    result = actorgraph("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: actorgraph ")
    assert "relations" in result.stdout


def test_stats_json():
    result = actorgraph("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {"actors", "statements", "by_family", "by_stance", "sources"}
    assert summary["actors"] > 0


def test_unknown_actor_exits_2_without_traceback():
    result = actorgraph("relations", "no-such-actor-anywhere")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown actor 'no-such-actor-anywhere'")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_relations_by_arabic_name():
    by_arabic = actorgraph("relations", "إيران", "--format", "json")
    assert by_arabic.returncode == 0, by_arabic.stderr
    rows = json.loads(by_arabic.stdout)
    assert rows and all("iran" in (row["subject"], row["object"]) for row in rows)
    assert rows == json.loads(actorgraph("relations", "iran", "--format", "json").stdout)


def test_closed_pipe_ends_quietly():
    process = subprocess.Popen(
        [str(SCRIPT), "actors"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # the reader is gone before the command writes anything
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert stderr == b""


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="reads Linux's /proc")
def test_ctrl_c_exits_130_quietly_and_leaves_no_store(tmp_path):
    # The data file is a named pipe that nobody writes: once it holds the writer lock, the
    # load waits in open() for a writer and cannot finish. The interrupt is sent once the
    # kernel reports it waiting there ("wait_for_partner"), so it always lands mid-load,
    # however fast or slow the machine (sent any earlier, it could land just before the
    # open() and leave it waiting for ever).
    directory, data = tmp_path / "db", tmp_path / "never-written.ttl"
    os.mkfifo(data)
    process = subprocess.Popen(
        [str(SCRIPT), "load", "--store", str(directory), "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # as a terminal would have it: a test run started in the background (a shell's
        # "&") ignores SIGINT, and a child would inherit that and never see Ctrl-C
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    waiting = Path(f"/proc/{process.pid}/wchan")
    deadline = time.monotonic() + 120
    while process.poll() is None and waiting.read_text() != "wait_for_partner":
        assert time.monotonic() < deadline, "the load never came to wait for its data"
        time.sleep(0.02)  # polling the kernel's report of what the process waits for
    assert process.poll() is None, process.communicate()
    assert (directory / "lock").exists()  # it holds the writer lock: the load has begun
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert (stdout, stderr) == (b"", b"")
    assert not directory.exists()
