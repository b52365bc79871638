"""Personal values known by the column they stand in.

An export pasted into a document or a message ("cardholder_name,email,phone,dob"), a
Markdown table or an HTML table says in its header what each column holds. A cell under
"Name", "DOB", "Phone" or "Address" is that value whatever its shape: a surname in
capitals, a phone without a plus, a date with no birth cue beside it. Columns that name a
firm, a merchant or a product ("Company name", "Merchant") are not about a person.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from knowledge.safety.pii.numbers import Span

# Header words per kind, tried in order: "Date of birth" is a date before it is a name.
_COLUMNS = (
    (
        "dob",
        r"dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthdate|birthday|naissance"
        r"|date de naissance|ddn|fecha de nacimiento|nacimiento",
    ),
    ("email", r"e-?mail|email[ _-]?address|courriel|correo"),
    (
        "phone",
        r"(?:(?:home|work|cell|mobile|business|personal|primary|day|evening)[ _-]?)?"
        r"(?:phone|phone[ _-]?(?:no|number|#)|tel|t[ée]l[ée]phone|telephone|cell|mobile|fax)"
        r"|contact[ _-]?number",
    ),
    ("address", r"address|home[ _-]?address|mailing[ _-]?address|street|adresse|direcci[oó]n"),
    ("sin", r"sin|nas|social[ _-]?insurance[ _-]?(?:no|number)?"),
    ("ssn", r"ssn|social[ _-]?security[ _-]?(?:no|number)?"),
    (
        "account",
        r"(?:bank[ _-]?)?(?:account[ _-]?(?:no|number|#|num)?|acct(?:[ _-]?(?:no|number|#))?)"
        r"|iban"
        r"|compte|cuenta|conta|konto|rekening|routing[ _-]?and[ _-]?account",
    ),
    # A bare "card" column holds numbers only when its cells have a card's length.
    ("card", r"pan|card(?:[ _-]?(?:no|number|#|num))?|card[ _-]?pan|full[ _-]?pan|carte|tarjeta"),
    # Not a person: a cell under "Merchant" or "Company" keeps a name-like value.
    (
        "firm",
        r"merchant(?:[ _-]?name)?|company(?:[ _-]?name)?|business(?:[ _-]?name)?|vendor"
        r"|store|brand|product|employer|marchand|entreprise|commer[cç]ant"
        r"|(?:product|store|brand|vendor|program|programme|plan|card|team|branch|bank|file"
        r"|campaign|event|course|module|lesson|topic|field|host|device|app|tier)[ _-]?name",
    ),
    (
        "name",
        r"(?:full[ _-]?|legal[ _-]?|first[ _-]?|last[ _-]?|given[ _-]?|family[ _-]?|sur"
        r"|[a-z]+[ _-])?name"
        r"|names|given|surname|forename|first|last|nom|pr[ée]nom|nombre"
        r"|cardholder(?:[ _-]?name)?|card[ _-]?holder"
        r"|account[ _-]?holder"
        r"|client(?:[ _-]?name)?|customer(?:[ _-]?name)?|applicant|employee(?:[ _-]?name)?"
        r"|titulaire|contact(?:[ _-]?name)?|authori[sz]ed[ _-]?user|signatory|signer"
        r"|guarantor|co-?signer|beneficiary|payee|borrower|owner|holder|spouse|agent|advisor"
        r"|rep|representative|staff|member|primary|joint",
    ),
)
_KIND_OF_HEADER = [
    (kind, re.compile(rf"(?i)^\s*(?:{words})\s*[:#]?\s*$")) for kind, words in _COLUMNS
]
# A header cell is a short label: letters, perhaps a digit ("card_last4"), no "@".
_LABEL = re.compile(r"^(?=(?:[^\d]*\d){0,2}[^\d]*$)[^@]{1,40}$")
_ROW_LIMIT = 500


def _kind(header: str) -> str | None:
    label = header.strip().strip("*_`\"'")
    for kind, pattern in _KIND_OF_HEADER:
        if pattern.match(label):
            return kind
    return None


def _plausible(kind: str, cell: str) -> bool:
    """The cell holds something of its column's kind, not a blank, a dash or "N/A"."""
    digits = sum(c.isdigit() for c in cell)
    letters = sum(c.isalpha() for c in cell)
    if kind in ("name", "firm"):
        return letters >= 2 and digits == 0 and len(cell.split()) <= 6 and "@" not in cell
    if kind == "email":
        return "@" in cell
    if kind == "address":
        return digits >= 1 and letters >= 3
    if kind == "dob":
        return digits >= 4
    if kind == "account":
        return digits >= 5 and letters <= 4
    if kind == "card":
        return 13 <= digits <= 19
    return digits >= 7  # phone, SIN, SSN


def _split(line: str, delimiter: str) -> list[tuple[int, int]]:
    """Cells of one line as (start, end) offsets, quotes honoured, blanks trimmed."""
    cells, start, quoted = [], 0, False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            cells.append((start, i))
            start = i + 1
    cells.append((start, len(line)))
    trimmed = []
    for s, e in cells:
        while s < e and line[s] in ' \t"':
            s += 1
        while e > s and line[e - 1] in ' \t"':
            e -= 1
        trimmed.append((s, e))
    return trimmed


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


