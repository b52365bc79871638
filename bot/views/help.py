"""The /learn help text."""

from __future__ import annotations

from typing import Any

from delivery.slack.blocks import escape

COMMANDS = [
    ("next", "today's lesson (or the next one) in a DM"),
    ("progress", "lessons, answers, streak and mastery by topic"),
    ("topics", "the topics of your track and how well you know them"),
    ("pause", "stop daily lessons until you resume"),
    ("resume", "start daily lessons again"),
    ("settings", "timezone, delivery time, quiet hours, SMS"),
    ("help", "this list"),
]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def help_blocks(unknown: str | None = None) -> list[dict[str, Any]]:
    lines = "\n".join(f"• `/learn {name}`: {what}" for name, what in COMMANDS)
    blocks = []
    if unknown:
        blocks.append(_section(f"I don't know `{escape(unknown[:40])}` yet. Try one of these:"))
    blocks.append(_section(f"*BMO Learning*\n{lines}"))
    tip = "You can also DM me a question about the training material."
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": tip}]})
    return blocks
