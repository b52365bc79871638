"""The `bmo` command line."""

from __future__ import annotations

import gc
import signal
import sys
import threading
from typing import Annotated

import typer

from bot.cli_demo import demo
from bot.cli_knowledge import register as register_knowledge_commands
from bot.cli_safety import register as register_safety_commands
from bot.cli_safety import safety_app
from bot.cli_safety_injection import register as register_safety_injection
from bot.cli_worker import worker
from bot.runtime import StartupError, database, settings_or_fail

app = typer.Typer(no_args_is_help=True, add_completion=False, help="BMO Learning")
db_app = typer.Typer(no_args_is_help=True, help="Database migrations.")
app.add_typer(db_app, name="db")
register_safety_injection(safety_app)
app.command()(demo)
app.command()(worker)
register_knowledge_commands(app)
register_safety_commands(app)


@app.callback()
def _collect_after_start(ctx: typer.Context) -> None:
    """`bmo` starts with the collector off (bot.main); `serve` turns it on once the app is
    ready, every other command now."""
    if ctx.invoked_subcommand != "serve":
        gc.enable()


def fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _load_app_modules() -> None:
    import uvicorn  # noqa: F401

    import bot.server
    import bot.wiring  # noqa: F401


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    migrate: Annotated[bool, typer.Option(help="Run migrations before serving.")] = True,
) -> None:
    """Run the HTTP app (Slack, SMS webhooks, admin API, health)."""
    # The app's modules load while the embedded database starts (a wait on its process).
    loading = threading.Thread(target=_load_app_modules, name="load-app", daemon=True)
    loading.start()
    try:
        settings = settings_or_fail()
        with database(settings, migrate_to_head=migrate) as url:
            loading.join()
            import uvicorn

            from bot.server import build_app, where_to_look
            from bot.wiring import build_services

            services = build_services(settings, url)
            bind_host, bind_port = host or settings.host, port or settings.port
            for line in where_to_look(settings, bind_host, bind_port):
                typer.echo(line)
            # uvicorn re-raises SIGTERM after its graceful shutdown; end with status 0 then.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            uvicorn.run(
                build_app(services),
                host=bind_host,
                port=bind_port,
                log_config=None,
                access_log=False,
                timeout_graceful_shutdown=30,
                # Longer than the load balancer's 60 s idle timeout, so it never reuses a
                # connection the app has already closed (intermittent 502s otherwise).
                timeout_keep_alive=75,
                lifespan="on",
            )
    except StartupError as exc:
        fail(str(exc))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    try:
        settings = settings_or_fail()
        with database(settings, migrate_to_head=True):
            typer.echo("database is at the latest revision")
    except StartupError as exc:
        fail(str(exc))


@db_app.command("status")
def db_status() -> None:
    """Show the current and latest migration revision."""
    from storage import migrate as migrations

    try:
        settings = settings_or_fail()
        with database(settings, migrate_to_head=False) as url:
            state = migrations.status(url)
    except StartupError as exc:
        fail(str(exc))
        return
    typer.echo(f"current: {state.current or '(empty)'}")
    typer.echo(f"head:    {state.head}")
    typer.echo("up to date" if state.up_to_date else "migrations pending: run `bmo db upgrade`")
    if not state.up_to_date:
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
