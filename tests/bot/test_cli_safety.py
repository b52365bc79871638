"""`bmo safety redact` and `bmo safety scan`: the product's redaction as batch commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

ENV = {"EMBEDDINGS": "none", "LOG_LEVEL": "WARNING"}


def test_redact_answers_every_line_in_order_and_explains_bad_ones() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Call Maria Lopez at 416\u00a0555\u20110199 today."}),
        "not json",
        json.dumps({"id": 7, "text": 42}),
        json.dumps(["a list"]),
        json.dumps({"id": "b", "text": "SKU 4155550123 ships with Regulation Z, section 1026.7."}),
    ]
    result = CliRunner().invoke(app, ["safety", "redact"], input="\n".join(lines) + "\n", env=ENV)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, 7, None, "b"]
    first = out[0]
    assert first["output"] == "Call [NAME] at [PHONE] today."
    original = json.loads(lines[0])["text"]
    assert [(e["type"], original[e["start"] : e["end"]]) for e in first["entities"]] == [
        ("name", "Maria Lopez"),
        ("phone", "416\u00a0555\u20110199"),
    ]
    assert "line 2" in out[1]["error"] and "JSON" in out[1]["error"]
    assert '"text" must be a string' in out[2]["error"]
    assert "not a JSON object" in out[3]["error"]
    assert out[4]["output"] == json.loads(lines[4])["text"] and out[4]["entities"] == []


def test_scan_reports_what_ingest_would_find_per_file(tmp_path: Path) -> None:
    (tmp_path / "file.md").write_text(
        "# Card notes\n\nMy client Aoife McCarthy wrote from aoife@northwind.example and "
        "asked us to call 416-555-0199 or 604-555-0134.\n",
        encoding="utf-8",
    )
    (tmp_path / "clean.txt").write_text("Keep every receipt for business purchases.\n")
    result = CliRunner().invoke(
        app, ["safety", "scan", str(tmp_path), str(tmp_path / "missing.md")], env=ENV
    )
    assert result.exit_code == 0, result.output
    found = {Path(o["file"]).name: o for o in map(json.loads, result.stdout.splitlines())}
    assert found["file.md"]["pii"] == {"email": 1, "name": 1, "phone": 2}
    assert found["clean.txt"]["pii"] == {} and found["clean.txt"]["chunks"] == 1
    assert found["missing.md"]["error"] == "no such file or folder"
