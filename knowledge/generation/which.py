"""'Which of these …?' questions: the sentence's subject asked for, from what the sentence
says about it ("Accounts should not be locked out …" -> "Which of these should not be
locked out …?"), against terms of the same kind from the corpus's inventory."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from knowledge.generation import distractors
from knowledge.generation.facts import Fact
from knowledge.generation.models import QuizQuestion
from knowledge.generation.questions import Material, ask_with
from knowledge.nlp import english

_DETERMINER = re.compile(r"^(?:the|a|an|many|most|some|several|all)\s+", re.I)
# Where a predicate stops asking one thing: a reason or an aside after a comma.
_ASIDE = re.compile(r",\s+(?:as|because|since|so|which|while|although|but|e\.g\.)\b.*$")
# Heads that name no subject of their own: "another important strategy is to …".
_VAGUE = frozenset(
    {
        *("thing", "way", "part", "kind", "type", "example", "case", "number", "lot", "step"),
        *("strategy", "topic", "problem", "issue", "reason", "point", "idea", "option"),
    }
)


@lru_cache(maxsize=65536)
def split(sentence: str) -> tuple[str, str] | None:
    """(subject, predicate) of a plain statement whose subject is a noun phrase of one to
    four words, e.g. ('accounts', 'should not be locked out in response to …')."""
    doc = english()(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or sentence.endswith("?"):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return None
    head = subjects[0]
    span = doc[head.left_edge.i : head.right_edge.i + 1]
    if span.start != 0 or head.pos_ not in ("NOUN", "PROPN") or head.lemma_ in _VAGUE:
        return None  # an opening clause before the subject: the stem would lose it
    if any(t.pos_ in ("PRON", "NUM", "PUNCT", "ADP", "CCONJ") or t.tag_ == "VBG" for t in span):
        return None  # a gerund subject ("Enumerating users") is an act, not a thing
    if head.tag_ == "NNS" and any(t.lower_ in ("a", "an") for t in span):
        return None  # "An attacker floods log files": the verb misread as the subject's head
    subject = _DETERMINER.sub("", span.text)
    if not 1 <= len(subject.split()) <= 4:
        return None
    if span[0].pos_ != "PROPN" and subject[:1].isupper() and subject[1:2].islower():
        subject = subject[0].lower() + subject[1:]
    predicate = _ASIDE.sub("", doc[span.end :].text).strip().rstrip(".!")
    if len(predicate.split()) < 4 or not predicate[:1].isalpha():
        return None
    if predicate.count("(") != predicate.count(")"):
        return None  # cut inside a parenthesis, e.g. after "(90 Fed."
    if re.search(r"[.!?:]\s|\s[-\u2013]\s", predicate):
        return None  # list items run together: the stem would ask two things
    return subject, predicate


def _stem_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in distractors.content_words(text)}


def subject(fact: Fact, material: Material, title: str, rng: random.Random) -> QuizQuestion | None:
    """ "According to the material, which of these <predicate>?" with the subject as answer."""
    parts = split(fact.sentence)
    if parts is None:
        return None
    answer, predicate = parts
    given = _stem_words(title) | _stem_words(predicate)
    if _stem_words(answer) & given:
        return None  # the title or the rest of the sentence gives the answer away
    wrong = distractors.terms(
        answer, material.terms, cited=fact.passage.text, title=title, unlike=True
    )
    if not wrong:
        return None
    stem = f"According to the material, which of these {predicate}?"
    return ask_with(rng, stem, answer, wrong, fact)
