"""Names known by the words around them rather than by a role word before them.

A sign-off or greeting ("Thanks, Bilal"), a possessive or a personal verb after an unusual
name ("Priya Raghunathan's statement", "Oksana wants …"), a role named after it ("… as an
authorized user"), a label of personal data beside it, a chat spelling after a labelled
role ("cust: mbali zulu"), and a name written right next to another personal value (a
record line, a card's face). Words any English speaker uses are never taken for a name
this way.
"""

# ruff: noqa: E501  (regex alternations read better unwrapped)

from __future__ import annotations

import re

from knowledge.safety.pii.given_names import COMMON_GIVEN
from knowledge.safety.pii.numbers import Span
from knowledge.safety.pii.people import (
    BIRTH_CUE,
    BUSINESS_WORDS,
    COMMON_WORDS,
    FULL_NAME,
    LOWER,
    NAME,
    NAME_WORD,
    NOT_NAMES,
    UPPER,
    acronym,
    known_word,
    plausible,
    unusual,
)

# A sign-off or greeting: "Thanks, Bilal", "Regards,\nSvetlana Kuznetsova", "Hi Kofi,", or
# the line under an e-mail signature's "-- ".
_SIGN_OFF = re.compile(
    r"(?i:\b(?:thanks|thank you|regards|best regards|kind regards|best|cheers|sincerely|merci"
    r"|cordialement|saludos|atentamente|gracias))[ \t]*,?[ \t]*\r?\n?[ \t]*(?:--[ \t]*\r?\n[ \t]*)?"
    rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})[ \t]*[.!]?[ \t]*(?=$|\r?\n)"
    rf"|(?m:^)--[ \t]*\r?\n[ \t]*(?P<signed>{FULL_NAME})[ \t]*(?=$|\r?\n)"
    rf"|(?m:^)[ \t]*(?i:hi|hello|hey|dear|bonjour|hola)[ \t]+(?P<greeted>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*[,!:]"
)
# Someone doing or owning something a person does or owns: "Priya Raghunathan's statement",
# "Oksana wants to know", "Sebastián de la Fuente y Olmedo wants his cards embossed".
PERSONAL_AFTER = re.compile(
    r"(?:['’]s[ \t]+(?:card|cards|account|accounts|statement|application|payment|loan|transfer"
    r"|e-transfer|deposit|cheque|wire|balance|file|request|limit|rrsp|tfsa|resp|gic|rrif|paperwork"
    r"|mortgage|dispute|claim|husband|wife|son|daughter|spouse|partner|signature|passport"
    r"|licen[cs]e|home|date of birth|dob|phone|cell|email|e-mail|address|sin|ssn)"
    r"|[ \t]+(?:wants|wanted|asked|asks|phoned|emailed|said|says|needs|is asking|was asking"
    r"|can be reached|is reachable|a appel[ée]|a t[ée]l[ée]phon[ée]|a [ée]crit|veut|voudrait"
    r"|a demand[ée]|souhaite|llam[óo]|quiere|pidi[óo]"
    r"|called(?:[ \t]+(?:in|back|again|about|to|today|yesterday|this|from)\b|(?=[ \t]*(?:[—–,;:!]|-[ \t])))|came by|stopped by|dropped by"
    r"|would like|disputes|disputed|requested|visited|came in|complained|forgot|signed"
    r"|is travelling|is traveling|doesn't|does not|can't|cannot))\b"
)
_ACTOR = re.compile(rf"(?P<name>{NAME})(?=[ \t,:;(–—-])")
# A name set next to a label of personal data: "Amara Okeke, card 4520 …", "Li Wei (DOB …".
_LABEL_AFTER = re.compile(
    r"[ \t]*[,:;(–—-][ \t]*(?i:card|acct|account|phone|tel|cell|mobile|e-?mail|sin|ssn|dob"
    r"|d\.o\.b|born|address|passport|licen[cs]e|iban|member|client)\b"
)
# "my client hiroshi tanaka wants …", "cust: mbali zulu, acct …": a chat spelling after a
# role word.
_LOWER_ROLE = re.compile(
    r"(?i:\b(?:(?:my|our|the|a)[ \t]+(?:client|customer|cardholder|member|applicant|borrower)"
    r"(?:[ \t]*,)?|(?:client|customer|cust|cardholder|member|name|applicant|borrower)[ \t]*[:—–-]?))"
    rf"[ \t]+(?P<name>[{LOWER}][{LOWER}'’-]+[ \t]+[{LOWER}][{LOWER}'’-]+(?:[ \t]+[{LOWER}][{LOWER}'’-]+)?)\b"
)
# "Add Ho-seong Park as an authorized user", "Lolita Dizon (sister)": the role follows the
# name.
ROLE_AFTER = re.compile(
    r"[ \t]+as[ \t]+(?:an?[ \t]+|the[ \t]+|my[ \t]+)?(?:authori[sz]ed user|joint (?:account )?holder"
    r"|co-?applicant|beneficiary|cardholder|signer|signatory|guarantor|co-?signer|executor"
    r"|trustee|power of attorney|supplementary cardholder|secondary cardholder)\b"
    r"|[ \t]*\((?:co-?owner|owner|ceo|cfo|coo|president|director|founder|partner|treasurer"
    r"|controller|bookkeeper|accountant|signing officer"
    r"|client|customer|cardholder|joint holder|account holder|beneficiary|spouse|wife"
    r"|husband|son|daughter|mother|father|sister|brother|executor|guarantor|co-?applicant"
    r"|applicant|payee|borrower)\)",
    re.I,
)

