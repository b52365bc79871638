"""The /learn help text."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

COMMANDS = [
    ("next", "today's lesson (or the next one) in a DM"),
    ("progress", "lessons, answers, streak and mastery by topic"),
    ("topics", "the topics of your track and how well you know them"),
    ("pause", "stop daily lessons until you resume"),
    ("resume", "start daily lessons again"),
    ("settings", "timezone, delivery time, quiet hours, SMS"),
    ("help", "this list"),
]


def help_blocks(unknown: str | None = None) -> list[Block]:
    lines = "\n".join(f"• `/learn {name}`: {what}" for name, what in COMMANDS)
    blocks: list[Block] = []
    if unknown:
        shown = unknown[:40].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=f"I don't know `{shown}` yet. Try one of these:")
            )
        )
    blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*BMO Learning*\n{lines}")))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="You can also DM me a question about the training material."
                )
            ]
        )
    )
    return blocks
