"""An in-memory Slack workspace answering the Web API methods the bot uses.

The playground serves it in-process so the real AsyncWebClient has somewhere to post;
tests wrap the same state in a real HTTP server that can also be scripted to fail.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "UBMOBOT01"
TEAM_ID = "T0PLAYGRND"


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.time)


@dataclass
class Posted:
    """A message as it currently stands in a channel (updates replace blocks in place)."""

    seq: int
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    ephemeral_to: str | None = None
    updated: int = 0
    from_learner: bool = False
    metadata: dict[str, Any] | None = None  # Slack message metadata, as posted


def parse_params(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    """Merge query string, form and JSON bodies; JSON-encoded form fields are decoded."""
    params: dict[str, Any] = dict(parse_qsl(query))
    if body:
        if "json" in content_type:
            loaded = json.loads(body)
            if isinstance(loaded, dict):
                params.update(loaded)
        else:
            params.update(dict(parse_qsl(body.decode())))
    for key in ("blocks", "view", "attachments"):
        if isinstance(params.get(key), str):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(params[key])
    return params


class SlackWorkspace:
    """State of a fake workspace: users, DM channels, messages, views, and every call."""

    def __init__(self, socket_url: str | None = None) -> None:
        self.calls: list[ApiCall] = []
        self.messages: list[Posted] = []
        self.views: dict[str, dict[str, Any]] = {}  # user id -> published home view
        self.opened_views: list[dict[str, Any]] = []
        self.users: dict[str, dict[str, Any]] = {}
        self._by_ts: dict[tuple[str, str], Posted] = {}
        self.socket_url = socket_url
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    # ---- inspection -------------------------------------------------------------
    def count(self, method: str) -> int:
        with self._lock:
            return sum(1 for call in self.calls if call.method == method)

    def payloads(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [call.params for call in self.calls if call.method == method]

    def messages_since(self, seq: int) -> list[Posted]:
        with self._lock:
            return [m for m in self.messages if m.seq > seq or m.updated > seq]

    def message(self, channel: str, ts: str) -> Posted | None:
        with self._lock:
            return self._by_ts.get((channel, ts))

    def _keep(self, msg: Posted) -> None:
        self.messages.append(msg)
        self._by_ts[(msg.channel, msg.ts)] = msg

    def seed_message(self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]) -> None:
        """A message that already exists in Slack (for benchmarks and tests)."""
        with self._lock:
            self._keep(Posted(next(self._seq), channel, ts, text, blocks))

    def cursor(self) -> int:
        with self._lock:
            return max((max(m.seq, m.updated) for m in self.messages), default=0)

    def add_learner_message(self, channel: str, ts: str, text: str) -> None:
        """What the learner typed, so a chat transcript shows both sides."""
        with self._lock:
            seq = next(self._seq)
            self._keep(Posted(seq, channel, ts, text, [], from_learner=True))

    def add_user(self, user_id: str, *, name: str, tz: str = "America/Toronto") -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "tz": tz,
            "is_bot": False,
            "profile": {"real_name": name, "display_name": name, "email": None},
        }

    def record(self, method: str, params: dict[str, Any]) -> None:
        """Count a call that was answered with a scripted failure."""
        with self._lock:
            self.calls.append(ApiCall(method, params))

    # ---- the API ----------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.calls.append(ApiCall(method, params))
            handler = getattr(self, "_" + method.replace(".", "_"), None)
            if handler is None:
                return {"ok": False, "error": "unknown_method"}
            result: dict[str, Any] = handler(params)
            return result

    def _next_ts(self) -> tuple[int, str]:
        seq = next(self._seq)
        return seq, f"{int(time.time())}.{seq:06d}"

    def _auth_test(self, _p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "user_id": BOT_USER_ID, "team_id": TEAM_ID, "bot_id": "BBMO01"}

    def _apps_connections_open(self, _p: dict[str, Any]) -> dict[str, Any]:
        if not self.socket_url:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "url": self.socket_url}

    def _chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        seq, ts = self._next_ts()
        msg = Posted(seq, p["channel"], ts, p.get("text", ""), p.get("blocks") or [])
        msg.thread_ts = p.get("thread_ts")
        msg.metadata = p.get("metadata") if isinstance(p.get("metadata"), dict) else None
        self._keep(msg)
        return {"ok": True, "channel": msg.channel, "ts": ts, "message": {"ts": ts}}

    def _chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        seq, ts = self._next_ts()
        msg = Posted(seq, p.get("channel", ""), ts, p.get("text", ""), p.get("blocks") or [])
        msg.ephemeral_to = p.get("user")
        self._keep(msg)
        return {"ok": True, "message_ts": ts}

    def _response_url_post(self, p: dict[str, Any]) -> dict[str, Any]:
        """A slash command reply through its response_url (ephemeral unless in_channel)."""
        seq, ts = self._next_ts()
        msg = Posted(seq, p.get("channel", ""), ts, p.get("text", ""), p.get("blocks") or [])
        if p.get("response_type") != "in_channel":
            msg.ephemeral_to = p.get("user", "learner")
        self._keep(msg)
        return {"ok": True}

    def _chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        msg = self._by_ts.get((str(p.get("channel")), str(p.get("ts"))))
        if msg is None:
            return {"ok": False, "error": "message_not_found"}
        msg.text = p.get("text", msg.text)
        msg.blocks = p.get("blocks") or []
        msg.updated = next(self._seq)
        return {"ok": True, "channel": msg.channel, "ts": msg.ts, "text": msg.text}

    def _views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        self.views[str(p.get("user_id"))] = p.get("view") or {}
        return {"ok": True, "view": {"id": f"VHOME{next(self._seq)}", **(p.get("view") or {})}}

    def _views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view") or {}
        self.opened_views.append(view)
        return {"ok": True, "view": {"id": f"VMODAL{next(self._seq)}", **view}}

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(p.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        users = str(p.get("users", ""))
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:]}}

    def _conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        found = [m for m in self.messages if m.channel == p.get("channel")]
        return {
            "ok": True,
            "messages": [
                {"ts": m.ts, "text": m.text, "blocks": m.blocks}
                | ({"metadata": m.metadata} if m.metadata and p.get("include_all_metadata") else {})
                for m in reversed(found)
            ],
        }
