"""Slack handlers translate a payload into one port call and hand the result to a
renderer: Block Kit is built in delivery/slack/ and bot/views/, never in a handler.
(What handlers may import is an import-linter contract in pyproject.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.scan import scan


def block_kit_literals(path: Path) -> list[str]:
    """Dict literals shaped like Block Kit: a constant "type" key (blocks, elements,
    text objects, views)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and any(isinstance(k, ast.Constant) and k.value == "type" for k in node.keys)
    ]


def test_handlers_build_no_block_kit() -> None:
    found = scan(("bot/handlers",), block_kit_literals)
    assert not found, f"render Block Kit in delivery/slack/ or bot/views/: {found}"


def test_the_check_sees_a_block(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]\n'
        'body = {"user": {"id": "U1"}}\n'
    )
    assert block_kit_literals(module) == ["line 1", "line 1"]
