"""The larger shared training corpus, for the corpus suite (tests/corpus) only.

It lives outside the checkout: BMO_CORPUS_DIR names it (`.ci/run` sets it to
../shared/corpus when that exists). Unset, the corpus suite is not collected and the test
summary says so; set to a folder that is not the corpus, the run fails loudly.
"""

from __future__ import annotations

import os
from pathlib import Path

CORPUS_SUITE = Path(__file__).resolve().parents[1] / "corpus"


def corpus_dir() -> Path | None:
    raw = os.environ.get("BMO_CORPUS_DIR", "").strip()
    if not raw:
        return None
    path = Path(raw).resolve()
    if not (path / "MANIFEST.md").is_file():
        raise RuntimeError(f"BMO_CORPUS_DIR={raw} is not the training corpus (no MANIFEST.md)")
    return path


def require_corpus() -> Path:
    path = corpus_dir()
    if path is None:
        raise RuntimeError("the corpus suite needs BMO_CORPUS_DIR")
    return path
