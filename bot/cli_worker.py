"""`bmo worker`: the queue worker (deliveries, the minute tick, nudges, ingestion)."""

from __future__ import annotations

from typing import Annotated

import typer
import uvloop

from bot.runtime import StartupError, database, settings_or_fail


def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs run at once.")] = 10,
    migrate: Annotated[bool, typer.Option(help="Run migrations before starting.")] = True,
) -> None:
    """Run a queue worker; run several on several hosts to share the work."""
    from bot.delivery_wiring import run_delivery_worker
    from bot.learning_wiring import durable_flows
    from bot.wiring import build_services

    try:
        settings = settings_or_fail()
        with database(settings, migrate_to_head=migrate) as url:
            services = build_services(settings, url)

            async def main() -> None:
                try:
                    async with durable_flows(services):
                        await run_delivery_worker(settings, services, concurrency=concurrency)
                finally:
                    await services.aclose()

            # libuv's loop: less CPU per I/O wake-up than asyncio's, on every job.
            uvloop.run(main())
    except StartupError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
