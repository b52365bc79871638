"""App Home: progress, streak, mastery by topic, next delivery and a settings button."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.views import View

from delivery.slack.ids import ActionId
from flows.messages import ProgressSummary, TopicMastery

BAR_WIDTH = 10
MAX_TOPICS = 30


def mastery_bar(percent: int) -> str:
    filled = max(0, min(BAR_WIDTH, round(percent / 100 * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(text: str, action: ActionId, style: str | None = None) -> dict[str, Any]:
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action.value,
        "value": action.value,
    }
    if style is not None:
        button["style"] = style
    return button


def home_view(progress: ProgressSummary) -> View:
    return View(type="home", blocks=_home_blocks(progress))


def _home_blocks(progress: ProgressSummary) -> list[dict[str, Any]]:
    accuracy = "-" if progress.accuracy_percent is None else f"{progress.accuracy_percent}%"
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
    greeting = f"Hi {progress.learner_name[:100]} :wave:"
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": greeting, "emoji": True}},
        _section(stats),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f":alarm_clock: {when}"}]},
        {"type": "divider"},
    ]
    if studied := [t for t in progress.topics if t.studied]:
        lines = "\n".join(
            f"`{mastery_bar(m.mastery_percent)}` {m.mastery_percent:>3}%  {m.title[:80]}"
            for m in studied[:MAX_TOPICS]
        )
        blocks.append(_section(f"*Mastery by topic*\n{lines}"))
    else:
        blocks.append(_section("*Mastery by topic*\nAnswer your first quiz to see it grow."))
    pause = (
        _button("Resume lessons", ActionId.HOME_RESUME)
        if progress.status == "paused"
        else _button("Pause lessons", ActionId.HOME_PAUSE)
    )
    buttons = [
        _button("Next lesson", ActionId.NEXT_LESSON, "primary"),
        _button("Settings", ActionId.OPEN_SETTINGS),
        pause,
    ]
    blocks.append({"type": "actions", "elements": buttons})
    return blocks


def not_enrolled_view() -> View:
    text = (
        "*Welcome to BMO Learning*\nYour administrator has not enrolled you yet. "
        "Ask them to add you, and your first lesson will arrive here."
    )
    return View(type="home", blocks=[_section(text)])


def progress_blocks(progress: ProgressSummary) -> list[dict[str, Any]]:
    """The /learn progress reply: the top of App Home without its buttons."""
    return [b for b in _home_blocks(progress)[1:-1] if b["type"] != "divider"]


def topics_blocks(topics: list[TopicMastery]) -> list[dict[str, Any]]:
    if not topics:
        return [_section("Your track has no topics yet. Your administrator is preparing them.")]
    lines = "\n".join(
        f"`{mastery_bar(t.mastery_percent)}` {t.mastery_percent:>3}%  {t.title[:80]}"
        for t in topics[:MAX_TOPICS]
    )
    return [_section(f"*Your topics*\n{lines}"[:3000])]