_PRODUCT_HEADER = re.compile(
    r"(?i)^\s*(?:sku|product[ _-]?(?:code|id)|item[ _-]?(?:code|no)|plan[ _-]?code|annual[ _-]?fee"
    r"|purchase[ _-]?apr|apr|price|mcc)\s*$"
)


def _delimited(text: str) -> Iterator[Span]:
    """Rows of a comma-, semicolon-, tab- or pipe-separated table under a header that
    names a column."""
    lines = _lines(text)
    for i, (_, header) in enumerate(lines):
        for delimiter in ("|", "\t", ",", ";"):
            if header.count(delimiter) < 1:
                continue
            head = [header[s:e] for s, e in _split(header, delimiter)]
            kinds = [_kind(h) for h in head]
            if any(_PRODUCT_HEADER.match(h) for h in head):
                # a table of products ("sku,name,annual_fee"): its names are the products'
                kinds = ["firm" if k == "name" else k for k in kinds]
            if not any(kinds) or not all(_LABEL.match(h) or not h.strip() for h in head):
                continue
            for offset, row in lines[i + 1 : i + 1 + _ROW_LIMIT]:
                if not row.strip():
                    break
                if set(row.strip()) <= set("|-: \t+"):
                    continue  # a Markdown separator row
                cells = _split(row, delimiter)
                if len(cells) != len(head):
                    break
                for kind, (s, e) in zip(kinds, cells, strict=True):
                    if kind and _plausible(kind, row[s:e]):
                        yield Span(kind, offset + s, offset + e, 0.8)
            break


_TR = re.compile(r"(?is)<tr\b[^>]*>(.*?)</tr\s*>")
_CELL = re.compile(r"(?is)<t([hd])\b[^>]*>(.*?)</t[hd]\s*>")


def _html(text: str) -> Iterator[Span]:
    """Rows of an HTML table under a row of <th> cells that names a column."""
    kinds: list[str | None] = []
    for row in _TR.finditer(text):
        cells = list(_CELL.finditer(text, row.start(1), row.end(1)))
        if cells and all(c.group(1).lower() == "h" for c in cells):
            kinds = [_kind(re.sub(r"<[^>]+>", "", c.group(2))) for c in cells]
            continue
        if len(cells) != len(kinds):
            continue
        for kind, cell in zip(kinds, cells, strict=True):
            value = cell.group(2)
            if kind and "<" not in value and _plausible(kind, value):
                s, e = cell.start(2), cell.end(2)
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                yield Span(kind, s, e, 0.8)


_INSERT = re.compile(
    r"(?is)\binsert[ \t]+into[ \t]+[\w.\"`\[\]]+[ \t]*\((?P<columns>[^()]{1,400})\)\s*values\s*"
)
_SQL_VALUE = re.compile(r"'(?:[^']|'')*'|[^,()\s]+")
_SQL_ROW = re.compile(r"\s*\(\s*")
_SQL_AFTER_VALUE = re.compile(r"\s*(,|\))\s*")
_SQL_NEXT_ROW = re.compile(r"\s*,")


def _sql(text: str) -> Iterator[Span]:
    """Rows of an SQL INSERT: each value under the column its statement names."""
    for insert in _INSERT.finditer(text):
        kinds = [_kind(c.strip(' \t\n"`[]')) for c in insert["columns"].split(",")]
        if not any(kinds):
            continue
        pos = insert.end()
        for _ in range(_ROW_LIMIT):
            row = _SQL_ROW.match(text, pos)
            if not row:
                break
            values = []
            pos = row.end()
            while (value := _SQL_VALUE.match(text, pos)) is not None:
                values.append(value)
                pos = value.end()
                sep = _SQL_AFTER_VALUE.match(text, pos)
                if not sep:
                    break
                pos = sep.end()
                if sep.group(1) == ")":
                    break
            if len(values) == len(kinds):
                for kind, value in zip(kinds, values, strict=True):
                    quoted = value[0].startswith("'")
                    s, e = value.start() + quoted, value.end() - quoted
                    if kind and _plausible(kind, text[s:e]):
                        yield Span(kind, s, e, 0.8)
            comma = _SQL_NEXT_ROW.match(text, pos)
            if not comma:
                break
            pos = comma.end()


@functools.lru_cache(maxsize=8)
def _cells(text: str) -> tuple[Span, ...]:
    """Every cell under a known column; kept for the last few texts, since the recognizer
    and the merchant-column filter read the same text in one redaction."""
    lowered = text.lower()
    if "\n" not in text and "<t" not in lowered and "insert" not in lowered:
        return ()
    return (*_delimited(text), *_html(text), *_sql(text))


def find_in_tables(text: str) -> list[Span]:
    """Cells under a column of personal data."""
    return [s for s in _cells(text) if s.kind != "firm"]


def firm_cells(text: str) -> list[tuple[int, int]]:
    """Cells under a column of firms, merchants or products: no name is read in them."""
    return [(s.start, s.end) for s in _cells(text) if s.kind == "firm"]
