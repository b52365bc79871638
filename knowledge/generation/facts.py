"""Key facts a trainer would test, picked from passages: amounts and periods with their
units, defined terms, obligations ("must", "may only", "never") and exceptions. Each fact
remembers the sentence and passage it comes from, so every question stays citable."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowledge.nlp import english
from knowledge.passages import Passage

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
}
_WORDS_RE = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORDS_RE})"
# A unit is what makes a number worth asking about: "$50", "21 days", "3 percent".
UNITS = (
    "business days",
    "calendar days",
    "days",
    "months",
    "years",
    "hours",
    "minutes",
    "billing cycles",
    "characters",
    "attempts",
    "cards",
)
_UNIT_RE = "|".join(u.removesuffix("s") + "s?" for u in UNITS)
NUMBER = re.compile(
    r"(?P<money>\$\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"|(?P<percent>\b\d+(?:\.\d+)?\s?(?:%|percent\b))"
    rf"|\b(?P<count>{_NUM})(?:[\s-](?P<unit>{_UNIT_RE})\b)",
    re.IGNORECASE,
)
OBLIGATION = re.compile(
    r"\b(?:must(?: not)?|may only|may not|never|shall(?: not)?|(?:is|are) required to|"
    r"(?:is|are) prohibited|cannot|should(?: not)?|may be used only)\b",
    re.IGNORECASE,
)
EXCEPTION = re.compile(r"\b(?:except|unless|other than|does not apply)\b", re.IGNORECASE)
# "The grace period is the time between ...", "Phishing means ...", "X (APR) is the ...".
DEFINITION = re.compile(
    r"^(?:The |An? )?(?P<term>[A-Za-z][A-Za-z -]{2,50}?)(?: \((?P<abbr>[A-Z]{2,6})\))?"
    r" (?:is|are|means|refers to) (?P<def>(?:the|a|an|any) [^;]{15,220}?)\.?$"
)
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\u201d\"'\u2019]))\s+(?=[A-Z(\"'\u201c])")
# Legal numbering, citations and file names make poor lesson sentences.
NOISE = re.compile(r"\(\d+\)|\([a-z]\)|\([ivx]+\)|\bU\.S\.C\.|\bCFR\b|§|\.md\b|https?://")
_STOP_TERMS = frozenset(
    {
        *("this", "that", "it", "there", "which", "what", "each", "these", "they", "if"),
        *("when", "while", "because", "although", "once", "as", "since", "where", "whether"),
        *("here", "such", "one"),
    }
)


@dataclass(frozen=True)
class Amount:
    """A number with its unit, e.g. 21 days or $50."""

    value: float
    unit: str
    text: str

    def render(self, value: float) -> str:
        if self.unit == "$":
            return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"
        if self.unit == "%":
            return f"{value:g}%"
        shown = f"{value:g}"
        unit = self.unit.removesuffix("s") if value == 1 else self.unit
        return f"{shown} {unit}"


@dataclass(frozen=True)
class Fact:
    kind: str  # "number", "definition", "obligation", "exception" or "statement"
    sentence: str
    passage: Passage
    amount: Amount | None = None
    term: str = ""
    definition: str = ""


def clean(text: str) -> str:
    """Markdown and layout out, prose in."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*#.*$", "", text)  # headings are shown in the citation instead
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.|>)\s*", "", text)
    # Legal enumerators that open a paragraph or follow a dash: "(a) General rule."
    text = re.sub(r"(?m)(?:^|(?<=\u2014))\s*(?:\((?:[a-z]{1,2}|\d{1,2}|[ivx]+)\)\s*)+", "", text)
    # Run-in headings: "*General rule.* A card issuer …".
    text = re.sub(r"(?m)^[ \t]*([*_]{1,2})[^*_\n]{2,80}?[.:]\1[ \t]+", "", text)
    text = re.sub(r"[*_`|]+", "", text)
    text = re.sub(r"\s?\[[A-Z][\w -]{1,30}\]", "", text)  # reference keys: "[Shannon]"
    text = re.sub(r"\[\d{1,3}\]", "", text)  # footnote marks: "... emergencies[2]."
    text = re.sub(r"\s+", " ", text).strip()
    # Footnote numbers after a sentence: "... or service.\u201d 24 An act ...", and the
    # ones a chunk opens or ends with: "5 More consumers ...", "... referrals. 9".
    text = re.sub(r"(?<=[.!?\u201d\"])\s?\d{1,3}(?=\s+[A-Z]|$)", "", text)
    return re.sub(r"^\d{1,3}\s+(?=[A-Z][a-z])", "", text).strip()