# "Please call Dawn Young about her card": a person asked for, known by the pronoun after.
_ASKED_FOR = re.compile(
    r"(?i:\b(?:call|phone|text|e-?mail|ring|remind|tell|ask|notify|contact|thank|help|assist"
    rf"|helped|assisted|follow up with|get back to|voicemail for|message for|call back))[ \t]+(?P<name>{FULL_NAME}|{NAME_WORD})"
    r"(?=[^.!?\n]{0,30}\b(?i:her|his|him|she|he)\b)"
)

# "How do I add Nomsa Mahlangu to my account?", "Is Sione Tupou eligible …": a full name as
# the object of an account action or the subject of a question (unusual words only).
_ACTED_ON = re.compile(
    r"(?i:\b(?:add|remove|verify|refund|reimburse|pay|charge|approve|decline|block|unblock"
    r"|reissue|enrol|enroll|onboard|is|was|does|did|can|could|should|will|would|has|have))"
    rf"[ \t]+(?P<name>{FULL_NAME})"
)


# Past tenses a chat line puts right after "the client" ("the client bought crypto").
_IRREGULAR_PAST = frozenset(
    """bought sold paid sent got made took lost left went came gave found spent had did told
    forgot tried kept brought thought saw heard met knew wrote drove flew ran gets buys pays
    sends makes takes keeps uses wants needs says asks tells gives""".split()  # noqa: SIM905
)


def _verb(word: str) -> bool:
    """An English verb form: a listed past or present tense, or a known word in -ed."""
    return word in _IRREGULAR_PAST or (word.endswith("ed") and known_word(word) and len(word) > 4)


