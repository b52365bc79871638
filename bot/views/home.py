"""App Home: progress, streak, mastery by topic, next delivery and a settings button."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.handlers.ports import Progress, TopicMastery
from delivery.slack.ids import ActionId

BAR_WIDTH = 10
MAX_TOPICS = 30


def mastery_bar(percent: int) -> str:
    filled = max(0, min(BAR_WIDTH, round(percent / 100 * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _button(text: str, action: ActionId, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=text), action_id=action, value=action.value, style=style
    )


def home_view(progress: Progress) -> View:
    accuracy = (
        f"{round(progress.correct_answers / progress.questions_answered * 100)}%"
        if progress.questions_answered
        else "-"
    )
    stats = (
        f"*Lessons:* {progress.lessons_completed}    *Answers:* {progress.questions_answered}"
        f"    *Accuracy:* {accuracy}    *Streak:* {progress.streak_days} "
        f"day{'s' if progress.streak_days != 1 else ''} :fire:"
    )
    if progress.status == "paused":
        when = "Paused: no lessons until you resume."
    elif progress.next_delivery is not None:
        local = progress.next_delivery.astimezone(ZoneInfo(progress.timezone))
        when = f"Next lesson: {local:%A %d %B at %H:%M} ({progress.timezone})"
    else:
        when = "No lesson scheduled."
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=f"Hi {progress.name[:100]} :wave:", emoji=True)),
        SectionBlock(text=MarkdownTextObject(text=stats)),
        ContextBlock(elements=[MarkdownTextObject(text=f":alarm_clock: {when}")]),
        DividerBlock(),
    ]
    if progress.mastery:
        lines = "\n".join(
            f"`{mastery_bar(m.percent)}` {m.percent:>3}%  {m.title[:80]}"
            for m in progress.mastery[:MAX_TOPICS]
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Mastery by topic*\n{lines}")))
    else:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text="*Mastery by topic*\nAnswer your first quiz to see it grow."
                )
            )
        )
    pause = (
        _button("Resume lessons", ActionId.HOME_RESUME)
        if progress.status == "paused"
        else _button("Pause lessons", ActionId.HOME_PAUSE)
    )
    blocks.append(
        ActionsBlock(
            elements=[
                _button("Next lesson", ActionId.NEXT_LESSON, "primary"),
                _button("Settings", ActionId.OPEN_SETTINGS),
                pause,
            ]
        )
    )
    return View(type="home", blocks=blocks)


def not_enrolled_view() -> View:
    text = (
        "*Welcome to BMO Learning*\nYour administrator has not enrolled you yet. "
        "Ask them to add you, and your first lesson will arrive here."
    )
    return View(type="home", blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def progress_blocks(progress: Progress) -> list[Block]:
    """The /learn progress reply: the top of App Home without its buttons."""
    blocks = list(home_view(progress).blocks or [])[1:-1]
    return [b for b in blocks if not isinstance(b, DividerBlock)]


def topics_blocks(topics: list[TopicMastery]) -> list[Block]:
    if not topics:
        text = "Your track has no topics yet. Your administrator is preparing them."
        return [SectionBlock(text=MarkdownTextObject(text=text))]
    lines = "\n".join(
        f"`{mastery_bar(t.percent)}` {t.percent:>3}%  {t.title[:80]}" for t in topics[:MAX_TOPICS]
    )
    return [SectionBlock(text=MarkdownTextObject(text=f"*Your topics*\n{lines}"[:3000]))]
