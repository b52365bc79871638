"""Names known by a given name on our list (`given_names`) rather than by a role word.

A listed given name before a surname-shaped word ("Giovanni Russo", "MARIE-CLAUDE
THIBODEAU") is a full name when a personal deed, label or role follows it, or when the
surname is a word no English dictionary holds; the latter counts only in text about people.
A full name of such words alone in a list item or table cell counts too.
A surname-first entry in a list or table ("Nowak, Piotr |") and a chat spelling before a
personal verb ("fatima el-sayed asked …") count the same way. A name that possesses nothing
("Jack Daniel's is …", "lunch at McDonald's on …") is a business, never a person.
"""

from __future__ import annotations

import re

from knowledge.safety.pii.around import PERSONAL_AFTER, ROLE_AFTER
from knowledge.safety.pii.given_names import COMMON_GIVEN, given_names
from knowledge.safety.pii.numbers import Span
from knowledge.safety.pii.people import (
    BUSINESS_WORDS,
    COMMON_WORDS,
    FULL_NAME,
    LOWER,
    NAME_WORD,
    NOT_NAMES,
    UPPER,
    acronym,
    known_word,
    unusual,
    without_possessive,
)

_PARTICLE = r"(?:de|du|des|da|dos|das|del|della|di|la|le|van|von|der|den|bin|al|el|y|ní|nic|ó)"
_FULL = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{NAME_WORD}){{1,3}})"
)
_ALONE = re.compile(rf"(?<![\w'’-])(?P<name>[{UPPER}][{LOWER}]+)(?![\w-])")
_SURNAME_FIRST = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME_WORD},[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?)"
    r"(?=[ \t]*(?:$|\r?\n|[|;)]|[—–][ \t]|-[ \t]))",
    re.M,
)
_WORD = rf"[{LOWER}][{LOWER}'’-]+"
_LOWER_FULL = re.compile(rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})")
_LOWER_START = re.compile(rf"(?<![\w'’-]){_WORD}")
# What follows a person in a chat line: a deed, ", he …", "? she's …", "'s transfer".
_AFTER_LOWER = re.compile(
    r"[ \t]*(?:[,?][ \t]*(?:he|she|they)\b|['’]s[ \t]+[a-z]+\b)"
    r"|[ \t]+(?:is|was)[ \t]+(?:asking|disputing|calling|travelling|traveling|waiting)\b"
    r"|[ \t]+(?:called|calls|says|said|asked|asks|wants|needs|came|phoned|emailed|complained)\b"
)
_BEFORE_LOWER = re.compile(
    r"(?i:\b(?:client|customer|cust|member|applicant|name is|name:|for|to|with|helping|about))"
    r"[ \t]+$"
)
# A possessive that possesses nothing names a business: "Jack Daniel's is sponsoring",
# "lunch at McDonald's on Bay Street", "Wendy's and Denny's".
_BARE_POSSESSIVE_AFTER = re.compile(
    r"['’]s(?=[ \t]*(?:$|[.,;:!?)]|(?:is|are|was|were|has|have|had|will|and|or|&|on|near"
    r"|downtown|locations?|restaurants?|stores?|outlets?|gift)\b))"
)
# "follow up with Olumide", "left a voicemail for Guadalupe": someone served, by name.
_SERVED_BEFORE = re.compile(
    r"(?i:\b(?:follow up with|get back to|call back|voicemail for|message for|helped|helping"
    r"|assisted|assisting|met with|meeting with|spoke (?:to|with)|talked (?:to|with)|remind"
    r"|tell|ask|text|have|did|does|let))[ \t]+$"
)
_HANDLE = re.compile(r"(?<![\w.])@(?P<handle>(?P<given>[a-z]+)[._-][a-z]+(?:[._-][a-z]+)?)\b")
# "@yusuf can you …": a handle that is a given name alone.
_GIVEN_HANDLE = re.compile(r"(?<![\w.])@(?P<given>[a-z]{3,})(?![\w.@-])")
_NOT_HANDLES = frozenset({"here", "channel", "everyone", "all", "team"})
# Before a lower-case given name in chat: who called or wrote ("the call from leila"), or
# kin ("her husband kwame").
_LOWER_CUE_BEFORE = re.compile(
    r"(?i:\b(?:(?:call|calls|message|voicemail|vm|email|e-mail|text|note|complaint)[ \t]+from"
    r"|husband|wife|son|daughter|sister|brother|partner|spouse|mother|father|mom|dad"
    r"|niece|nephew|cousin|colleague|coworker|co-worker|owner is|named|name's))[ \t]+$"
)
# "carlos from accounting", "nkechi from the bakery": someone placed by where they are from.
_FROM_AFTER = re.compile(r"[ \t]+from[ \t]+(?:the[ \t]+)?[a-z]")
# Hand-listed given names that are also words in lower-case chat ("mark", "grace", "min").
_LOWER_EVERYDAY = frozenset(
    """mark grace amber christian justin victor hong yang chang dong min jun jan mai li lin
    hai nam lan ji kai tao shu wu yu yi wen jin hana ama esi uma""".split()  # noqa: SIM905
)
_PLACE_BEFORE = re.compile(r"(?i)\b(?:at|from|near|outside|inside|into)[ \t]+$")
# Someone greeted, thanked, named by themselves or to be contacted: "hey its Tomás", "Can
# you call Priya back?", "thx — Jamal", "je m'appelle Awa".
_ADDRESSED_BEFORE = re.compile(
    r"(?i:(?:^|[^\w'’])(?:hi|hey|hello|dear|thanks|thank you|thx|ty|merci|bonjour|salut|hola"
    r"|cc|it'?s|it is|this is|i'?m|i am|my name is|je m'appelle|je suis|c'est|me llamo|soy"
    r"|call|phone|ring|e-?mail|ping|contact|reach|w/|1:1 with))[ \t,:]+$"
)
# A name that opens a line addressed to it ("Sean, the merchant rep is …"), ends a
# message as its signature ("— Jamal", "Thanks,\nGreg") or owns an action item ("- Rahul
# to call …").
_SIGNED_BEFORE = re.compile(r"(?:[—–]|(?:^|\s)-|,[ \t]*\r?\n|^)[ \t]*$")
_SIGNED_AFTER = re.compile(r"[ \t.!]*(?:\r?\n|$)")
_VOCATIVE_AFTER = re.compile(r",[ \t]+(?-i:[a-z])")
# "Rajesh to send the BIN list": an action item given to someone.
ACTION_AFTER = re.compile(
    r"[ \t]+to[ \t]+(?:call|send|email|e-mail|follow|check|review|update|confirm|draft|book"
    r"|chase|prepare|contact|reach|ping|set up|schedule|reply|phone)\b"
)


