"""Find and redact personal data before text leaves the process or is stored.

Detection runs Microsoft Presidio on the shared spaCy pipeline (names, e-mail) with our
recognizers for checksummed and rule-based types (`phonenumbers`, `python-stdnum`, `pyap`).
Text is normalised first (NFKC, odd spaces and dashes, invisible characters; see
`normalise`) and every span is mapped back to the original. Each value is replaced whole by
a typed placeholder ([NAME], [EMAIL], [PHONE], …): a partial mask would still leak part of
it. Overlapping findings merge, so a value is never half removed. What identifies a business
rather than a person (toll-free lines, branch transit numbers, card BINs, the last four
digits of a card) is left alone.

The first call loads the spaCy pipeline (about 0.7 s): `warm()` does it ahead of time in a
background thread. Redaction is CPU work: async callers use `redact_async`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from stdnum import luhn

from knowledge import nlp
from knowledge.safety.pii import numbers
from knowledge.safety.pii.around import names_beside
from knowledge.safety.pii.companions import companions
from knowledge.safety.pii.echoes import echoes, given_echoes
from knowledge.safety.pii.figures import famous, figure_of_lesson
from knowledge.safety.pii.given_names import COMMON_GIVEN, given_names, surnames
from knowledge.safety.pii.listed import ACTION_AFTER
from knowledge.safety.pii.normalise import normalise
from knowledge.safety.pii.people import grow_name, known_word, placeholder_person, surname
from knowledge.safety.pii.published import nobodys
from knowledge.safety.pii.tables import firm_cells

PLACEHOLDERS = {
    "name": "[NAME]",
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "ssn": "[SSN]",
    "sin": "[SIN]",
    "card": "[CARD]",
    "iban": "[IBAN]",
    "account": "[ACCOUNT]",
    "dob": "[DOB]",
    "address": "[ADDRESS]",
    "ip": "[IP]",
    "licence": "[LICENCE]",
    "passport": "[PASSPORT]",
}
# Kinds of personal value other than a name.
_VALUE_KINDS = PLACEHOLDERS.keys() - {"name"}
# Presidio's own confidence for spaCy names is 0.85; our rules score 0.7 and up.
MIN_SCORE = 0.5
# Kinds that win when findings overlap (checksummed first, names last).
_PRIORITY = [
    "iban",
    "card",
    "sin",
    "ssn",
    "passport",
    "licence",
    "email",
    "ip",
    "phone",
    "dob",
    "account",
    "address",
    "name",
]

_pipeline = nlp.DEFAULT_PIPELINE

# Words that speak of someone in particular: a pronoun, a title, a role, something said or
# done by a person, a greeting or sign-off.
_SOMEONE_WORDS = (
    r"she|he|her|his|him|hers|herself|himself|mrs?|ms|miss|mx|mme|mlle|dr|monsieur|madame|sr"
    r"|sra|herr|frau|client|customer|cardholder|applicant|borrower|guarantor|member|caller"
    r"|owner|director|spouse|husband|wife|partner|son|daughter|colleague|employee|manager|cust"
    r"|asked|asks|wants|wanted|called|calls|said|says|told|emailed|wrote|spoke|visited"
    r"|requested|signed|born|applied|dear|hi|hello|hey|regards|thanks|thx|cheers|sincerely"
    r"|merci|bonjour|salut|hola|i'm|il|elle|lui|ella|él|cliente?|clienta|titulaire|payee"
    r"|holders?|recipient|sender|tenants?|landlord|attendees"
)
# Signs that a text is about a person: a one-word name found alone counts only with one.
_PERSONAL = re.compile(
    rf"(?i)\b(?:{_SOMEONE_WORDS}|clients|requests|name|named|n[ée]e?|dob|from|notes?"
    r"|beneficiary|sent|who|whom|whose|lost|user|users|person|personne|persona|signer|sign"
    r"|señora?|they|them|their|surname|given names?|first name|last name|full name|cardmember"
    r"|payable|belongs|issued to|trustee|executor|co-?signer|on behalf|best|follow up"
    r"|voicemail|helped|remind|attorney|pls|plz|it's|its|this is|je m'appelle|me llamo|agent)\b"
    r"|\bM\.[ \t]+[A-Z]|(?<![\w.])@[a-z]"
    # "Rajesh to send the BIN list": an action item given to someone.
    rf"|\b(?-i:[A-Z][a-z]+)(?:{ACTION_AFTER.pattern})"
    # "Text Aroha when …", "ask Wei to …": someone asked for by a given name.
    r"|\b(?:tell|ask|text|have|let|did|does|call|ring|remind)[ \t]+(?-i:[A-Z][a-z]+)[ \t]+"
    r"(?:back|to|that|when|if|know|about|bring|sign)\b"
)
# Stricter signs, without the words any text uses ("from", "its", "best"): the tagger's
# names in a text with none of them and no personal value are terms, places, brands and
# characters more often than people.
_ABOUT_SOMEONE = re.compile(
    rf"(?i)\b(?:{_SOMEONE_WORDS}|attendee|i am|my|me|signers?|signatories|signatory|contact"
    r"|supplementary|hij[oa]|kolleg(?:e|in)|vertretung)\b"
    r"|(?<![\w.])@[a-z]"
    # someone's own number or document: "Naomi Blackbird's SIN was typed as …"
    r"|['’]s[ \t]+(?:sin|ssn|dob|date of birth|passport|account|card|iban|phone|mobile|email"
    r"|address|licen[cs]e)\b"
)


def use_pipeline(name: str) -> None:
    """Name the installed spaCy package to use (a setting read by the composition root)."""
    global _pipeline
    _pipeline = name


def warm() -> None:
    """Load the pipeline, the given names and the analyzer now (call from a background
    thread)."""
    given_names()
    find("warm up")


@dataclass(frozen=True)
class Redaction:
    text: str
    matches: list[tuple[str, int, int]] = field(default_factory=list)  # in the original text

    @property
    def kinds(self) -> set[str]:
        return {kind for kind, _, _ in self.matches}

    @property
    def entities(self) -> list[dict[str, Any]]:
        return [{"type": kind, "start": start, "end": end} for kind, start, end in self.matches]


def luhn_valid(digits: str) -> bool:
    return luhn.is_valid(digits)


def iban_valid(iban: str) -> bool:
    return numbers.iban_valid(iban)


def _merge(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping findings become one span covering all of them, typed by priority; a
    guessed name that overlaps a validated number, or an address that starts inside one, is
    dropped (the tagger or the street pattern misread it)."""
    numbers_found = [f for f in found if f[0] in ("iban", "card", "sin", "ssn", "email")]
    found = [
        f
        for f in found
        if not (f[0] == "name" and any(f[1] < e and s < f[2] for _, s, e in numbers_found))
        # "GB79 0000 0000 0000 DR.": a street read inside a validated number is part of it
        and not (f[0] == "address" and any(s < f[1] < e for _, s, e in numbers_found))
    ]
    merged: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (f[1], -f[2])):
        if merged and start < merged[-1][2]:
            last_kind, last_start, last_end = merged[-1]
            better = min(last_kind, kind, key=_PRIORITY.index)
            merged[-1] = (better, last_start, max(end, last_end))
        else:
            merged.append((kind, start, end))
    return merged


