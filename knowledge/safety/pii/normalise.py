"""Text normalised for detection, with a map back to the original characters.

Detectors run on the normalised text; every span they find is mapped back so the original
(with its odd spaces, dashes or invisible characters) is what gets replaced.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that split a value without showing: zero-width space/joiners, word
# joiner, byte-order mark, soft hyphen.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_SPACES = frozenset("\u00a0\u2007\u202f\u205f\u3000\u1680") | {
    chr(c) for c in range(0x2000, 0x200B)
}
# Dashes, and the dots some people type between digit groups (middle dot, bullet).
_DASHES = frozenset(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00b7\u2022\u2219\u2027"
)
# Dots that hide digits when two or more stand together ("4147 20•• •••• 1234"): a mask,
# read as "*", so a masked number is not joined into a phone or card number.
_MASK_DOTS = frozenset("\u2022\u2219\u25cf\u00b7")
# Inline formatting tags inside a value or between a greeting and a name ("Dear
# <b>Amadou Diallo</b>"): dropped, so the words read as they show.
_INLINE_TAG = re.compile(r"(?i)</?(?:b|i|u|em|strong|span|font|small|mark)(?:\s[^<>\n]{0,80})?>")
# Paragraph and line-break tags end a line, as they do on the page ("<p>Dear …").
_BLOCK_TAG = re.compile(r"(?i)</?(?:p|br|div|li|h[1-6])(?:\s[^<>\n]{0,80})?/?>")


@dataclass(frozen=True)
class Normalised:
    text: str
    origin: list[int]  # origin[i]: index in the original of normalised character i
    length: int  # length of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that normalised [start, end) came from."""
        end = min(end, len(self.origin))
        if start >= end:
            return self.length, self.length
        first = self.origin[start]
        last = self.origin[end - 1] + 1
        return first, last


def normalise(text: str) -> Normalised:
    out: list[str] = []
    origin: list[int] = []
    tags = {i for m in _INLINE_TAG.finditer(text) for i in range(m.start(), m.end())}
    blocks = {m.start(): m.end() for m in _BLOCK_TAG.finditer(text)}
    skip_to = 0
    for i, ch in enumerate(text):
        if i < skip_to or ch in _DROP or i in tags:
            continue
        if i in blocks:
            out.append("\n")
            origin.append(i)
            skip_to = blocks[i]
            continue
        if ch in _MASK_DOTS and _masking(text, i):
            mapped = "*"
        elif ch in _SPACES:
            mapped = " "
        elif ch in _DASHES:
            mapped = "-"
        elif ch.isascii():
            mapped = ch
        else:
            mapped = unicodedata.normalize("NFKC", ch)
        out.append(mapped)
        origin.extend([i] * len(mapped))
    return Normalised("".join(out), origin, len(text))


def _masking(text: str, i: int) -> bool:
    """The dot at text[i] stands beside another: part of a run that hides digits."""
    return (i > 0 and text[i - 1] in _MASK_DOTS) or (
        i + 1 < len(text) and text[i + 1] in _MASK_DOTS
    )
