"""An automatic reviewer for generated quiz questions, as a trainer would judge them.

It re-derives everything from the text shown to the learner (the options, the stem, the
lesson body, the title) and the cited passage: each option's kind (a number with its unit,
a term, a phrase, a sentence) and grammatical form come from its own regular expressions
and spaCy's parse, never from labels the generator attached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.nlp import english

_AMOUNT = re.compile(
    r"^\$\s?(?P<money>\d[\d,]*(?:\.\d+)?)$|^(?P<pct>\d+(?:\.\d+)?)\s?%$"
    r"|^(?P<count>\d[\d,]*(?:\.\d+)?)\s+(?P<unit>[a-z][a-z ]*?)s?$",
    re.I,
)
_FIGURE = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:%|[a-z]+(?: [a-z]+)?)", re.I
)
_WORDS = re.compile(r"[a-z0-9$%]+(?:['-][a-z0-9]+)*")
_SENT = re.compile(r"(?<=[.!?])\s+")
_STOPWORDS = frozenset(
    [
        "about",
        "after",
        "also",
        "and",
        "are",
        "been",
        "before",
        "being",
        "but",
        "can",
        "does",
        "each",
        "for",
        "from",
        "has",
        "have",
        "into",
        "its",
        "may",
        "more",
        "must",
        "not",
        "other",
        "should",
        "such",
        "than",
        "that",
        "the",
        "their",
        "there",
        "these",
        "this",
        "those",
        "under",
        "was",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "your",
        "how",
        "many",
        "much",
    ]
)


@dataclass
class Review:
    """Each check's outcome for one question (True = passed)."""

    stem: str
    kind: str
    checks: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(self.checks.values())


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _tokens(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def _amount(option: str) -> tuple[str, float] | None:
    m = _AMOUNT.match(option.strip())
    if not m:
        return None
    if m.group("money"):
        return "$", float(m.group("money").replace(",", ""))
    if m.group("pct"):
        return "%", float(m.group("pct"))
    unit = m.group("unit").lower().rstrip("s")
    return unit, float(m.group("count").replace(",", ""))


def _amounts_in(text: str) -> set[tuple[str, float]]:
    found = set()
    for m in re.finditer(
        r"\$\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:%|[a-z]+(?: [a-z]+)?)", text, re.I
    ):
        piece = m.group(0)
        if (a := _amount(piece)) is not None:
            found.add(a)
        words = piece.split()
        if len(words) == 3 and (a := _amount(" ".join(words[:2]))) is not None:
            found.add(a)
    return found


def kind_and_form(option: str) -> tuple[str, str]:
    """('number', unit) | ('term', head tag) | ('phrase', head POS) | ('sentence', '')."""
    if (a := _amount(option)) is not None:
        return "number", a[0]
    doc = english()(option)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else doc[-1]
    if root.pos_ in ("VERB", "AUX"):
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in root.children)
        return "sentence", "declarative" if subject else "imperative"
    if len(doc) <= 5 and root.pos_ in ("NOUN", "PROPN"):
        # A bare word is often tagged as a proper noun; read the term inside a sentence.
        carrier = english()(f"It is the {option}." if option[:1].islower() else f"It is {option}.")
        last = [t for t in carrier if not t.is_punct][-1]
        return "term", last.tag_
    return "phrase", root.pos_


def _content(text: str) -> set[str]:
    return {
        t.lemma_.lower()
        for t in english()(text)
        if t.is_alpha and len(t.text) > 3 and t.text.lower() not in _STOPWORDS
    }


def _longest_run(a: list[str], b: list[str]) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def stated(option: str, kind: str, passage: str) -> bool:
    """Whether the passage states the option as true (mentions that amount in that unit,
    uses that term, or contains that phrase)."""
    if kind == "number":
        a = _amount(option)
        return a is not None and a in _amounts_in(passage)
    return _norm(option.rstrip(".")) in _norm(passage)


def review(
    *, title: str, body: str, stem: str, options: list[str], correct: int, passage: str
) -> Review:
    answer = options[correct]
    wrong = [o for i, o in enumerate(options) if i != correct]
    kind, form = kind_and_form(answer)
    result = Review(stem=stem, kind=kind)

    # 1. The answer cannot be read off the title or the stem.
    if kind == "number":
        a = _amount(answer)
        leaked = a in _amounts_in(stem) or a in _amounts_in(title)
    elif kind == "term":
        leaked = bool(_content(answer) & (_content(title) | _content(stem)))
    else:
        leaked = _norm(answer) in _norm(stem) or _norm(answer) in _norm(title)
    result.checks["answer_hidden"] = not leaked

    # 2. Distractors are the answer's kind and grammatical form.
    shapes = [kind_and_form(o) for o in wrong]
    result.checks["same_kind"] = all(k == kind for k, _ in shapes)
    result.checks["same_form"] = all(s == (kind, form) for s in shapes)
    if not result.checks["same_form"]:
        result.notes.append(f"answer {(kind, form)} vs {shapes}")

    # 3. No distractor is true by the cited passage; a NOT question inverts the roles.
    if re.search(r"\bNOT\b", stem):
        ok = all(stated(o, kind, passage) for o in wrong) and not stated(answer, kind, passage)
    else:
        ok = not any(stated(o, kind, passage) for o in wrong)
    result.checks["distractors_false"] = ok

    # 4. The stem is not a sentence of the body copied out.
    stem_tokens = _tokens(stem)
    longest = max((_longest_run(stem_tokens, _tokens(s)) for s in _SENT.split(body)), default=0)
    result.checks["stem_not_verbatim"] = len(stem_tokens) < 6 or longest < 0.8 * len(stem_tokens)
    return result
