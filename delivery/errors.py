"""How a send failed, in terms the retry logic needs: try again later, or never."""

from __future__ import annotations


class SendFailed(Exception):
    """A provider refused or failed a send. `code` is the provider's stable error code."""

    def __init__(
        self, channel: str, code: str, *, permanent: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{channel}: {code}")
        self.channel = channel
        self.code = code
        self.permanent = permanent
        self.retry_after = retry_after


class TransientSendError(SendFailed):
    """Worth retrying with backoff (rate limit, 5xx, time-out, connection error)."""

    def __init__(self, channel: str, code: str, retry_after: float | None = None) -> None:
        super().__init__(channel, code, permanent=False, retry_after=retry_after)


class PermanentSendError(SendFailed):
    """Retrying cannot help (user gone, invalid number); fall back or record a failure."""

    def __init__(self, channel: str, code: str) -> None:
        super().__init__(channel, code, permanent=True)