def _addressed(text: str, start: int, end: int) -> bool:
    """A lone given name greeted, signed, addressed or given a task by the words around it."""
    before = text[max(0, start - 25) : start]
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip(" \t-*•")
    return bool(
        _ADDRESSED_BEFORE.search(before)
        or (_SIGNED_BEFORE.search(before) and _SIGNED_AFTER.match(text, end))
        or ACTION_AFTER.match(text, end)
        or (at_line_start and _VOCATIVE_AFTER.match(text, end))
        or (text[start - 1 : start] == "(" and text[end : end + 1] == ")")
    )


def bare_possessive(text: str, start: int, end: int) -> bool:
    """A name followed by "'s" and no thing owned, or after "at" / "from": a business."""
    span = text[start:end]
    if span.endswith(("'s", "’s")):
        end -= 2
    if not text.startswith(("'s", "’s"), end):
        return False
    return bool(_BARE_POSSESSIVE_AFTER.match(text, end)) or bool(
        _PLACE_BEFORE.search(text[max(0, start - 12) : start])
    )


def _given(word: str) -> bool:
    return word.lower().split("-")[0].strip("'’.") in given_names()


def _ordinary(word: str) -> bool:
    lowered = word.lower().strip(".,:;'’")
    return lowered in NOT_NAMES or lowered in BUSINESS_WORDS or lowered in COMMON_WORDS


def _deed_after(text: str, end: int) -> bool:
    return bool(
        PERSONAL_AFTER.match(text, end)
        or ROLE_AFTER.match(text, end)
        or _AFTER_LOWER.match(text, end)
    )


# A full name alone in a list item or a table cell ("1. Adaora Nwachukwu — overdraft
# review", "| Chidi Okeke | chequing |"), or after a verb of serving someone ("I'm helping
# Chinonso Obi with …"): every word outside the English vocabulary.
_ITEM = re.compile(
    rf"(?m:^[ \t]*(?:\d{{1,3}}[.)]|[-*•])[ \t]+(?P<item>{FULL_NAME})[ \t]*(?=[—–:(]|-[ \t]|$))"
    rf"|(?:^|\|)[ \t]*(?P<cell>{FULL_NAME})[ \t]*(?=\|)"
    r"|\b(?i:helping|helped|assisting|assisted|serving|served|meeting|visiting)[ \t]+"
    rf"(?P<served>{FULL_NAME})",
    re.M,
)


def _items(text: str) -> list[Span]:
    spans = []
    for m in _ITEM.finditer(text):
        group = next(g for g in ("item", "cell", "served") if m.group(g))
        words = m.group(group).split()
        if any(_ordinary(w) or acronym(w) for w in words):
            continue
        strange = [w for w in words if unusual([w]) and not re.fullmatch(_PARTICLE, w)]
        if len(strange) == len([w for w in words if not re.fullmatch(_PARTICLE, w)]) or (
            _given(words[0]) and unusual(words[-1:])
        ):
            spans.append(Span("name", m.start(group), m.end(group), 0.7))
    return spans


