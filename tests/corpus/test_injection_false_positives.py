"""Ordinary training text from the shared corpus is rarely taken for prompt injection."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.safety.injection import detect
from tests.support.corpus import require_corpus

CORPUS = require_corpus()


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name in ("SOURCE.md", "MANIFEST.md"):
            continue
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = block.strip()
            if len(block) >= 80 and not block.startswith("#"):
                paragraphs.append(block)
    return paragraphs


def test_at_most_5_percent_of_real_training_paragraphs_are_flagged(
    record_property: Callable[[str, object], None],
) -> None:
    paragraphs = corpus_paragraphs()
    assert len(paragraphs) > 500  # the shared corpus, including OWASP and NIST texts
    flagged = [p for p in paragraphs if detect(p, where="document").flagged]
    rate = len(flagged) / len(paragraphs)
    record_property("injection_false_positive_rate", round(rate, 4))
    print(f"\ninjection false positives: {rate:.2%} of {len(paragraphs)} corpus paragraphs")
    assert rate <= 0.05, [p[:80] for p in flagged[:5]]
