"""The core issue's acceptance questions, asked through the real console script as a new user
would: who supports the Syrian government, who talks to Turkey, who opposes HTS — in English
and in Arabic, as a table and as JSON — each answer sourced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("actorgraph")

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT} (pip install -e .)"
)

QUESTIONS = [
    # (family, English name, Arabic name, actors that must answer, actors that must not)
    ("supports", "Syrian government", "الحكومة السورية", {"iran", "russia", "hezbollah"}, {"hts"}),
    ("talks-to", "Turkey", "تركيا", {"iran", "united-states", "russia"}, {"hts"}),
    ("opposes", "HTS", "هيئة تحرير الشام", {"united-states", "united-nations"}, {"turkey"}),
]


def actorgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


@pytest.mark.parametrize(("family", "english", "arabic", "present", "absent"), QUESTIONS)
def test_question_is_answered_with_sources_in_both_languages(
    tmp_path: Path, family: str, english: str, arabic: str, present: set, absent: set
) -> None:
    answers = []
    for name in (english, arabic):
        result = actorgraph("who", family, name, "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        answers.append(json.loads(result.stdout))
    assert answers[0] == answers[1], "English and Arabic names give different answers"
    found = {row["id"]: row for row in answers[0]}
    assert present <= set(found) and not absent & set(found)
    for row in found.values():
        assert row["statements"], row["id"]
        for statement in row["statements"]:
            assert statement["stance"] != "denied"
            assert statement["sources"] and all(s["line"] >= 1 for s in statement["sources"])

    table = actorgraph("who", family, arabic, cwd=tmp_path)
    assert table.returncode == 0 and table.stderr == ""
    for actor in present:
        assert actor in table.stdout
    assert "000_4ad9e107abaa6dbd.txt:" in table.stdout


def test_the_pmf_claim_counts_but_its_denial_is_shown_too(tmp_path: Path) -> None:
    supporters = json.loads(
        actorgraph("who", "supports", "syrian-government", "-f", "json", cwd=tmp_path).stdout
    )
    pmf = next(row for row in supporters if row["id"] == "pmf")
    assert {s["stance"] for s in pmf["statements"]} == {"claimed"}
    rows = json.loads(
        actorgraph(
            "relations", "الحشد الشعبي", "--stance", "denied", "-f", "json", cwd=tmp_path
        ).stdout
    )
    assert [(r["subject"], r["object"], r["attributed_to"]) for r in rows] == [
        ("pmf", "syrian-government", ["Iraq", "Miqdad Miri"])
    ]


def test_sparql_works_from_any_directory(tmp_path: Path) -> None:
    result = actorgraph(
        "query", "who-supports", "--param", "actor=syrian-government", "-f", "json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert bindings and any("iran" in str(b) for b in bindings)
