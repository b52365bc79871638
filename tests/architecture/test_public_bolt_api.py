"""The Slack surface uses Bolt's and slack_sdk's public API only, so an upgrade of either
cannot silently break it: no subclass overrides a private method, no private attribute of
theirs is set, and nothing is imported from their internal modules."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.architecture.scan import scan


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            ("slack_bolt", "slack_sdk")
        ):
            if "internal" in node.module or any(a.name.startswith("_") for a in node.names):
                found.append(f"line {node.lineno}: imports from {node.module}")
        elif isinstance(node, ast.ClassDef) and any(
            isinstance(b, ast.Name) and b.id.startswith(("Async", "Slack")) for b in node.bases
        ):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and (
                    item.name.startswith("_") and not item.name.startswith("__")
                ):
                    found.append(f"line {item.lineno}: overrides {node.name}.{item.name}")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr.startswith("_async"):
                    found.append(f"line {node.lineno}: sets {target.attr}")
    return found


def test_no_private_bolt_or_slack_sdk_api() -> None:
    found = scan(("bot", "delivery"), private_uses)
    assert not found, found


def test_the_check_sees_private_overrides(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from slack_bolt.lazy_listener.async_internals import to_runnable_function\n"
        "class App(AsyncApp):\n"
        "    def _init_context(self, req): ...\n"
        "app._async_listener_runner = None\n"
    )
    assert [f.split(":")[0] for f in private_uses(module)] == ["line 1", "line 3", "line 4"]
