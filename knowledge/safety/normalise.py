"""Text as an attacker cannot disguise it: one canonical form for the injection checks.

NFKC folds full-width and stylised letters; zero-width and tag characters are dropped;
look-alike letters from other scripts (Cyrillic "о", Greek "ο") are folded to the Latin
letter they imitate, using the Unicode confusables table; digits standing in for letters
inside words ("1gn0re") and letters spaced apart ("i g n o r e") are undone. Obvious
encoded probes (base64 runs, a rot13 announcement) are decoded so the same patterns can
read what they say.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
import urllib.parse
from functools import lru_cache

from confusable_homoglyphs import confusables

ZERO_WIDTH = re.compile(r"[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
TAG_CHARS = re.compile(r"[\U000e0000-\U000e007f]")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{20,}={0,2}")
_ROT13_HINT = re.compile(r"\brot-?13\b", re.I)
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2}){8,}")
_HEX_RUN = re.compile(r"\b(?:[0-9A-Fa-f]{2} ){11,}[0-9A-Fa-f]{2}\b")
_ENTITY_RUN = re.compile(r"(?:&#(?:x[0-9A-Fa-f]{1,6}|\d{1,7});){8,}")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LATIN = re.compile(r"[a-z]")
# Only texts that show the trick get the de-obfuscated readings (each costs a full scan).
_LEET_WORD = re.compile(r"\b(?=[\w@$]*[a-z])(?=[\w@$]*[013457@$])[a-z013457@$]{3,}\b")
_SPACED_RUN = re.compile(r"(?:\b\w[ .\-_*]){3,}\w\b")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """The Latin letter `char` imitates, or `char` itself."""
    if char.isascii() or not char.isalpha():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True)
    if not found:
        return char
    for glyph in found[0]["homoglyphs"]:
        candidate = glyph["c"]
        if len(candidate) == 1 and candidate.isascii() and candidate.isalpha():
            return candidate.lower()
    return char


def _fold_confusables(text: str) -> str:
    """Fold look-alikes only in words that mix scripts with Latin, or are written wholly
    in look-alikes of Latin letters; genuine Cyrillic or Greek prose stays as it is."""

    def word(match: re.Match[str]) -> str:
        w = match.group(0)
        if w.isascii():
            return w
        folded = "".join(_fold_char(c) for c in w)
        has_latin = bool(_LATIN.search(w))
        if has_latin or folded.isascii():
            return folded
        return w

    return re.sub(r"\w+", word, text)


def strip_hidden(text: str) -> str:
    return TAG_CHARS.sub("", ZERO_WIDTH.sub("", text))


# Morse code: six letters or more, words split by "/".
_MORSE_RUN = re.compile(r"(?:[.\-]{1,6}[ \t]+(?:/[ \t]+)?){5,}[.\-]{1,6}")
_MORSE_CODES = (
    ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - ..- ...- "
    ".-- -..- -.-- --.. / ----- .---- ..--- ...-- ....- ..... -.... --... ---.. ----."
)
_MORSE = dict(zip(_MORSE_CODES.split(), "abcdefghijklmnopqrstuvwxyz/0123456789", strict=True))
# A text that asks to be read backwards.
_REVERSE_HINT = re.compile(
    r"(?i)\b(?:backwards?|in reverse|reversed|right to left|[àa] l'envers|al rev[ée]s"
    r"|r[üu]ckw[äa]rts|de tr[áa]s para a frente)\b"
)


def canonical(text: str) -> str:
    """NFKC, hidden characters dropped, look-alikes folded, lower case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", strip_hidden(text))
    text = _fold_confusables(text.lower())
    return re.sub(r"[ \t\u00a0]+", " ", text)


def deleet(text: str) -> str:
    """Undo digit-for-letter swaps inside words ("1gn0re") without touching numbers."""
    return re.sub(r"\b(?=\w*[a-z])[\w@$]+\b", lambda m: m.group(0).translate(_LEET), text)


def despace(text: str) -> str:
    """ "i g n o r e" or "i.g.n.o.r.e" -> "ignore"."""
    return re.sub(r"(?<=\b\w)[ .\-_*](?=\w\b)", "", text)


def variants(text: str) -> list[str]:
    """The canonical text and its de-obfuscated readings (each different from the rest)."""
    normal = canonical(text)
    found = [normal]
    leet = bool(_LEET_WORD.search(normal))
    spaced = bool(_SPACED_RUN.search(normal))
    candidates = []
    if leet:
        candidates.append(deleet(normal))
    if spaced:
        candidates.append(despace(normal))
        # Wider gaps between spaced letters mark the word breaks: "i g n o r e   a l l".
        wide = _fold_confusables(unicodedata.normalize("NFKC", strip_hidden(text)).lower())
        candidates.append(re.sub(r"[ \t\u00a0]+", " ", re.sub(r"(?<=\b\w) (?=\w\b)", "", wide)))
        # Letters joined by a mark and words by spaces: "s-h-a-r-e a-l-l".
        for mark in ".-_*":
            if mark in normal:
                candidates.append(re.sub(rf"(?<=\b\w){re.escape(mark)}(?=\w\b)", "", normal))
    if leet and spaced:
        candidates.append(deleet(despace(normal)))
    for variant in candidates:
        if variant not in found:
            found.append(variant)
    return found


def decoded_payloads(text: str) -> list[str]:
    """Readable text hidden in base64 runs, and the rot13 reading of a text that asks for it."""
    decoded = []
    for run in _BASE64_RUN.findall(strip_hidden(text)):
        try:
            raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
            plain = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if plain.isprintable() and sum(c.isalpha() or c == " " for c in plain) > 0.8 * len(plain):
            decoded.append(canonical(plain))
    if _ROT13_HINT.search(text):
        decoded.append(canonical(codecs.decode(text, "rot13")))
    # Percent-encoded or HTML character references: "%49%67%6E…", "&#73;&#103;…".
    for run in _PERCENT_RUN.findall(text):
        decoded.append(canonical(urllib.parse.unquote(run)))
    for run in _ENTITY_RUN.findall(text):
        decoded.append(canonical(html.unescape(run)))
    for run in re.findall("\u202e([^\u202c\n]+)", text):  # right-to-left override: reversed
        decoded.append(canonical(run[::-1]))
    for run in _MORSE_RUN.findall(text):  # ".. --. -. --- .-. ." with "/" between words
        letters = [_MORSE.get(code, "") for code in run.replace("/", " / ").split()]
        decoded.append(canonical("".join(" " if c == "/" else c for c in letters)))
    if _REVERSE_HINT.search(text):  # "read the following line backwards": every line reversed
        decoded += [canonical(line[::-1]) for line in text.splitlines() if line.strip()]
    for run in _HEX_RUN.findall(text):  # "53 68 6f 77 20 …"
        plain = bytes.fromhex(run.replace(" ", "")).decode("utf-8", "replace")
        if sum(c.isalpha() or c == " " for c in plain) > 0.8 * len(plain):
            decoded.append(canonical(plain))
    return decoded