def listed_names(text: str) -> list[Span]:
    """Spans of kind "name" (a deed or a list layout says so) or "name_by_shape" (the
    surname's shape says so: kept only in text about people)."""
    spans = _items(text)
    for m in _FULL.finditer(text):
        words = m.group("name").split()
        # Start at the first listed given name: "Client Giovanni Russo", "RE: MARIE-CLAUDE …".
        first = next((i for i, w in enumerate(words[:-1]) if _given(w)), None)
        if first is None:
            continue
        words = words[first:]
        start = m.start("name") + m.group("name").index(words[0])
        rest = [w for w in words[1:] if not re.fullmatch(_PARTICLE, w)]
        if any(_ordinary(w) or acronym(w) for w in words) or not rest:
            continue
        if any(c.isdigit() for c in "".join(words)) or words[-1][0].islower():
            continue
        end = m.end("name")
        if bare_possessive(text, start, end):
            continue
        if words[-1].endswith(("'s", "’s")):
            end -= 2
        if _deed_after(text, end):
            spans.append(Span("name", start, end, 0.7))
        elif unusual([w.removesuffix("'s").removesuffix("’s") for w in rest]):
            spans.append(Span("name_by_shape", start, end, 0.7))
    for m in _ALONE.finditer(text):
        # "Olivia's card was declined", "Leila wants to know", "follow up with Olumide": a
        # listed given name alone, known by a deed after it or by serving someone before it.
        name = m.group("name")
        if (
            _given(name)
            and not _ordinary(name)
            and (
                PERSONAL_AFTER.match(text, m.end())
                or _SERVED_BEFORE.search(text[max(0, m.start() - 25) : m.start()])
                or _addressed(text, m.start(), m.end())
            )
            and not bare_possessive(text, m.start(), m.end())
        ):
            spans.append(Span("name", m.start(), m.end(), 0.7))
    for m in _HANDLE.finditer(text):
        # "@aleksandra.petrenko", "@raj_patel": a Slack or e-mail handle made of a name.
        if m.group("given") in given_names():
            spans.append(Span("name", m.start("handle"), m.end("handle"), 0.7))
    for m in _GIVEN_HANDLE.finditer(text):
        given = m.group("given")
        usable = given not in _NOT_HANDLES and given not in _LOWER_EVERYDAY and _given(given)
        if usable and (given in COMMON_GIVEN or not known_word(given)):
            spans.append(Span("name", m.start("given"), m.end("given"), 0.7))
    spans += _lower_alone(text)
    for m in _SURNAME_FIRST.finditer(text):
        surname, given = (p.strip() for p in m.group("name").split(",", 1))
        if _given(given.split()[0]) and not any(
            _ordinary(w) or acronym(w) for w in [surname, *given.split()]
        ):
            spans.append(Span("name", m.start("name"), m.end("name"), 0.7))
    for m in _LOWER_START.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        # After "owner is", "named" or kin, Faker's longer list is safe enough in lower case.
        cued = bool(_LOWER_CUE_BEFORE.search(before) or _BEFORE_LOWER.search(before[-12:]))
        if m.group() not in (given_names() if cued else COMMON_GIVEN):
            continue
        for words, end in _lower_runs(text, m.start()):
            if any(_ordinary(w) for w in words) or known_word(words[-1]):
                continue  # "grace period", "mark down": ordinary words
            parenthesised = before.endswith("(") and text[end : end + 1] == ")"
            if cued or parenthesised or _deed_after(text, end):
                spans.append(Span("name", m.start(), end, 0.7))
                break
    return spans


def _lower_alone(text: str) -> list[Span]:
    """A hand-listed given name alone in lower-case chat, known by the words around it:
    greeted or signing ("hey its shauna"), a deed after it ("vanessa said"), who called
    ("the call from leila"), kin ("her husband kwame") or where from ("carlos from
    accounting")."""
    spans = []
    for m in _LOWER_START.finditer(text):
        # "thuy's card": the name without its possessive, the possessive read after it.
        word = without_possessive(m.group())
        if word not in COMMON_GIVEN or word in _LOWER_EVERYDAY or _ordinary(word):
            continue
        start, end = m.start(), m.start() + len(word)
        if (
            _addressed(text, start, end)
            or _AFTER_LOWER.match(text, end)
            or PERSONAL_AFTER.match(text, end)
            or _FROM_AFTER.match(text, end)
            or _LOWER_CUE_BEFORE.search(text[max(0, start - 25) : start])
            or _SERVED_BEFORE.search(text[max(0, start - 25) : start])
        ):
            spans.append(Span("name", start, end, 0.7))
    return spans


def _lower_runs(text: str, start: int) -> list[tuple[list[str], int]]:
    """The three and the two lower-case words from `start` ("fatima el-sayed asked"), each
    with where it ends."""
    m = _LOWER_FULL.match(text, start)
    if not m:
        return []
    pieces = list(re.finditer(r"\S+", m.group("name")))
    return [
        ([p.group() for p in pieces[:n]], start + pieces[n - 1].end())
        for n in (3, 2)
        if len(pieces) >= n
    ]
