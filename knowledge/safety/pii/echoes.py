"""A name found once is a name wherever else the text writes it.

A message names someone with a cue the first time ("Taras's sister …", "hey its shauna")
and bare the next ("… the Taras file", "shauna mcintyre?"). Each word of a name found
elsewhere in the text is redacted too, in either case, with a surname-shaped word after it.
Only words outside the English vocabulary echo: "Mark" may be a client in one sentence and
"Mark as read" an instruction in the next.
"""

from __future__ import annotations

import re

from knowledge.safety.pii.given_names import given_names
from knowledge.safety.pii.people import (
    BUSINESS_WORDS,
    COMMON_WORDS,
    NOT_NAMES,
    known_word,
    without_possessive,
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NEXT_WORD = re.compile(r"[ \t]+(?P<word>[^\W\d_][\w'’-]*)")


def _usable(word: str) -> bool:
    lowered = word.lower()
    return (
        len(word) >= 3
        and lowered not in COMMON_WORDS
        and lowered not in NOT_NAMES
        and lowered not in BUSINESS_WORDS
        and not known_word(lowered)
    )


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
# Given names that open sentences as everyday words.
_EVERYDAY_GIVEN = frozenset(
    """will mark bill may june april august grace hope faith joy rose lily daisy ivy amber
    crystal summer autumn dawn sunny chance hunter pat sue rob frank jack drew art bob sandy
    penny ray max gene lance miles chase sky storm rich sterling dean don guy nick pierce
    victor ruby pearl iris holly heather olive basil carol""".split()  # noqa: SIM905
)


def given_echoes(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A found full name's given name alone elsewhere, written with its capital and not
    opening a sentence ("… so Lakshmi can use either document"), even when it is also an
    English word."""
    given = {
        m.group()
        for start, end in names
        if len(text[start:end].split()) > 1
        for m in [_WORD.match(text, start)]
        if m
        and (m.group()[0].isupper() or m.group().lower() not in _EVERYDAY_GIVEN)
        and len(m.group()) >= 3
        and m.group().lower() in given_names()
        and m.group().lower() not in NOT_NAMES
        and m.group().lower() not in COMMON_WORDS
    }
    found = _kin_of(text, names)
    for word in given:
        for m in re.finditer(rf"(?<![\w'’@.-]){re.escape(word)}(?![\w-])", text):
            if any(s <= m.start() < e for s, e in names):
                continue
            opens = _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()])
            if opens and word.lower() in _EVERYDAY_GIVEN:
                continue  # "Will the fee be waived?", "Mark it as read"
            # "the Terry Fox Foundation": a capitalised word after it makes a name of its own.
            after = _NEXT_WORD.match(text, m.end())
            if after and after["word"][0].isupper():
                continue
            found.append((m.start(), m.end()))
    return found


_GIVEN_THEN_WORD = re.compile(
    r"(?<![\w'’@.-])(?P<given>[A-Z][^\W\d_]+)[ \t]+(?=(?P<last>[A-Z][\w'’-]*))(?P=last)(?![\w-])"
)


def _kin_of(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Another given name before the surname of a found full name ("Lakeisha Thompson …
    her dad's card (Curtis Thompson)"): a relative, named in full."""
    family = {
        text[start:end].split()[-1]
        for start, end in names
        if len(text[start:end].split()) > 1 and text[start:end].split()[-1][0].isupper()
    }
    found = []
    for m in _GIVEN_THEN_WORD.finditer(text):
        if (
            m["last"] in family
            and m["given"].lower() in given_names()
            and not any(s <= m.start() < e for s, e in names)
        ):
            found.append((m.start(), m.end()))
    return found


def echoes(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Other places the words of the names at `names` stand in `text`, each grown over a
    surname-shaped word after it."""
    if not names:
        return []
    words = {
        without_possessive(m.group())
        for start, end in names
        for m in _WORD.finditer(text, start, end)
        if _usable(without_possessive(m.group()))
    }
    found = []
    for word in words:
        for m in re.finditer(rf"(?<![\w'’@.-]){re.escape(word)}(?![\w-])", text, re.I):
            start, end = m.start(), m.end()
            if any(s <= start and end <= e for s, e in names):
                continue
            after = _NEXT_WORD.match(text, end)
            if after and _usable(after["word"]):
                end = after.end()
            found.append((start, end))
    return found
