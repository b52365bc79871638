"""Turn a training document (.md, .txt, .html, .pdf, .docx) into titled text with
markdown-style headings, which the chunker understands whatever the source format."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPPORTED_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


class LoaderError(Exception):
    """A file cannot be used; the message names the file and says why."""


class DocumentTooLarge(LoaderError):
    pass


# What a document may expand to. A Word file is a ZIP: its declared sizes bound what is
# read (zipfile stops at them), so they are checked before anything is decompressed.
MAX_EXPANDED_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_COMPRESSION_RATIO = 100  # ordinary Word XML compresses about 5-20 to 1
RATIO_CHECK_FLOOR = 1024 * 1024  # small entries may compress well; they cannot blow up
MAX_PDF_PAGES = 2000
MAX_TEXT_CHARS = 20 * 1024 * 1024


def check_zip(path: Path, data: bytes) -> None:
    """Refuse a ZIP-based file (DOCX) whose entries would expand past the limits."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise LoaderError(f"{path.name}: not a readable Word document ({exc})") from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise DocumentTooLarge(
            f"{path.name}: {len(entries)} parts inside, over the limit of {MAX_ZIP_ENTRIES}"
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_EXPANDED_BYTES:
        raise DocumentTooLarge(
            f"{path.name}: expands to {expanded / 1_048_576:.0f} MB, over the "
            f"{MAX_EXPANDED_BYTES / 1_048_576:.0f} MB limit for unpacked documents"
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_CHECK_FLOOR and ratio > MAX_COMPRESSION_RATIO:
            raise DocumentTooLarge(
                f"{path.name}: part {entry.filename[:60]!r} expands {ratio:.0f} times, "
                "which ordinary documents never do"
            )


def check_container(path: Path, data: bytes) -> None:
    """The checks that need no parsing (a ZIP's directory), cheap enough for any caller."""
    if path.suffix.lower() == ".docx":
        check_zip(path, data)


@dataclass(frozen=True)
class LoadedDocument:
    title: str
    text: str  # markdown-style: "# Heading" lines separate sections
    format: str  # md | txt | html | pdf | docx


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_EXTENSIONS


def check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLarge(
            f"{path.name}: {size / 1_048_576:.1f} MB is over the {max_bytes / 1_048_576:.1f} MB "
            "document limit (raise MAX_DOCUMENT_BYTES or split the file)"
        )


def load_bytes(path: Path, data: bytes) -> LoadedDocument:
    """Parse `data` (the content of `path`) according to the file's extension."""
    suffix = path.suffix.lower()
    parser = _PARSERS.get(suffix)
    if parser is None:
        raise LoaderError(
            f"{path.name}: unsupported file type {suffix or '(none)'}; "
            f"use one of {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    if not data.strip():
        raise LoaderError(f"{path.name}: the file is empty")
    try:
        title, text, fmt = parser(path, data)
    except LoaderError:
        raise
    except Exception as exc:  # parsers raise many types on corrupt files
        raise LoaderError(f"{path.name}: could not read the file ({exc})") from exc
    text = _tidy(text)
    if not re.sub(r"(?m)^#{1,6}\s.*$|\s", "", text):  # headings alone teach nothing
        raise LoaderError(f"{path.name}: no readable text found")
    return LoadedDocument(title=title.strip() or _title_from_name(path), text=text, format=fmt)


def load_file(path: Path, *, max_bytes: int) -> LoadedDocument:
    try:
        size = path.stat().st_size
        check_size(path, size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderError(f"{path.name}: cannot open the file ({exc.strerror})") from exc
    return load_bytes(path, data)


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_\-]+", " ", path.stem).strip()


# Characters that render as nothing: text hidden in them is for a machine, not a reader.
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f]"
)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _INVISIBLE.sub("", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoaderError(f"{path.name}: the text is neither UTF-8 nor Windows-1252")


def _first_heading(text: str) -> str:
    match = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    return match.group(1) if match else ""


def _markdown(path: Path, data: bytes) -> tuple[str, str, str]:
    text = _HTML_COMMENT.sub("", _decode(path, data))  # comments are not rendered
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # YAML front matter
    return _first_heading(text), text, "md"


def _plain(path: Path, data: bytes) -> tuple[str, str, str]:
    return "", _decode(path, data), "txt"


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg")
_BLOCK_TAGS = ("p", "li", "pre", "blockquote", "td", "th", "dt", "dd", "figcaption")


def _html(path: Path, data: bytes) -> tuple[str, str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    _drop_hidden_html(soup)
    for anchor in soup.select("a.headerlink"):  # "¶" permalinks next to headings
        anchor.decompose()
    body = soup.find("article") or soup.find("main") or soup.find(None, {"role": "main"})
    root = body or soup.body or soup
    lines: list[str] = []
    for element in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", *_BLOCK_TAGS]):
        if element.find_parent(_BLOCK_TAGS):  # nested block: its parent already has the text
            continue
        text = " ".join(element.get_text(" ", strip=True).split()).rstrip(" ¶")
        if not text:
            continue
        name = element.name or ""
        if name.startswith("h") and name[1:].isdigit():
            lines.append(f"{'#' * int(name[1:])} {text}")
        elif name == "li":
            lines.append(f"- {text}")
        else:
            lines.append(text)
    markdown = "\n\n".join(lines)
    return _first_heading(markdown) or title, markdown, "html"


# Inline styles that hide text from a reader: display/visibility off, zero or tiny font,
# transparent or white-on-white colour, off-screen positioning.
_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)"
    r"|font-size\s*:\s*(?:0|[01](?:\.\d+)?px|0\.\d+(?:em|rem|pt))\s*(?:;|$|!)"
    r"|(?<![-\w])color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255|transparent)"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    re.I,
)
_WHITE = {"white", "#fff", "#ffffff", "fff", "ffffff"}


