"""SQL is built only in storage/: no other package constructs SQLAlchemy statements
(select, insert, update, delete, text, ...) or writes raw SQL strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.architecture.scan import scan

PACKAGES = ("admin_api", "bot", "delivery", "flows", "knowledge")

# Names that build SQL statements or expressions.
SQL_BUILDERS = {
    "select",
    "insert",
    "update",
    "delete",
    "text",
    "func",
    "literal_column",
    "table",
    "column",
    "exists",
    "union",
    "union_all",
    "and_",
    "or_",
    "not_",
    "case",
    "cast",
    "tuple_",
    "bindparam",
}
RAW_SQL = re.compile(
    r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|TRUNCATE\s+\w+|LOCK\s+TABLE)\b"
)

# Modules still building SQL, to be moved into storage/repositories. Keep this list short
# and shrinking: a module leaves it when its statements move; nothing new may join.
NOT_YET_MOVED: set[str] = set()


def sql_built_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            names = sorted(a.name for a in node.names if a.name in SQL_BUILDERS)
            if names:
                found.append((node.lineno, f"imports {', '.join(names)} from {node.module}"))
        elif isinstance(node, ast.Attribute) and node.attr in SQL_BUILDERS:
            if isinstance(node.value, ast.Name) and node.value.id in ("sa", "sqlalchemy"):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and RAW_SQL.search(node.value)
        ):
            found.append((node.lineno, f"raw SQL {node.value.strip()[:40]!r}"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def modules_building_sql() -> dict[str, list[str]]:
    return scan(PACKAGES, sql_built_in)


def test_no_module_outside_storage_builds_sql() -> None:
    offenders = modules_building_sql()
    new = {module: found for module, found in offenders.items() if module not in NOT_YET_MOVED}
    assert not new, "SQL belongs in storage/repositories:\n" + "\n".join(
        f"{module}: {'; '.join(found)}" for module, found in new.items()
    )


def test_the_list_of_modules_not_yet_moved_is_current() -> None:
    moved = NOT_YET_MOVED - set(modules_building_sql())
    assert not moved, f"these no longer build SQL; drop them from NOT_YET_MOVED: {moved}"


def test_the_check_sees_statements_and_raw_sql(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from sqlalchemy import select as s, text\n"
        "import sqlalchemy as sa\n"
        "q = sa.update(x)\n"
        "RAW = 'SELECT id FROM learners WHERE id = 1'\n"
        "PROSE = 'Select the option you prefer from the list'\n"
    )
    found = sql_built_in(module)
    assert [f.split(":")[0] for f in found] == ["line 1", "line 3", "line 4"], found
