"""The learner settings modal and the parsing of its submission.

Parsing is pure: it returns either validated settings or per-field errors that the
handler sends back with response_action=errors, so the learner fixes them in place.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pydantic import ValidationError
from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.ports import LearnerSettings
from delivery.slack.ids import BlockId, CallbackId, SettingsMetadata

FIELD_BLOCKS = {
    "timezone": BlockId.TIMEZONE,
    "delivery_time": BlockId.DELIVERY_TIME,
    "quiet_hours_start": BlockId.QUIET_START,
    "quiet_hours_end": BlockId.QUIET_END,
    "weekdays_only": BlockId.WEEKDAYS,
    "preferred_channel": BlockId.CHANNEL,
    "phone": BlockId.PHONE,
    "channel_order": BlockId.CHANNEL_ORDER,
    "vacation_until": BlockId.VACATION,
}
CHANNELS = [Option(value="slack", label="Slack DM"), Option(value="sms", label="SMS")]
WEEKDAYS = Option(value="weekdays", label="Weekdays only")
USUAL_ORDER = "usual"
CHANNEL_ORDERS = [
    Option(value=USUAL_ORDER, label="As chosen above, then the others"),
    Option(value="slack,email", label="Slack, then e-mail"),
    Option(value="sms,slack", label="SMS, then Slack"),
    Option(value="email,slack", label="E-mail, then Slack"),
    Option(value="email", label="E-mail only"),
    Option(value="slack,sms,email", label="Slack, then SMS, then e-mail"),
]


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _input(
    block: BlockId, label: str, element: Any, *, optional: bool = False, hint: str = ""
) -> InputBlock:
    return InputBlock(
        block_id=block,
        label=PlainTextObject(text=label),
        element=element,
        optional=optional,
        hint=PlainTextObject(text=hint) if hint else None,
    )


def settings_view(current: LearnerSettings, metadata: SettingsMetadata | None = None) -> View:
    channel = next(o for o in CHANNELS if o.value == current.preferred_channel)
    order = next((o for o in CHANNEL_ORDERS if o.value == current.channel_order), CHANNEL_ORDERS[0])
    blocks = [
        _input(
            BlockId.TIMEZONE,
            "Timezone",
            PlainTextInputElement(
                action_id=BlockId.TIMEZONE, initial_value=current.timezone, max_length=64
            ),
            hint="An IANA name such as America/Toronto or Europe/London.",
        ),
        _input(
            BlockId.DELIVERY_TIME,
            "Daily lesson at",
            TimePickerElement(
                action_id=BlockId.DELIVERY_TIME, initial_time=_hhmm(current.delivery_time)
            ),
        ),
        _input(
            BlockId.QUIET_START,
            "Quiet hours from",
            TimePickerElement(
                action_id=BlockId.QUIET_START, initial_time=_hhmm(current.quiet_hours_start)
            ),
            optional=True,
        ),
        _input(
            BlockId.QUIET_END,
            "Quiet hours until",
            TimePickerElement(
                action_id=BlockId.QUIET_END, initial_time=_hhmm(current.quiet_hours_end)
            ),
            optional=True,
        ),
        _input(
            BlockId.WEEKDAYS,
            "Schedule",
            CheckboxesElement(
                action_id=BlockId.WEEKDAYS,
                options=[WEEKDAYS],
                initial_options=[WEEKDAYS] if current.weekdays_only else None,
            ),
            optional=True,
        ),
        _input(
            BlockId.CHANNEL,
            "Send lessons by",
            RadioButtonsElement(
                action_id=BlockId.CHANNEL, options=CHANNELS, initial_option=channel
            ),
        ),
        _input(
            BlockId.CHANNEL_ORDER,
            "If a lesson can't reach you",
            StaticSelectElement(
                action_id=BlockId.CHANNEL_ORDER, options=CHANNEL_ORDERS, initial_option=order
            ),
            optional=True,
            hint="E-mail goes to the address your administrator has on file.",
        ),
        _input(
            BlockId.PHONE,
            "Mobile number (for SMS)",
            PlainTextInputElement(
                action_id=BlockId.PHONE, initial_value=current.phone or None, max_length=20
            ),
            optional=True,
            hint="International format, e.g. +14165550123.",
        ),
        _input(
            BlockId.VACATION,
            "On vacation until",
            DatePickerElement(
                action_id=BlockId.VACATION,
                initial_date=current.vacation_until.isoformat() if current.vacation_until else None,
            ),
            optional=True,
        ),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.SETTINGS,
        title=PlainTextObject(text="Learning settings"),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
        blocks=blocks,
        private_metadata=(metadata or SettingsMetadata()).encode(3000),
    )


def _value(values: dict[str, Any], block: BlockId) -> dict[str, Any]:
    state = values.get(block.value, {})
    found = state.get(block.value)
    return found if isinstance(found, dict) else {}


def parse_settings(values: dict[str, Any]) -> LearnerSettings | dict[str, str]:
    """Validated settings, or {block_id: message} for the fields to fix."""
    raw: dict[str, Any] = {
        "timezone": (_value(values, BlockId.TIMEZONE).get("value") or "").strip() or "UTC",
        "delivery_time": _value(values, BlockId.DELIVERY_TIME).get("selected_time") or "09:00",
        "quiet_hours_start": _value(values, BlockId.QUIET_START).get("selected_time"),
        "quiet_hours_end": _value(values, BlockId.QUIET_END).get("selected_time"),
        "weekdays_only": bool(_value(values, BlockId.WEEKDAYS).get("selected_options")),
        "preferred_channel": (
            (_value(values, BlockId.CHANNEL).get("selected_option") or {}).get("value") or "slack"
        ),
        "phone": _value(values, BlockId.PHONE).get("value"),
        "channel_order": (
            (_value(values, BlockId.CHANNEL_ORDER).get("selected_option") or {}).get("value")
        ),
        "vacation_until": _value(values, BlockId.VACATION).get("selected_date"),
    }
    errors: dict[str, str] = {}
    if raw["channel_order"] in (USUAL_ORDER, ""):
        raw["channel_order"] = None
    try:
        parsed = LearnerSettings.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "timezone"
            block = FIELD_BLOCKS.get(name, BlockId.TIMEZONE)
            errors[block.value] = err["msg"].removeprefix("Value error, ")[:150]
        return errors
    if (parsed.quiet_hours_start is None) != (parsed.quiet_hours_end is None):
        errors[BlockId.QUIET_END.value] = "Set both ends of the quiet hours, or neither."
    if parsed.preferred_channel == "sms" and not parsed.phone:
        errors[BlockId.PHONE.value] = "SMS lessons need a mobile number."
    if parsed.vacation_until and parsed.vacation_until < date.today():
        errors[BlockId.VACATION.value] = "Pick a date from today on."
    return errors or parsed
