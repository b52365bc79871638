"""`bmo ingest` and `bmo curriculum import` against a real database."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app


def _env(database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "EMBEDDINGS": "none", "LOG_FORMAT": "console"}


def test_ingest_reports_each_file_and_keeps_going(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "fees.md").write_text("# Fees\n\nThe annual fee is charged once a year.")
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path)], env=_env(database_url))
    assert result.exit_code == 0, result.output
    assert "fees.md" in result.output and "added" in result.output
    assert "empty.txt: the file is empty" in result.output
    assert "1 added, 0 updated, 0 unchanged, 1 skipped" in result.output

    again = CliRunner().invoke(app, ["ingest", str(tmp_path / "fees.md")], env=_env(database_url))
    assert "0 added, 0 updated, 1 unchanged, 0 skipped" in again.output


def test_ingest_fails_when_every_file_fails(database_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "nothing-here.pdf")], env=_env(database_url)
    )
    assert result.exit_code == 1
    assert "no file could be ingested" in result.output


def test_curriculum_import_validates_then_stores(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tracks:\n  - slug: cards\n    topics:\n      - slug: Fees!\n        title: F\n")
    result = CliRunner().invoke(app, ["curriculum", "import", str(bad)], env=_env(database_url))
    assert result.exit_code == 2
    assert "bad.yaml line 4: tracks.0.topics.0.slug" in result.output

    good = tmp_path / "good.yaml"
    good.write_text(
        "tracks:\n  - slug: cards\n    topics:\n      - slug: fees\n        title: Fees\n"
    )
    result = CliRunner().invoke(app, ["curriculum", "import", str(good)], env=_env(database_url))
    assert result.exit_code == 0, result.output
    assert "topics: 1 created, 0 updated" in result.output
