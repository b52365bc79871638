"""A real local HTTP server that speaks enough of the OpenAI API for the real clients.

Tests script chat replies (plain text, JSON for structured output, or tool calls), may
delay replies to provoke time-outs, and read back every request body it received (to
prove, for example, that no PII ever reached the LLM).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any

import numpy as np

from bot.playground.local_http import JsonHandler, LocalService

Reply = dict[str, Any]
ChatHandler = Callable[[dict[str, Any]], Reply]


def text_reply(content: str) -> Reply:
    return {"role": "assistant", "content": content}


def json_reply(obj: Any) -> Reply:
    return {"role": "assistant", "content": json.dumps(obj)}


def tool_call_reply(name: str, arguments: dict[str, Any]) -> Reply:
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_" + uuid.uuid4().hex[:12],
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments)},
            }
        ],
    }


def fake_embedding(text: str, dims: int = 1536) -> list[float]:
    """Deterministic unit vector from the words of `text` (shared words -> similar)."""
    vec = np.zeros(dims)
    for word in text.lower().split():
        digest = hashlib.sha256(word.encode()).digest()
        vec[int.from_bytes(digest[:4], "little") % dims] += 1.0
    norm = np.linalg.norm(vec)
    return (vec / norm if norm else vec).tolist()


class FakeOpenAI(LocalService):
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.replies: list[Reply] = []
        self.handler: ChatHandler | None = None
        self.delay_seconds = 0.0
        self.status_override: int | None = None
        self.flag_words: set[str] = set()
        self._lock = threading.Lock()
        super().__init__(self._handler_class())

    @property
    def base_url(self) -> str:
        return f"{self.origin}/v1"

    def start(self) -> FakeOpenAI:
        self._start_serving()
        return self

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def bodies(self, path_suffix: str = "") -> list[dict[str, Any]]:
        with self._lock:
            return [body for path, body in self.requests if path.endswith(path_suffix)]

    def all_text_sent(self) -> str:
        """Everything any request carried, as one string (for leak assertions)."""
        with self._lock:
            return "\n".join(json.dumps(body) for _, body in self.requests)

    def _chat(self, body: dict[str, Any]) -> Reply:
        if self.handler is not None:
            return self.handler(body)
        with self._lock:
            if self.replies:
                return self.replies.pop(0)
        return text_reply("I can only answer from the training material.")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(JsonHandler):
            _send = JsonHandler.send_json

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append((self.path, body))
                if fake.delay_seconds:
                    time.sleep(fake.delay_seconds)
                if fake.status_override:
                    self._send(
                        fake.status_override,
                        {"error": {"message": "scripted failure", "type": "server_error"}},
                    )
                    return
                if self.path.endswith("/chat/completions"):
                    message = fake._chat(body)
                    finish = "tool_calls" if message.get("tool_calls") else "stop"
                    prompt_tokens = len(json.dumps(body.get("messages", []))) // 4
                    self._send(
                        200,
                        {
                            "id": "chatcmpl-" + uuid.uuid4().hex[:12],
                            "object": "chat.completion",
                            "created": int(time.time()),
                            "model": body.get("model", "fake"),
                            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                            "usage": {
                                "prompt_tokens": prompt_tokens,
                                "completion_tokens": 50,
                                "total_tokens": prompt_tokens + 50,
                            },
                        },
                    )
                elif self.path.endswith("/embeddings"):
                    inputs = body.get("input", [])
                    inputs = [inputs] if isinstance(inputs, str) else inputs
                    dims = int(body.get("dimensions") or 1536)
                    tokens = sum(len(str(t)) // 4 + 1 for t in inputs)
                    self._send(
                        200,
                        {
                            "object": "list",
                            "model": body.get("model", "fake"),
                            "data": [
                                {
                                    "object": "embedding",
                                    "index": i,
                                    "embedding": fake_embedding(str(t), dims),
                                }
                                for i, t in enumerate(inputs)
                            ],
                            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
                        },
                    )
                elif self.path.endswith("/moderations"):
                    inputs = body.get("input", [])
                    inputs = [inputs] if isinstance(inputs, str) else inputs
                    results = []
                    for item in inputs:
                        text = json.dumps(item).lower()
                        flagged = any(w in text for w in fake.flag_words)
                        results.append(
                            {
                                "flagged": flagged,
                                "categories": {"harassment": flagged},
                                "category_scores": {"harassment": 0.99 if flagged else 0.0},
                            }
                        )
                    self._send(
                        200, {"id": "modr-1", "model": "omni-moderation-latest", "results": results}
                    )
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})

        return Handler


@contextmanager
def running_fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    try:
        yield fake
    finally:
        fake.stop()