@lru_cache(maxsize=65536)
def sentences(text: str) -> tuple[str, ...]:
    """The usable sentences of a passage: prose of a readable length, little legal noise."""
    found = []
    for sentence in _SENTENCE.split(clean(text)):
        sentence = sentence.strip()
        if not 30 <= len(sentence) <= 300 or sentence.count(" ") < 5:
            continue
        if len(NOISE.findall(sentence)) > 1 or sentence.rstrip("\u201d\"'")[-1:] not in ".!?":
            continue
        found.append(sentence)
    return tuple(found)


# Legal cross-references cut to their section: "§ 1026.6(b)(2)(ii), (b)(2)(iii), or
# (b)(2)(xii)" -> "§ 1026.6", "paragraph (b)(1)(i) of this section" -> "this section".
_PARENS = r"(?:\((?:[a-z]{1,2}|\d{1,2}|[ivx]+)\))+"
_MORE_PARENS = rf"(?:,?\s*(?:(?:or|and|through)\s+)?{_PARENS})*"
_SECTION_REF = re.compile(rf"(§\s*\d[\d.]*\d){_PARENS}{_MORE_PARENS}")
_PARAGRAPH_REF = re.compile(rf"\bparagraphs?\s+{_PARENS}{_MORE_PARENS}\s+of this section", re.I)
_INLINE_ENUM = re.compile(r"(?<=\s)\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s+", re.I)
# An opening condition before the clause that states the rule: "Whenever …, the creditor
# shall …", "With respect to …, the card issuer may not …".
_LEAD_IN = re.compile(
    r"^(?:whenever|when|if|where|with respect to|except|unless|in the case of|subject to|"
    r"notwithstanding|upon|after|before|prior to|in addition to)\b",
    re.I,
)
_DET = r"(?:the|a|an|any|each|no|such)"
_MAIN = re.compile(
    rf",\s+(?={_DET}\s+(?:[\w'-]+\s+){{0,4}}?(?:shall|must|may|is|are|will|cannot|should)\b)",
    re.I,
)
_JOINED_RULES = re.compile(
    rf",?\s+and\s+(?={_DET}\s+(?:[\w'-]+\s+){{0,4}}?(?:shall|must|may)\b)", re.I
)
# "the creditor shall" before the first item of a list of what it shall do.
_MODAL_STEM = re.compile(
    rf"^({_DET}\s+(?:[\w'-]+\s+){{0,4}}?(?:shall|must|may|should|will)(?:\s+not)?)\s", re.I
)
_OPENS_ITEM = re.compile(rf"^(?!{_DET}\b)[a-z]", re.I)
# A list's introduction is a statement of its own only when what follows are provisos.
_PROVISO = re.compile(r",?\s+provided that$", re.I)
_COMPLEMENT = re.compile(r"^(?:that|whether|how|what|which)\b", re.I)
_LIST = re.compile(r";\s+(?:and|or)\s")


def _usable(sentence: str) -> bool:
    if not 30 <= len(sentence) <= 300 or sentence.count(" ") < 5:
        return False
    return len(NOISE.findall(sentence)) <= 1 and sentence.rstrip("\u201d\"'\u2019")[-1:] in ".!?"


@lru_cache(maxsize=65536)
def _clause(sentence: str) -> bool:
    """A main verb with its subject: a statement, not a heading or a fragment."""
    roots = [t for t in english()(sentence) if t.dep_ == "ROOT"]
    return (
        len(roots) == 1
        and roots[0].pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in roots[0].children)
    )


