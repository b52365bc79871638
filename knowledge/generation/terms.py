"""The corpus's own term inventory: noun phrases found by spaCy's tagger and parser,
each with its head word's part of speech and number, cached per passage text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.nlp import english

_DETERMINERS = re.compile(
    r"^(?:the|a|an|any|each|every|some|this|that|these|those|its|their)\s+", re.I
)
_PLAIN = re.compile(r"^[a-z][a-z -]*[a-z]$")


@dataclass(frozen=True)
class Term:
    text: str
    head_pos: str  # NOUN or PROPN
    head_tag: str  # NN, NNS, NNP...
    head: str  # the head word's lemma, lower case


@lru_cache(maxsize=65536)
def terms_of(text: str) -> tuple[Term, ...]:
    """Noun phrases of one to four words, determiners dropped (spaCy; ~10 ms a passage the
    first time, cached afterwards)."""
    found: dict[str, Term] = {}
    for chunk in english()(text[:4000]).noun_chunks:
        phrase = _DETERMINERS.sub("", chunk.text.strip()).strip()
        words = phrase.split()
        if not 1 <= len(words) <= 4 or not _PLAIN.match(phrase.lower()):
            continue
        if chunk.root.pos_ not in ("NOUN", "PROPN") or len(phrase) < 4:
            continue
        if any(t.pos_ in ("PRON", "NUM", "VERB") for t in chunk if t.text in words):
            continue
        if chunk.start == chunk.sent.start and chunk[0].pos_ != "PROPN" and phrase[1:2].islower():
            phrase = phrase[0].lower() + phrase[1:]  # capitalised only as the sentence opens
        key = phrase.lower()
        found.setdefault(
            key, Term(phrase, chunk.root.pos_, chunk.root.tag_, chunk.root.lemma_.lower())
        )
    return tuple(found.values())


@lru_cache(maxsize=65536)
def describe(phrase: str) -> Term | None:
    """The head of a phrase as the tagger reads it in a sentence (a bare word is often
    misread as a proper noun), to match candidates against it."""
    carrier = f"This is the {phrase}." if phrase[:1].islower() else f"This is {phrase}."
    doc = english()(carrier)
    words = [t for t in doc if t.idx >= carrier.index(phrase) and not t.is_punct]
    if not words:
        return None
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    return Term(phrase, head.pos_, head.tag_, head.lemma_.lower())


def inventory(texts: Iterable[str]) -> dict[str, Term]:
    """Every term of the texts, by its lower-case form."""
    found: dict[str, Term] = {}
    for text in texts:
        for term in terms_of(text):
            found.setdefault(term.text.lower(), term)
    return found


# Openings that make a phrase point at its context rather than name something.
_POINTING = frozenset(
    {
        *("this", "these", "that", "those", "both", "all", "such", "following", "same"),
        *("other", "another", "many", "most", "some", "several", "few", "various", "certain"),
        *("any", "each", "every", "no", "more", "less"),
    }
)


@lru_cache(maxsize=65536)
def reads_as_term(phrase: str) -> bool:
    """Whether the phrase, read on its own as an option, names a thing: a noun phrase of
    at most five words ("logs" alone reads as a verb and is no option among nouns)."""
    first = phrase.split()[0].lower()
    if first in _POINTING or first.startswith("the-"):
        return False
    doc = english()(phrase)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return len(doc) <= 5 and len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN")
