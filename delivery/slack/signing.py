"""An AsyncWebClient that signs quiz button values on their way to Slack.

Renderers stay pure (they know no keys); every message that leaves through a client of
this kind, from a handler or from the delivery worker, carries signed answer buttons.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from delivery.slack.ids import ButtonSigner


class SigningWebClient(AsyncWebClient):
    def __init__(self, *args: Any, button_signer: ButtonSigner | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.button_signer = button_signer

    async def api_call(
        self, api_method: str, *, json: dict[str, Any] | None = None, **kwargs: Any
    ) -> AsyncSlackResponse:
        if self.button_signer is not None and json is not None and "blocks" in json:
            json = {**json, "blocks": self.button_signer.sign_answer_buttons(json["blocks"])}
        return await super().api_call(api_method, json=json, **kwargs)