def _drop_hidden_html(soup: Any) -> None:
    """Remove what a browser would not show: comments and hidden elements."""
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    hidden = [
        tag
        for tag in soup.find_all(True)
        if tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or _HIDING_STYLE.search(str(tag.get("style", "")))
        or str(tag.get("color", "")).strip().lower() in _WHITE
        or tag.name == "template"
    ]
    for tag in hidden:
        if not tag.decomposed:
            tag.decompose()


def _pdf(path: Path, data: bytes) -> tuple[str, str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs font-parsing chatter (e.g. "fontTools is required") that is not actionable.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoaderError(f"{path.name}: the PDF is encrypted; remove the password first")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentTooLarge(
                f"{path.name}: {len(reader.pages)} pages, over the limit of {MAX_PDF_PAGES}"
            )
        pages, total = [], 0
        for page in reader.pages:  # each stream's expansion is bounded inside pypdf
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > MAX_TEXT_CHARS:
                raise DocumentTooLarge(f"{path.name}: more text than a training document holds")
    except PdfReadError as exc:
        raise LoaderError(f"{path.name}: not a readable PDF ({exc})") from exc
    metadata = reader.metadata
    title = str(metadata.title) if metadata and metadata.title else ""
    # PDF text is hard-wrapped: single line breaks are not paragraph breaks.
    paragraphs = [re.sub(r"\s*\n\s*", " ", page).strip() for page in pages]
    return title, "\n\n".join(p for p in paragraphs if p), "pdf"


def _docx(path: Path, data: bytes) -> tuple[str, str, str]:
    import docx

    check_zip(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip/xml errors
        raise LoaderError(f"{path.name}: not a readable Word document ({exc})") from exc
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = _visible_docx_text(paragraph).strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = _heading_level(style)
        if level:
            lines.append(f"{'#' * level} {text}")
        elif style.lower().startswith("list"):
            lines.append(f"- {text}")
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                lines.append(" | ".join(cells))
    title = document.core_properties.title or ""
    markdown = "\n\n".join(lines)
    return title or _first_heading(markdown), markdown, "docx"


def _visible_docx_text(paragraph: Any) -> str:
    """A paragraph's text without runs Word would not show: hidden (w:vanish, w:specVanish)
    or white on the page."""
    runs = list(paragraph.runs)
    hidden = [_docx_run_hidden(run) for run in runs]
    if not any(hidden):
        return str(paragraph.text)  # includes hyperlink text, which runs do not
    return "".join(run.text for run, gone in zip(runs, hidden, strict=True) if not gone)


def _docx_run_hidden(run: Any) -> bool:
    font = run.font
    if font.hidden or _docx_run_vanishes(run):
        return True
    color = font.color.rgb if font.color is not None and font.color.type is not None else None
    if color is not None and str(color).upper() == "FFFFFF":
        return True
    return font.size is not None and font.size.pt < 2


def _docx_run_vanishes(run: Any) -> bool:
    properties = run._r.rPr
    if properties is None:
        return False
    return any(child.tag.endswith(("}vanish", "}specVanish")) for child in properties)


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style)
    return min(int(match.group(1)), 6) if match else 0


_PARSERS: dict[str, Callable[[Path, bytes], tuple[str, str, str]]] = {
    ".md": _markdown,
    ".markdown": _markdown,
    ".txt": _plain,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}
