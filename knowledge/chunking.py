"""Heading-aware, token-bounded chunks with overlap.

Sections follow markdown headings, so every chunk knows the heading path it came from
(used in citations and weighted high in keyword search). Inside a section, paragraphs
are packed up to `max_tokens` MiniLM word pieces; a paragraph or sentence that is too long
is split further. Consecutive chunks of one section share `overlap_tokens` of trailing
sentences, so a fact cut at a boundary is still whole in one of them. Tokens are counted
with the embedding model's own tokenizer, so a chunk never silently loses its tail to
MiniLM's 256-piece truncation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge import minilm

TokenCounter = Callable[[list[str]], list[int]]

DEFAULT_MAX_TOKENS = 240  # + [CLS]/[SEP] and a short heading stays within 256
DEFAULT_OVERLAP_TOKENS = 40
DEFAULT_MIN_TOKENS = 60

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class TextChunk:
    ordinal: int
    text: str
    heading_path: list[str] = field(default_factory=list)
    token_count: int = 0

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)


@dataclass
class _Section:
    path: list[str]
    paragraphs: list[str]


def sections(text: str) -> list[_Section]:
    """Split markdown into sections, each with the full path of headings above it."""
    result: list[_Section] = []
    path: list[tuple[int, str]] = []
    current = _Section(path=[], paragraphs=[])
    buffer: list[str] = []

    def flush_paragraph() -> None:
        paragraph = " ".join(line.strip() for line in buffer).strip()
        if paragraph:
            current.paragraphs.append(paragraph)
        buffer.clear()

    in_fence = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            flush_paragraph()
            if current.paragraphs:
                result.append(current)
            level, title = len(match.group(1)), match.group(2).strip()
            path = [(lvl, t) for lvl, t in path if lvl < level] + [(level, title)]
            current = _Section(path=[t for _, t in path], paragraphs=[])
        elif line.strip():
            # List items and table rows stay on their own lines inside a paragraph.
            if buffer and re.match(r"\s*([-*+]|\d+[.)]|\|)\s", line):
                flush_paragraph()
            buffer.append(line)
        else:
            flush_paragraph()
    flush_paragraph()
    if current.paragraphs:
        result.append(current)
    return result


def _split_sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _split_words(sentence: str, count: TokenCounter, max_tokens: int) -> list[str]:
    """Last resort for a 'sentence' longer than a chunk (tables, URLs, legal run-ons)."""
    words = sentence.split()
    sizes = count(words)
    pieces: list[str] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        if total + size > max_tokens and i > start:
            pieces.append(" ".join(words[start:i]))
            start, total = i, 0
        total += size
    pieces.append(" ".join(words[start:]))
    return pieces


def _units(paragraphs: list[str], count: TokenCounter, max_tokens: int) -> list[tuple[str, int]]:
    """Paragraphs that fit, else their sentences, else word windows; with token counts."""
    units: list[tuple[str, int]] = []
    for paragraph, size in zip(paragraphs, count(paragraphs), strict=True):
        if size <= max_tokens:
            units.append((paragraph, size))
            continue
        sentences = _split_sentences(paragraph)
        for sentence, sentence_size in zip(sentences, count(sentences), strict=True):
            if sentence_size <= max_tokens:
                units.append((sentence, sentence_size))
            else:
                pieces = _split_words(sentence, count, max_tokens)
                units.extend(zip(pieces, count(pieces), strict=True))
    return units


def _overlap_tail(
    units: list[tuple[str, int]], count: TokenCounter, overlap_tokens: int
) -> list[tuple[str, int]]:
    """The trailing sentences of a chunk, up to `overlap_tokens`, to open the next one."""
    if overlap_tokens <= 0 or not units:
        return []
    tail: list[tuple[str, int]] = []
    total = 0
    for unit_text, _ in reversed(units):
        sentences = _split_sentences(unit_text)
        for sentence, size in reversed(list(zip(sentences, count(sentences), strict=True))):
            if total + size > overlap_tokens:
                return tail
            tail.insert(0, (sentence, size))
            total += size
    return tail


def chunk_text(
    text: str,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    overlap_tokens: int = DEFAULT_OVERLAP_TOKENS,
    min_tokens: int = DEFAULT_MIN_TOKENS,
    count: TokenCounter = minilm.count_tokens,
    title: str = "",
) -> list[TextChunk]:
    """Chunk markdown-style text. `title` heads the path when the text has no heading.

    A section shorter than `min_tokens` that introduces subsections is folded into the
    first chunk of its first subsection instead of becoming a fragment of its own.
    """
    if overlap_tokens >= max_tokens:
        raise ValueError("overlap_tokens must be smaller than max_tokens")
    chunks: list[TextChunk] = []
    all_sections = sections(text)
    carry: list[tuple[str, int]] = []  # a short intro handed down to its first subsection
    for index, section in enumerate(all_sections):
        path = section.path or ([title] if title else [])
        units = carry + _units(section.paragraphs, count, max_tokens)
        carry = []
        following = all_sections[index + 1].path if index + 1 < len(all_sections) else []
        size = sum(n for _, n in units)
        if size < min_tokens and path and following[: len(path)] == path != following:
            carry = units
            continue
        current: list[tuple[str, int]] = []
        fresh = False  # does `current` hold anything beyond the overlap from the last chunk?

        def emit(units: list[tuple[str, int]], path: list[str] = path) -> None:
            body = "\n\n".join(u for u, _ in units)
            # Joining adds no word pieces: BERT splits on whitespace first.
            chunks.append(TextChunk(len(chunks), body, list(path), sum(n for _, n in units)))

        for unit in units:
            if current and sum(n for _, n in current) + unit[1] > max_tokens:
                emit(current)
                current = _overlap_tail(current, count, overlap_tokens)
                if sum(n for _, n in current) + unit[1] > max_tokens:
                    current = []
            current.append(unit)
            fresh = True
        if current and fresh:
            emit(current)
    return chunks