# Longer texts are read in parts of at most this many characters, cut at a line break (or
# a space): the tagger's cost grows with length and spaCy refuses texts over a million.
PART_CHARS = 20_000


def _parts(text: str) -> list[tuple[int, str]]:
    parts, start = [], 0
    while len(text) - start > PART_CHARS:
        window = text[start : start + PART_CHARS]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut + 1 if cut > PART_CHARS // 2 else PART_CHARS
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def find(text: str) -> list[tuple[str, int, int]]:
    """Every PII span as (kind, start, end) in the original text, non-overlapping, in order."""
    if not text.strip():
        return []
    found: list[tuple[str, int, int]] = []
    for offset, part in _parts(text):
        found += [(kind, s + offset, e + offset) for kind, s, e in _find_part(part)]
    return _merge(found)


_SHOUTED_LINE = re.compile(r"(?m)^.*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _recased(word: str) -> str:
    """A capitalised word as prose would write it: a name word keeps a capital ("Ndiaye",
    "Jean-Baptiste", "Aminata"), an English word does not ("GRANTED" is "granted")."""
    lowered = word.lower()
    if lowered.split("-")[0] in COMMON_GIVEN or not known_word(lowered):
        return word.title()
    return lowered


def _recase_shouted(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with its lines typed in capitals ("POWER OF ATTORNEY GRANTED BY JEAN-BAPTISTE
    NDIAYE TO …") written as prose would write them, same length, and where those lines are."""
    lines = []
    for m in _SHOUTED_LINE.finditer(text):
        letters = [c for c in m.group() if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= 12 and upper >= 0.9 * len(letters) and len(m.group().split()) >= 4:
            lines.append((m.start(), m.end()))
    cased = list(text)
    for start, end in lines:
        line = _WORD.sub(lambda w: _recased(w.group()), text[start:end])
        if len(line) != end - start:
            return text, []
        cased[start:end] = line
    return "".join(cased), lines


def _shouted_names(cased: str, lines: list[tuple[int, int]], analyzer: Any) -> list[Any]:
    """Names in lines typed in capitals, where the tagger sees none: read again as prose
    would write them (`_recase_shouted`), keeping only the names found in those lines."""
    if not lines:
        return []
    return [
        r
        for r in analyzer.analyze(cased, language="en")
        if r.entity_type in ("PERSON", "NAME", "NAME_BY_SHAPE")
        and any(s <= r.start and r.end <= e for s, e in lines)
        and len(cased[r.start : r.end].split()) > 1
    ]


def _person_shaped(span: str) -> bool:
    """A given name followed by a family name, as the name lists spell them: a person's,
    even in a text with nothing else about them ("Lukas Schneider moved to Calgary")."""
    words = [w.strip(".,;:'’\"()").lower() for w in span.split()]
    return len(words) >= 2 and words[0] in given_names() and words[-1] in surnames()


def _given_first(span: str) -> bool:
    """A full name a given name opens ("Tyrone Jefferson-Baptiste, acct 4471…"): a person's
    in a text that holds personal values, even with no other sign of a person."""
    words = span.split()
    return len(words) >= 2 and words[0].lower() in given_names()


def _find_part(text: str) -> list[tuple[str, int, int]]:
    # Imported here: Presidio costs about a second to import, and start-up must not wait.
    # It logs at INFO while loading (device, every recognizer): keep only its problems.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    from knowledge.safety.pii import engine

    norm = normalise(text)
    analyzer = engine.analyzer(_pipeline)
    results = analyzer.analyze(norm.text, language="en")
    # In a line typed in capitals every word looks like part of a name: names are found and
    # grown over the line as prose would write it.
    cased, shouted = _recase_shouted(norm.text)
    results += _shouted_names(cased, shouted, analyzer)
    about_people = bool(_PERSONAL.search(norm.text))
    holds_values = any(
        r.score >= MIN_SCORE and engine.kind_of(r.entity_type) in _VALUE_KINDS for r in results
    )
    firms = firm_cells(norm.text)
    # Only the tagger's names: no value, no sign of a person, no name read by our own rules.
    tagger_alone = (
        not holds_values
        and not _ABOUT_SOMEONE.search(norm.text)
        and not any(
            r.score >= MIN_SCORE
            and engine.kind_of(r.entity_type) == "name"
            and r.recognition_metadata.get("recognizer_name") != "_Names"
            for r in results
        )
    )
    results = [
        r
        for r in results
        if r.score >= MIN_SCORE
        and (
            about_people
            or r.entity_type != engine.NAME_BY_SHAPE
            or (holds_values and _given_first(norm.text[r.start : r.end]))
        )
        and (
            r.entity_type != engine.NAME_BY_LISTS
            or holds_values
            or _person_shaped(norm.text[r.start : r.end])
        )
        and not (
            tagger_alone
            and r.recognition_metadata.get("recognizer_name") == "_Names"
            and not _person_shaped(norm.text[r.start : r.end])
        )
        and not (
            engine.kind_of(r.entity_type) == "name"
            and any(s <= r.start and r.end <= e for s, e in firms)
        )
    ]
    # Names are read beside values that belong to someone ("198.51.100.0/24" does not).
    values = [
        (r.start, r.end)
        for r in results
        if engine.kind_of(r.entity_type) != "name"
        and not nobodys(text, engine.kind_of(r.entity_type), *norm.span(r.start, r.end))
    ]
    found = [("name", *norm.span(n.start, n.end)) for n in names_beside(norm.text, values)]
    for r in results:
        kind = engine.kind_of(r.entity_type)
        start, end = r.start, r.end
        if kind == "name":
            start, end = grow_name(cased, start, end)
        start, end = norm.span(start, end)
        if kind in PLACEHOLDERS and end > start:
            found.append((kind, start, end))
    # A team's mailbox, a published test number, a form's slot or mask belong to no one.
    found = [f for f in found if not nobodys(text, *f)]
    # Machines' addresses in a text about no one (a firewall rule, a rate-limiter log, a
    # training room's Wi-Fi) point to no person.
    if all(kind == "ip" for kind, _, _ in found) and not _ABOUT_A_USER.search(text):
        found = []
    # People of history in a lesson ("Alexander Hamilton founded the Bank of New York in
    # 1784") are figures of it, not persons whose data the text holds.
    other_values = any(kind != "name" for kind, _, _ in found)
    names = [f for f in found if f[0] == "name"]
    figures = [f for f in names if figure_of_lesson(text, f[1], f[2], other_values)]
    # The surname of a figure, alone elsewhere in the text, is that figure ("the Schumer box
    # … named after Senator Chuck Schumer").
    surnames = {surname(text[s:e]) for _, s, e in figures}
    found = [
        f
        for f in found
        if f[0] != "name"
        or not (
            f in figures
            or surname(text[f[1] : f[2]]) in surnames
            or placeholder_person(text, f[1], f[2])
        )
    ]
    if found and all(kind == "name" for kind, _, _ in found) and not about_people:
        # Text about no one: a lone capitalised word is a brand, product or place ("Hortons",
        # "Samsung"). A full name still counts: a learner may ask about one without a cue.
        found = [f for f in found if len(text[f[1] : f[2]].split()) > 1]
    named = [(start, end) for kind, start, end in found if kind == "name"]
    # Found by their company, a famous figure is still one ("— Warren Buffett").
    named += [
        (s, e)
        for s, e in companions(text, named)
        if not famous(text[s:e]) and not placeholder_person(text, s, e)
    ]
    return [f for f in found if f[0] != "name"] + [
        ("name", _with_title(text, start), end)
        for start, end in named + echoes(text, named) + given_echoes(text, named)
    ]


# A title or initials right before a name ("Mrs. Okonkwo", "B. AKINYEMI") go with it: they
# say who it is as much as the name does.
_TITLE_BEFORE = re.compile(
    r"(?:(?i:\b(?:mr|mrs|ms|miss|mx|dr|mme|mlle|prof|sr|sra|srta|dra|monsieur|madame|señora?"
    r"|herr|frau))\.?|\b[A-Z]\.(?:[ \t]?[A-Z]\.)*)[ \t]+$"
)


# Words that put a person behind a machine's address: a user, a client's session, a login
# under dispute.
_ABOUT_A_USER = re.compile(
    r"(?i)\b(?:user|users|customer|cardholder|client(?!=)|member|account holder|staff|employee"
    r"|her|his|my|their|someone|laptop|phone|device|session|logged|(?<!/)logins?\b(?! page)"
    r"|disputed?|fraud|suspicious|attempts?)\b"
)


# The first half of a double given name ("Hans-[Jürgen Meißner]"), or a surname in the
# cell before, at the start of a CSV row ("Okafor,[Ngozi],…").
_NAME_BEFORE = re.compile(r"(?:\b[A-ZÀ-Þ][a-zà-ÿß]+-|(?m:^)[A-ZÀ-Þ][\w'’-]+,)$")


def _with_title(text: str, start: int) -> int:
    if joined := _NAME_BEFORE.search(text, max(0, start - 30), start):
        start = joined.start()
    title = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    return title.start() if title else start


def redact(text: str) -> Redaction:
    """Replace every PII value with its typed placeholder."""
    matches = find(text)
    if not matches:
        return Redaction(text=text)
    out: list[str] = []
    cursor = 0
    for kind, start, end in matches:
        out.append(text[cursor:start])
        out.append(PLACEHOLDERS[kind])
        cursor = end
    out.append(text[cursor:])
    return Redaction(text="".join(out), matches=matches)


async def redact_async(text: str) -> Redaction:
    """`redact` off the event loop."""
    return await asyncio.to_thread(redact, text)


async def redact_all(texts: list[str]) -> list[str]:
    """Redacted copies of many texts, in one trip off the event loop."""
    return await asyncio.to_thread(lambda: [redact(t).text for t in texts])


def contains_pii(text: str) -> bool:
    return bool(find(text))
