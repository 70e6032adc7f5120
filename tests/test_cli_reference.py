"""docs/cli.md is generated from the commands (actorgraph.commands.reference) and kept current."""

from __future__ import annotations

from pathlib import Path

from actorgraph.commands.reference import REGENERATE, main, reference_markdown

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_docs_cli_md_is_current() -> None:
    written = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    assert written == reference_markdown(), (
        f"docs/cli.md is stale: the commands changed. Regenerate it with: {REGENERATE}"
    )


def test_the_reference_lists_every_command_with_usage_options_and_examples() -> None:
    text = reference_markdown()
    for command in ("actors", "who", "query", "export", "validate", "analyze camps"):
        assert f"`actorgraph {command}`" in text
    assert "Usage: actorgraph who [OPTIONS] {FAMILY} {ACTOR}" in text
    assert "- `-f, --format <table|json|csv>`: Output format. [default: table]" in text
    assert "- `-h, --help`: Show this message and exit." in text
    assert "actorgraph who talks-to Turkey" in text  # an example from the help epilog
    assert "\b" not in text


def test_main_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    main([str(target)])
    assert target.read_text(encoding="utf-8") == reference_markdown()
