"""Where the shared training corpus lives: ../shared/corpus beside the checkout, or
BMO_CORPUS_DIR. A missing corpus is a loud failure, never a silently smaller test."""

from __future__ import annotations

import os
from pathlib import Path

CORPUS = Path(
    os.environ.get("BMO_CORPUS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
).resolve()

if not (CORPUS / "MANIFEST.md").is_file():
    raise RuntimeError(f"the shared training corpus is missing at {CORPUS}; set BMO_CORPUS_DIR")
