#!/bin/sh
# Container entrypoint: one image, three roles.
#   serve    HTTP app (Slack, SMS webhooks, admin API, /health, /ready, /metrics)
#   worker   job worker (deliveries, scheduler, ingestion)
#   migrate  apply database migrations, then exit (run once per release, before the services)
# Anything else runs as a `bmo` subcommand, e.g. `learners list`.
# `exec` replaces the shell with bmo, so the SIGTERM that ECS or Docker sends reaches it.
set -eu

role="${1:-serve}"
[ "$#" -gt 0 ] && shift

case "$role" in
  serve)
    # Migrations are a separate release step in production; never race them across tasks.
    exec bmo serve --host "${HOST:-0.0.0.0}" --port "${PORT:-3000}" --no-migrate "$@"
    ;;
  worker)
    exec bmo worker "$@"
    ;;
  migrate)
    exec bmo db upgrade "$@"
    ;;
  *)
    exec bmo "$role" "$@"
    ;;
esac
