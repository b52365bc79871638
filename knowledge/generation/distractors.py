"""Wrong options of the same kind as the answer: amounts in the same unit and of a
plausible size, terms with the same kind of head word, definitions of other terms. None
is something the cited passage makes true, none repeats the topic title's words."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from knowledge.generation.facts import Amount, amounts
from knowledge.generation.terms import Term, describe, reads_as_term

_WORD = re.compile(r"[a-z][a-z'-]+")
# Typical sizes by unit, used only when the corpus offers too few amounts of that unit.
_USUAL: dict[str, list[float]] = {
    "days": [7, 10, 14, 21, 30, 45, 60, 90, 120, 180],
    "business days": [1, 2, 3, 5, 7, 10, 15, 30],
    "calendar days": [7, 14, 21, 30, 45, 60, 90],
    "months": [1, 3, 6, 9, 12, 18, 24, 36],
    "years": [1, 2, 3, 5, 7, 10],
    "$": [5, 10, 25, 50, 100, 250, 500, 1000],
    "%": [1, 2, 3, 5, 10, 15, 25, 30],
}


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3}


def numbers(answer: Amount, cited: str, corpus: Iterable[str], count: int = 3) -> list[str]:
    """Amounts in the answer's unit, closest in size first, from the corpus where it has
    them; never an amount the cited passage states in that unit."""
    if answer.value <= 0:
        return []
    true_values = {a.value for a in amounts(cited) if a.unit == answer.unit}
    seen = {answer.value, *true_values}
    found: list[float] = []
    for text in corpus:
        for a in amounts(text):
            if a.unit == answer.unit and a.value not in seen and a.value > 0:
                seen.add(a.value)
                found.append(a.value)
    usual = _USUAL.get(answer.unit) or [answer.value * f for f in (0.5, 2.0, 3.0, 1.5, 4.0)]
    pool = [v for v in found if 0.1 <= v / answer.value <= 10]
    pool.sort(key=lambda v: abs(math.log(v / answer.value)))
    for v in sorted(usual, key=lambda v: abs(math.log(v / answer.value))):
        if v not in seen and v == int(v):
            seen.add(v)
            pool.append(float(v))
    picked = pool[:count]
    return [answer.render(v) for v in picked] if len(picked) == count else []


@lru_cache(maxsize=65536)
def _vector(text: str) -> np.ndarray:
    from knowledge.minilm import shared_model

    return shared_model().encode([text])[0]


def similarity(a: str, b: str) -> float:
    return float(_vector(a.lower()) @ _vector(b.lower()))


def terms(
    answer: str,
    candidates: dict[str, Term],
    *,
    cited: str,
    title: str,
    count: int = 3,
    unlike: bool = False,
) -> list[str]:
    """Terms whose head is the same part of speech and number as the answer's, neither in
    the cited passage nor sharing a word with the answer or title; the most plausible
    (closest in MiniLM space without being a synonym) first. `unlike` keeps out the
    answer's own words and head and near-synonyms too, for a question where a narrower
    or broader name for the answer ("user accounts" for "accounts") would be true."""
    shape = describe(answer)
    if shape is None or not reads_as_term(answer):
        return []
    banned = content_words(title)
    if unlike:
        banned |= {w.rstrip("s") for w in content_words(answer)} | content_words(answer)
    ceiling = 0.7 if unlike else 0.8
    cited_lower = cited.lower()
    fits = [
        t.text
        for key, t in candidates.items()
        if t.head_pos == shape.head_pos
        and t.head_tag == shape.head_tag
        and len(t.text.split()) <= max(3, len(answer.split()) + 1)
        and key not in cited_lower
        and key != answer.lower()
        and not content_words(key) & banned
        and not (unlike and t.head == shape.head)
        and not (unlike and {w.rstrip("s") for w in content_words(key)} & banned)
    ]
    if len(fits) < count:
        return []
    # Plausible but not a paraphrase: similar topic, below near-synonym similarity.
    # Same head word first ("grace period" against "billing period"), then by similarity.
    head = {t.text: t.head for t in candidates.values()}
    scored = sorted(
        (
            (head.get(t) == shape.head, s, t)
            for t in fits[:80]
            if (s := similarity(answer, t)) < ceiling
        ),
        reverse=True,
    )
    picked: list[str] = []
    for _, _, t in scored:
        alone = describe(t)  # parsed on its own, as the learner reads the option
        if alone is None or (alone.head_pos, alone.head_tag) != (shape.head_pos, shape.head_tag):
            continue
        if not reads_as_term(t):
            continue
        if all(t.lower() not in p.lower() and p.lower() not in t.lower() for p in picked):
            picked.append(t)
        if len(picked) == count:
            return picked
    return []


def phrases(answer: str, others: Sequence[str], *, cited: str, count: int = 3) -> list[str]:
    """Other definitions from the corpus, shaped like the answer (a noun phrase opening
    with an article)."""
    articles = {"a", "an", "the", "any"}
    cited_lower = cited.lower()
    pool = [
        o
        for o in dict.fromkeys(others)
        if o.lower() != answer.lower()
        and o.lower() not in cited_lower
        and o.split()[0].lower() in articles
        and len(o) <= 200
    ]
    pool.sort(key=lambda o: -similarity(answer, o))
    return pool[:count] if len(pool) >= count else []
