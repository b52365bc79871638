"""Lessons without an LLM: an extractive lesson from the best sentences of the passages and
cloze questions whose distractors are other terms of the same kind from other passages."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.generation.models import MAX_BODY_CHARS, LessonDraft, QuizQuestion
from knowledge.passages import Passage

GENERATOR = "offline"
BLANK = "_____"

_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "you",
        "your",
        "not",
        "may",
        "can",
        "any",
        "all",
        "each",
        "such",
        "which",
        "who",
        "when",
        "what",
        "under",
        "must",
        "shall",
        "than",
        "other",
        "also",
        "more",
        "these",
        "those",
        "there",
        "been",
        "being",
        "does",
        "should",
        "would",
        "section",
        "paragraph",
        "including",
        "following",
        "described",
    }
)
# Legal numbering, citations and file names make poor lesson sentences.
_NOISE = re.compile(r"\(\d+\)|\([a-z]\)|\([ivx]+\)|\bU\.S\.C\.|\bCFR\b|§|\.md\b|https?://|\bsee\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_WORD = re.compile(r"[a-z][a-z'-]+")
# Kinds of term a cloze can blank, most specific first. A distractor is always a term of
# the same kind, so "$50" competes with other amounts, "APR" with other acronyms.
_TERMS: list[tuple[str, re.Pattern[str]]] = [
    ("money", re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?")),
    ("percent", re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b)")),
    (
        "duration",
        re.compile(r"\b\d+\s(?:business |calendar )?(?:days?|months?|years?|billing cycles?)\b"),
    ),
    ("acronym", re.compile(r"\b[A-Z]{3,5}s?\b")),
    ("term", re.compile(r"\b[a-z]{8,}\b")),
]


class OfflineCompositionError(Exception):
    """The passages are too thin to build a lesson with a question."""


@dataclass(frozen=True)
class _Sentence:
    text: str
    passage: Passage
    position: int
    score: float


def clean(text: str) -> str:
    """Markdown and layout out, prose in."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*#.*$", "", text)  # headings are shown in the citation instead
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.|>)\s*", "", text)
    text = re.sub(r"[*_`|]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _sentences(passages: Sequence[Passage], query: set[str]) -> list[_Sentence]:
    found = []
    for rank, passage in enumerate(passages):
        for position, sentence in enumerate(_SENTENCE.split(clean(passage.text))):
            sentence = sentence.strip()
            if not 40 <= len(sentence) <= 320 or sentence.count(" ") < 6:
                continue
            words = _words(sentence)
            overlap = len(words & query) / (1 + len(query)) ** 0.5
            noise = len(_NOISE.findall(sentence))
            score = (
                2.0 * overlap
                + 0.3 / (1 + position)
                + 0.4 / (1 + rank)
                + 0.03 * min(len(words), 12)
                - 0.4 * noise
            )
            found.append(_Sentence(sentence, passage, position, score))
    return found


def _terms(text: str) -> list[tuple[str, str]]:
    taken: list[tuple[int, int]] = []
    terms = []
    for kind, pattern in _TERMS:
        for m in pattern.finditer(text):
            if kind == "term" and m.group(0) in _STOP:
                continue
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append((m.start(), m.end()))
                terms.append((kind, m.group(0).strip()))
    return terms


def _pool(passages: Sequence[Passage]) -> dict[str, dict[str, set[int]]]:
    """kind -> term -> chunk ids where it appears."""
    pool: dict[str, dict[str, set[int]]] = {}
    for p in passages:
        for kind, term in _terms(clean(p.text)):
            pool.setdefault(kind, {}).setdefault(term, set()).add(p.chunk_id)
    return pool


def _cloze(
    sentence: _Sentence,
    pool: dict[str, dict[str, set[int]]],
    query: set[str],
    rng: random.Random,
    used: set[str],
) -> QuizQuestion | None:
    # Numbers and named terms first; among plain words, the ones the topic is about.
    kinds = [k for k, _ in _TERMS]
    candidates = sorted(
        _terms(sentence.text),
        key=lambda t: (kinds.index(t[0]), t[1].lower() not in query, -len(t[1])),
    )
    for kind, answer in candidates:
        if answer.lower() in used:
            continue
        others = [
            t
            for t in pool.get(kind, {})
            if t.lower() != answer.lower() and t.lower() not in sentence.text.lower()
        ]
        # Best distractors: from other passages, shaped like the answer (same ending, so a
        # plural competes with plurals), and common in the material.
        others.sort(
            key=lambda t: (
                sentence.passage.chunk_id in pool[kind][t],
                t[-2:].lower() != answer[-2:].lower(),
                -len(pool[kind][t]),
                t,
            )
        )
        distinct: list[str] = []
        for term in others:
            if term.lower() not in {d.lower() for d in distinct}:
                distinct.append(term)
        if len(distinct) < 3:
            continue
        used.add(answer.lower())
        distractors = rng.sample(distinct[:8], 3)
        options = [answer, *distractors]
        rng.shuffle(options)
        stem = sentence.text.replace(answer, BLANK, 1)
        return QuizQuestion(
            stem=f"Fill in the blank: {stem}"[:300],
            options=options,
            correct_option=options.index(answer),
            explanation=f"The material says: \u201c{sentence.text}\u201d"[:600],
            citation_chunk_id=sentence.passage.chunk_id,
        )
    return None


def compose(
    *,
    topic_title: str,
    objectives: Sequence[str],
    passages: Sequence[Passage],
    difficulty: int = 1,
    distractor_passages: Sequence[Passage] = (),
) -> LessonDraft:
    if not passages:
        raise OfflineCompositionError("no passages to build a lesson from")
    query = _words(" ".join([topic_title, *objectives]))
    sentences = _sentences(passages, query)
    if not sentences:
        raise OfflineCompositionError("the passages hold no usable sentences")
    ranked = sorted(sentences, key=lambda s: -s.score)

    chosen: list[_Sentence] = []
    length = 0
    for s in ranked:
        if length + len(s.text) + 2 > MAX_BODY_CHARS:
            continue
        chosen.append(s)
        length += len(s.text) + 2
        if len(chosen) >= 8:
            break
    order = {p.chunk_id: i for i, p in enumerate(passages)}
    chosen.sort(key=lambda s: (order[s.passage.chunk_id], s.position))
    paragraphs: list[str] = []
    last_chunk = None
    for s in chosen:
        if s.passage.chunk_id != last_chunk:
            paragraphs.append(s.text)
            last_chunk = s.passage.chunk_id
        else:
            paragraphs[-1] += " " + s.text
    body = "\n\n".join(paragraphs)

    seed = int(hashlib.sha256(f"{topic_title}|{difficulty}".encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)
    pool = _pool([*passages, *distractor_passages])
    wanted = min(3, max(1, difficulty + 1))
    questions: list[QuizQuestion] = []
    used: set[str] = set()
    # Clean sentences first; legal-numbered ones only if nothing else offers a question.
    candidates = [s for s in ranked if len(s.text) <= 260]
    candidates.sort(key=lambda s: len(_NOISE.findall(s.text)) > 1)
    for s in candidates:
        question = _cloze(s, pool, query, rng, used)
        if question is not None:
            questions.append(question)
        if len(questions) >= wanted:
            break
    if not questions:
        raise OfflineCompositionError("no sentence offers a term with same-kind distractors")

    key_points = [s.text if len(s.text) <= 200 else s.text[:197] + "..." for s in ranked[:3]]
    first = min(chosen, key=lambda s: (order[s.passage.chunk_id], s.position))
    scenario = (
        f"A colleague is about to use the company card and asks you about "
        f"{topic_title.lower()}. What would you tell them, based on this point: "
        f"\u201c{first.text[:300]}\u201d"
    )[:600]
    return LessonDraft(
        title=topic_title[:150],
        body=body,
        key_points=key_points,
        scenario=scenario,
        questions=questions,
        citation_chunk_ids=sorted({s.passage.chunk_id for s in chosen}),
    )
