"""The HTTP transport for the official Twilio client: httpx, with Basic auth in a header
and nothing logged (request bodies hold phone numbers, headers hold the auth token)."""

from __future__ import annotations

import logging

import httpx
from twilio.http import AsyncHttpClient
from twilio.http.response import Response


class TwilioHttpx(AsyncHttpClient):
    def __init__(self, timeout: float = 10.0) -> None:
        super().__init__(logging.getLogger("bmo.twilio"), True, timeout)
        self._client = httpx.AsyncClient(timeout=timeout)

    async def request(
        self,
        method: str,
        uri: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the Twilio client interface
        allow_redirects: bool = False,
    ) -> Response:
        try:
            response = await self._client.request(
                method.upper(),
                uri,
                params=params,  # type: ignore[arg-type]
                data=data,
                headers=headers,
                auth=httpx.BasicAuth(*auth) if auth else None,
                timeout=timeout or self.timeout,
                follow_redirects=allow_redirects,
            )
        except httpx.TimeoutException as exc:
            raise TimeoutError(str(exc) or "twilio time-out") from None
        except httpx.TransportError as exc:
            raise ConnectionError(str(exc) or type(exc).__name__) from None
        return Response(response.status_code, response.text, response.headers)

    async def close(self) -> None:
        await self._client.aclose()
