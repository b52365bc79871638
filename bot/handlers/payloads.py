"""The shape of every Slack payload the app accepts, checked by type before anything
(Bolt's own context builders included) reads a field.

Fields are optional where Slack may leave them out, but a field that is present must have
the JSON type Slack sends; unknown fields are allowed (Slack adds new ones). A payload
that fails is answered 400 by the caller.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

ID = Field(default=None, max_length=255)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class Ref(_Open):
    id: str | None = ID
    team_id: str | None = ID
    enterprise_id: str | None = ID
    name: str | None = None
    username: str | None = None
    domain: str | None = None


class UserRef(Ref):
    id: str = Field(min_length=1, max_length=255)


class Action(_Open):
    action_id: str = Field(max_length=255)
    block_id: str | None = ID
    value: str | None = Field(default=None, max_length=2000)
    action_ts: str | None = ID
    type: str | None = ID
    text: dict[str, Any] | None = None
    selected_option: dict[str, Any] | None = None


class Message(_Open):
    ts: str | None = ID
    text: str | None = None
    thread_ts: str | None = ID
    user: str | None = ID
    bot_id: str | None = ID
    blocks: list[dict[str, Any]] | None = None


class Container(_Open):
    type: str | None = ID
    message_ts: str | None = ID
    channel_id: str | None = ID
    is_ephemeral: bool | None = None
    view_id: str | None = ID


class ViewState(_Open):
    values: dict[str, dict[str, dict[str, Any]]] = Field(default_factory=dict)


class View(_Open):
    type: str = Field(max_length=64)
    id: str | None = ID
    callback_id: str | None = ID
    private_metadata: str | None = Field(default=None, max_length=3000)
    team_id: str | None = ID
    app_id: str | None = ID
    hash: str | None = ID
    state: ViewState | None = None
    blocks: list[dict[str, Any]] | None = None


class Authorization(_Open):
    team_id: str | None = ID
    enterprise_id: str | None = ID
    user_id: str | None = ID
    is_enterprise_install: bool | None = None
    is_bot: bool | None = None


class _Envelope(_Open):
    team: Ref | None = None
    enterprise: Ref | None = None
    api_app_id: str | None = ID
    token: str | None = None
    is_enterprise_install: bool | None = None
    authorizations: list[Authorization] | None = None


class BlockActions(_Envelope):
    type: Literal["block_actions"]
    user: UserRef
    actions: list[Action] = Field(min_length=1)
    channel: Ref | None = None
    message: Message | None = None
    container: Container | None = None
    view: View | None = None
    trigger_id: str | None = ID
    response_url: str | None = Field(default=None, max_length=2000)


class ViewSubmission(_Envelope):
    type: Literal["view_submission", "view_closed"]
    user: UserRef
    view: View
    trigger_id: str | None = ID
    response_urls: list[dict[str, Any]] | None = None


class Shortcut(_Envelope):
    type: Literal["shortcut", "message_action"]
    callback_id: str = Field(max_length=255)
    user: UserRef
    channel: Ref | None = None
    message: Message | None = None
    trigger_id: str | None = ID
    response_url: str | None = Field(default=None, max_length=2000)


class Event(_Open):
    type: str = Field(max_length=255)
    user: str | None = ID
    channel: str | None = ID
    channel_type: str | None = ID
    text: str | None = None
    ts: str | None = ID
    thread_ts: str | None = ID
    event_ts: str | None = ID
    bot_id: str | None = ID
    subtype: str | None = ID
    tab: str | None = ID
    team: str | None = ID
    user_team: str | None = ID
    message: Message | None = None
    previous_message: Message | None = None


class EventCallback(_Envelope):
    type: Literal["event_callback"]
    event: Event
    event_id: str | None = ID
    event_time: int | None = None
    team_id: str | None = ID
    enterprise_id: str | None = ID
    is_ext_shared_channel: bool | None = None


class UrlVerification(_Open):
    type: Literal["url_verification"]
    challenge: str = Field(max_length=255)


class SlashCommand(_Open):
    """Form fields: always strings."""

    command: str = Field(max_length=255)
    user_id: str = Field(min_length=1, max_length=255)
    text: str | None = None


AnyPayload = BlockActions | ViewSubmission | Shortcut | EventCallback | UrlVerification
_PAYLOADS: TypeAdapter[AnyPayload] = TypeAdapter(AnyPayload)
_KNOWN_TYPES = {
    "block_actions",
    "view_submission",
    "view_closed",
    "shortcut",
    "message_action",
    "event_callback",
    "url_verification",
}


def problem(body: dict[str, Any]) -> str | None:
    """None when the payload has the types Slack sends; else a short reason."""
    kind = body.get("type")
    try:
        if "command" in body and kind is None:
            SlashCommand.model_validate(body)
        elif isinstance(kind, str) and kind in _KNOWN_TYPES:
            _PAYLOADS.validate_python(body)
        else:
            return f"unsupported payload type {str(kind)[:40]!r}"
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][1:] or first["loc"])
        return f"{where or 'payload'}: {first['msg']}"[:200]
    return None
