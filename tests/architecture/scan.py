"""Run a per-module check over packages of the repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def scan(packages: tuple[str, ...], check: Callable[[Path], list[str]]) -> dict[str, list[str]]:
    """Module path -> what `check` found in it, for every module where it found something."""
    return {
        path.relative_to(REPO).as_posix(): found
        for package in packages
        for path in sorted((REPO / package).rglob("*.py"))
        if (found := check(path))
    }
