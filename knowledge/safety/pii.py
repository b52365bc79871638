"""Find and redact personal data before text reaches an LLM or stored content.

Each value is replaced whole by a typed placeholder ([EMAIL], [PHONE], [SSN], [SIN],
[CARD], [IBAN], [ACCOUNT]); a partial mask would still leak digits. Card numbers and
SINs must pass the Luhn check and IBANs the mod-97 check, so ordinary numbers in
training text (regulation sections, dollar amounts, dates) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

PLACEHOLDERS = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "ssn": "[SSN]",
    "sin": "[SIN]",
    "card": "[CARD]",
    "iban": "[IBAN]",
    "account": "[ACCOUNT]",
}


@dataclass(frozen=True)
class Redaction:
    text: str
    matches: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {kind for kind, _, _ in self.matches}


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    compact = re.sub(r"[\s-]", "", iban).upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        number = "".join(str(int(ch, 36)) for ch in rearranged)
    except ValueError:
        return False
    return int(number) % 97 == 1


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _card_ok(value: str) -> bool:
    digits = _digits(value)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _sin_ok(value: str) -> bool:
    digits = _digits(value)
    return len(digits) == 9 and luhn_valid(digits)


def _ssn_ok(value: str) -> bool:
    digits = _digits(value)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def _always(_: str) -> bool:
    return True


_NB = r"(?<![\w.+-])"  # not glued to a preceding word/number
_NA = r"(?![\w-])"  # nor to a following one

# Order matters: earlier kinds win overlapping spans (an IBAN holds digit runs that could
# look like an account number, a card number could look like a phone number).
_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    (
        "email",
        re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        _always,
    ),
    (
        "iban",
        re.compile(_NB + r"[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?" + _NA),
        iban_valid,
    ),
    ("card", re.compile(_NB + r"\d(?:[ -]?\d){12,18}" + _NA), _card_ok),
    ("ssn", re.compile(_NB + r"\d{3}([- ])\d{2}\1\d{4}" + _NA), _ssn_ok),
    ("sin", re.compile(_NB + r"\d{3}([- ]?)\d{3}\1\d{3}" + _NA), _sin_ok),
    (
        "phone",
        re.compile(
            r"(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}"
            + _NA
            + r"|(?<![\w+])\+1\d{10}"
            + _NA
        ),
        _always,
    ),
]

# Numbers that are only PII because of the word before them: "account number 12345678",
# "SSN: 123456789". Only the value is replaced; the cue word stays readable.
_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "account",
        re.compile(
            r"(?i)\b(?:account|acct|routing|a/c)\b(?:\s+(?:number|no\.?|num|#))?\s*[:#]?\s*"
            r"(?P<value>\d[\d -]{4,20}\d)(?!\d)"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?i)\b(?:phone|tel|mobile|cell|call|text|fax)\b[^\d\n]{0,12}(?P<value>\+?1?[2-9]\d{9})\b"
        ),
    ),
    ("ssn", re.compile(r"(?i)\b(?:ssn|social security(?: number)?)\s*[:#]?\s*(?P<value>\d{9})\b")),
]


def find(text: str) -> list[tuple[str, int, int]]:
    """Every PII span as (kind, start, end), non-overlapping, in text order."""
    spans: list[tuple[str, int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for _, s, e in spans)

    for kind, pattern, valid in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if valid(m.group(0)) and free(start, end):
                spans.append((kind, start, end))
    for kind, cue in _CUES:
        for m in cue.finditer(text):
            start, end = m.start("value"), m.end("value")
            if free(start, end):
                spans.append((kind, start, end))
    return sorted(spans, key=lambda s: s[1])


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


def contains_pii(text: str) -> bool:
    return bool(find(text))
