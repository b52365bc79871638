"""The `bmo` entry point: start-up allocates hundreds of thousands of objects while
importing, and the cyclic collector's passes over them cost about a sixth of the time to
`/ready`. It stays off until the command runs (for `bmo serve`, until the app has frozen
what it loaded: see `bot.server`)."""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from bot.cli import app

    app()