def _parts(sentence: str) -> list[str]:
    """The statements inside a sentence too long or too cluttered to quiz on as it stands:
    cross-references cut short, a list split into its items (each item of "the creditor
    shall (A) …; (B) …" said with "the creditor shall"), an opening condition dropped
    where the rest states the rule on its own."""
    text = _INLINE_ENUM.sub(
        "", _PARAGRAPH_REF.sub("this section", _SECTION_REF.sub(r"\1", sentence))
    )
    found: list[str] = []
    stem = ""
    # Two rules joined by "and": "the seller shall … and the card issuer shall …".
    text = _JOINED_RULES.sub("; ", text)
    pieces = re.split(r"([:;])\s+(?:(?:and|or)\s+)?", text + ".")
    for part, end in zip(pieces[::2], [*pieces[1::2], "."], strict=True):
        part = part.strip().rstrip(".;:, ")
        if end == ":" and not _PROVISO.search(part):
            continue  # "must disclose …:" says nothing until its items do
        part = _PROVISO.sub("", part)
        if stem and part[:1].islower() and _OPENS_ITEM.match(part):
            part = f"{stem} {part}"
        elif _LEAD_IN.match(part) and (main := _MAIN.search(part)):
            part = part[main.end() :]
        if m := _MODAL_STEM.match(part):
            stem = m.group(1)
        if not part or _COMPLEMENT.match(part):
            continue
        part = part[0].upper() + part[1:] + "."
        if _usable(part) and _clause(part):
            found.append(part)
    return found


@lru_cache(maxsize=65536)
def statements(text: str) -> tuple[str, ...]:
    """The sentences a fact may come from: the usable sentences of the passage as they
    stand, and the statements inside its overlong sentences and run-together lists (not
    verbatim, so never offered as a quoted truth)."""
    found: list[str] = []
    for sentence in _SENTENCE.split(clean(text)):
        sentence = sentence.strip()
        if _usable(sentence) and not _LIST.search(sentence):
            found.append(sentence)
        elif len(sentence) >= 30:
            found += [p for p in _parts(sentence) if p not in found]
    return tuple(found)


def amount(match: re.Match[str]) -> Amount | None:
    text = match.group(0).strip()
    if match.group("money"):
        return Amount(float(re.sub(r"[$,\s]", "", text)), "$", text)
    if match.group("percent"):
        return Amount(float(re.sub(r"[^\d.]", "", text)), "%", text)
    count, unit = match.group("count").lower(), match.group("unit").lower()
    if count in WORD_NUMBERS:
        value = float(WORD_NUMBERS[count])
    else:
        try:
            value = float(count.replace(",", ""))
        except ValueError:
            return None
    unit = unit if unit.endswith("s") else unit + "s"
    return Amount(float(value), unit, text)


@lru_cache(maxsize=16384)
def _amounts(text: str) -> tuple[Amount, ...]:
    return tuple(a for m in NUMBER.finditer(text) if (a := amount(m)) is not None)


def amounts(text: str) -> list[Amount]:
    """Every figure with its unit in the text (cached per text: passages repeat)."""
    return list(_amounts(text))


# Imperatives that point elsewhere rather than advise: "See the ...", "Refer to ...".
_POINTERS = frozenset({"see", "refer", "read", "visit", "click", "look", "go", "note", "follow"})


@lru_cache(maxsize=65536)
def advice(sentence: str) -> bool:
    """An imperative that gives advice ("Allow users to paste passwords."), which guidance
    such as a cheat sheet states its rules in."""
    doc = english()(sentence)
    first = doc[0]
    return (
        first.tag_ == "VB"
        and first.dep_ == "ROOT"
        and first.lemma_.lower() not in _POINTERS
        and not sentence.endswith("?")
    )


@lru_cache(maxsize=65536)
def _facts_of(sentence: str) -> tuple[tuple[str, Amount | None, str, str], ...]:
    found: list[tuple[str, Amount | None, str, str]] = []
    for a in amounts(sentence):
        if a.unit != "$" or a.value >= 1:
            found.append(("number", a, "", ""))
    d = DEFINITION.match(sentence)
    if d and not {w.lower() for w in d.group("term").split()} & _STOP_TERMS:
        term = d.group("term").strip()
        if term[:1].isupper() and term[1:] == term[1:].lower():
            term = term[0].lower() + term[1:]  # capitalised only as the sentence's start
        if len(term.split()) <= 5 and not OBLIGATION.search(term):
            found.append(("definition", None, term, d.group("def").strip().rstrip(".")))
    if OBLIGATION.search(sentence) or advice(sentence):
        found.append(("obligation", None, "", ""))
    if EXCEPTION.search(sentence):
        found.append(("exception", None, "", ""))
    if not found:
        found.append(("statement", None, "", ""))
    return tuple(found)


def key_facts(passages: Sequence[Passage]) -> list[Fact]:
    """Every testable fact of the passages, in passage order."""
    facts = []
    for passage in passages:
        for sentence in statements(passage.text):
            for kind, amt, term, definition in _facts_of(sentence):
                facts.append(Fact(kind, sentence, passage, amt, term, definition))
    return facts
