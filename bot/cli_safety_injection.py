"""`bmo safety injection`: the product's prompt-injection check over JSON lines, for admins
and evaluation. Reads `{"id", "text", "where": "message"|"document"}` per line on stdin
and writes `{"id", "flagged", "reasons"}` per line; a bad line gets an error line."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import typer

MAX_LINE_CHARS = 1_000_000
MAX_TEXT_CHARS = 200_000
WHERE = ("message", "document")


def _judge(line: str, number: int) -> dict[str, Any]:
    from knowledge.safety.injection import detect

    if len(line) > MAX_LINE_CHARS:
        return {"id": None, "line": number, "error": f"line longer than {MAX_LINE_CHARS} chars"}
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"not JSON ({exc.msg})"}
    if not isinstance(row, dict):
        return {"id": None, "line": number, "error": "expected a JSON object"}
    ident = row.get("id")
    text = row.get("text")
    where = row.get("where", "message")
    if not isinstance(text, str):
        return {"id": ident, "line": number, "error": '"text" must be a string'}
    if len(text) > MAX_TEXT_CHARS:
        return {"id": ident, "line": number, "error": f'"text" over {MAX_TEXT_CHARS} chars'}
    if where not in WHERE:
        return {"id": ident, "line": number, "error": '"where" must be "message" or "document"'}
    verdict = detect(text, where=where)
    return {"id": ident, "flagged": verdict.flagged, "reasons": verdict.markers}


def judge_lines(source: IO[str], sink: IO[str]) -> int:
    """Judge every line of `source`; returns how many lines were errors."""
    errors = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        result = _judge(line, number)
        errors += "error" in result
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()
    return errors


def injection_command() -> None:
    """Flag prompt injection in JSON lines read from stdin: {"id", "text", "where"}."""
    judge_lines(sys.stdin, sys.stdout)


# Registration (the composition root wires it under `bmo safety`):
def register(safety_app: typer.Typer) -> None:
    safety_app.command("injection")(injection_command)
