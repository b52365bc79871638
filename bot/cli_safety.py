"""`bmo safety …`: the product's own safety steps as batch commands, for admins and evaluation.

Each command runs the same code as the product's boundaries, offline on the embedded
default. Line-oriented commands read JSON lines on stdin and write one JSON line per input
line on stdout, in order; a line that cannot be used gets an `{"id", "error"}` line and the
batch goes on. A new line-oriented command is one function registered with `json_lines`.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from bot.runtime import StartupError, settings_or_fail
from knowledge.ingest import expand_sources, scan_document
from knowledge.loaders import LoaderError, check_size
from knowledge.nlp import PipelineMissingError
from knowledge.safety import pii

safety_app = typer.Typer(
    no_args_is_help=True,
    help="PII and safety checks on text and documents, as ingest applies them.",
)

MAX_LINE_BYTES = 1_000_000  # one JSON line; longer lines are refused, not read into memory
MAX_TEXT_CHARS = 200_000


class BadLine(ValueError):
    """The line cannot be processed; the message says why."""


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _lines(stream: IO[bytes]) -> Iterable[tuple[int, bytes | None]]:
    """Numbered lines, each bounded: an over-long line is skipped to its end and given as
    None."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def text_field(record: dict[str, Any], name: str = "text") -> str:
    value = record.get(name)
    if not isinstance(value, str):
        raise BadLine(f'"{name}" must be a string')
    if len(value) > MAX_TEXT_CHARS:
        raise BadLine(f'"{name}" is longer than {MAX_TEXT_CHARS} characters')
    return value


def json_lines(
    process: Callable[[dict[str, Any]], dict[str, Any]],
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Run `process` on every JSON object read from stdin; returns the number of bad lines."""
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout
    bad = 0
    for number, raw in _lines(source):
        record_id: Any = None
        try:
            if raw is None:
                raise BadLine(f"longer than {MAX_LINE_BYTES} bytes")
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise BadLine("not UTF-8") from None
            except json.JSONDecodeError as exc:
                raise BadLine(f"not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise BadLine("not a JSON object")
            record_id = record.get("id")
            result = {"id": record_id, **process(record)}
        except BadLine as exc:
            bad += 1
            result = {"id": record_id, "error": f"line {number}: {exc}"}
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()
    if bad:
        typer.secho(f"{bad} line(s) could not be processed", err=True)
    return bad


def redact_record(record: dict[str, Any]) -> dict[str, Any]:
    result = pii.redact(text_field(record))
    return {"output": result.text, "entities": result.entities}


def _start() -> None:
    """Settings (for the spaCy pipeline) and the model loaded before the first line."""
    try:
        settings_or_fail()
        pii.warm()
    except (StartupError, PipelineMissingError) as exc:
        _fail(str(exc))


@safety_app.command("redact")
def redact() -> None:
    """Redact PII: reads {"id", "text"} lines, writes {"id", "output", "entities"} lines."""
    _start()
    json_lines(redact_record)


def scan_file(path: Path, max_bytes: int) -> dict[str, Any]:
    """What ingest would find in one file (CPU work: call it in a thread)."""
    check_size(path, path.stat().st_size, max_bytes)
    data = path.read_bytes()
    check_size(path, len(data), max_bytes)
    return scan_document(path, data)


async def _scan(paths: list[Path], max_bytes: int) -> None:
    files, problems = expand_sources(paths)
    for problem in problems:
        print(json.dumps({"file": problem.source, "error": problem.reason}), flush=True)
    for path in files:
        try:
            found = await asyncio.to_thread(scan_file, path, max_bytes)
            line: dict[str, Any] = {"file": str(path), **found}
        except LoaderError as exc:
            line = {"file": str(path), "error": str(exc)}
        except OSError as exc:
            line = {"file": str(path), "error": f"cannot read ({exc.strerror})"}
        print(json.dumps(line, ensure_ascii=False), flush=True)


@safety_app.command("scan")
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders, as for `bmo ingest`.")],
) -> None:
    """Per file, what ingest would find (PII counts by type), storing nothing."""
    try:
        settings = settings_or_fail()
        pii.warm()
    except (StartupError, PipelineMissingError) as exc:
        _fail(str(exc))
        return
    asyncio.run(_scan(paths, settings.max_document_bytes))


def register(app: typer.Typer) -> None:
    app.add_typer(safety_app, name="safety")