def names_by_company(text: str) -> list[Span]:
    """Names known by what stands around them rather than by a role word."""
    spans: list[Span] = []
    for m in _SIGN_OFF.finditer(text):
        group = next(g for g in ("name", "greeted", "signed") if m.group(g))
        if plausible(m.group(group).split()):
            spans.append(Span("name", m.start(group), m.end(group), 0.7))
    for m in _ACTOR.finditer(text):
        name = m.group("name")
        end = m.end() - 2 if name.endswith(("'s", "’s")) else m.end()
        words = text[m.start() : end].split()
        if not plausible(words):
            continue
        # After a named role anyone counts; a verb or label needs a word no dictionary holds.
        by_role = ROLE_AFTER.match(text, end)
        by_deed = PERSONAL_AFTER.match(text, end) or _LABEL_AFTER.match(text, end)
        if by_role or (by_deed and unusual(words)):
            spans.append(Span("name", m.start(), end, 0.7))
    for m in _ACTED_ON.finditer(text):
        words = m.group("name").split()
        if plausible(words) and unusual(words):
            spans.append(Span("name", m.start("name"), m.end("name"), 0.7))
    for m in _ASKED_FOR.finditer(text):
        if plausible(m.group("name").split()):
            spans.append(Span("name", m.start("name"), m.end("name"), 0.7))
    for m in _LOWER_ROLE.finditer(text):
        pieces = list(re.finditer(r"\S+", m.group("name")))
        words = [p.group() for p in pieces]
        if len(words) == 3 and (
            words[2] in COMMON_WORDS or words[2] in NOT_NAMES or _verb(words[2])
        ):
            words = words[:2]  # "rosa ines castillo" yes, "ngozi adeyemi says" no
        if any(w in COMMON_WORDS or w in NOT_NAMES or w in BUSINESS_WORDS for w in words):
            continue
        if _verb(words[0]):
            continue  # "the client bought crypto": a deed, not a name
        end = m.start("name") + pieces[len(words) - 1].end()
        if (
            unusual(words)
            or words[0] in COMMON_GIVEN
            or PERSONAL_AFTER.match(text, end)
            or _LABEL_AFTER.match(text, end)
        ):
            spans.append(Span("name", m.start("name"), end, 0.7))
    return spans


# The year alone: "born in '85", "born 1979", "YOB 1962", "birth year: 1979", "DOB 1984".
_CAPS_NAME = rf"[{UPPER}][{UPPER}'’-]+(?:[ \t]+[{UPPER}][{UPPER}'’-]+){{1,3}}"
_LOWER_NAME = rf"[{LOWER}][{LOWER}'’-]+(?:[ \t]+[{LOWER}][{LOWER}'’-]+){{1,2}}"
_NAME_BEFORE_VALUE = re.compile(
    rf"(?:^|[^\w'’-])(?P<name>{FULL_NAME}|{_CAPS_NAME}|{_LOWER_NAME})[ \t]*[,/(|:–—-]?[ \t]*$"
)
_NAME_AFTER_VALUE = re.compile(
    rf"^[ \t]*[,/(|–—-][ \t]*(?P<name>{FULL_NAME}|{_CAPS_NAME})(?=[ \t]*(?:[)/,;|.]|\r?\n|$))"
)


def names_beside(text: str, values: list[tuple[int, int]]) -> list[Span]:
    """Names written right next to another personal value, as in a record or a card's
    face: "Nkosi Thandiwe, 4520 …", "… / PRIYA SHARMA / 08/27", "kemi adeyemi 416-…".
    Ordinary words ("Account Number", "Main Street") are not names."""
    spans: list[Span] = []
    for start, end in values:
        line_start = text.rfind("\n", 0, start) + 1
        before = _NAME_BEFORE_VALUE.search(text[max(line_start, start - 60) : start])
        if before:
            offset = max(line_start, start - 60)
            spans += _if_name(before.group("name"), offset + before.start("name"))
        line_end = text.find("\n", end)
        after = _NAME_AFTER_VALUE.match(text[end : line_end if line_end >= 0 else len(text)])
        if after:
            spans += _if_name(after.group("name"), end + after.start("name"))
    return spans


def _if_name(name: str, start: int) -> list[Span]:
    words = name.split()
    lowered = [w.lower().strip(".,'’") for w in words]
    if any(w in COMMON_WORDS or w in NOT_NAMES or w in BUSINESS_WORDS for w in lowered):
        return []
    if BIRTH_CUE.search(name):
        return []  # "дата народження 07.01.1988", "tgl lahir …": the label of a birth date
    if any(acronym(w) or "." in w.rstrip(".") for w in words):
        return []  # "Primary SSN", "U.S. SSN": a label before its value
    if name.islower() and any(known_word(w) for w in lowered):
        return []  # lower case: only words the vocabulary does not hold ("kemi adeyemi")
    if not unusual(words) and not name.isupper():
        return []
    return [Span("name", start, start + len(name), 0.7)]
