"""Links reach learners only from the training material. A link or image address in a
tutor answer or a generated lesson that no passage it drew on holds is how planted text
sends data out (an image that loads when shown, a link the chat client previews) or sends
learners elsewhere, so it is refused whatever the injection checks made of the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Web addresses with a scheme or a leading "www.", up to whitespace, brackets or quotes.
LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]{}\"'`|]+", re.I)


def unsourced(text: str, sources: Iterable[str]) -> list[str]:
    """The links in `text` that none of `sources` contains (trailing punctuation aside)."""
    held = "\n".join(sources).lower()
    found = (link.rstrip(".,;:!?*_~") for link in LINK.findall(text))
    return [link for link in found if link.lower() not in held]
