"""Graph nodes. Each returns only the keys it changes.

Every node is a coroutine, even those that never wait: LangGraph runs a plain function
in a worker thread, a hand-off that costs more than the node itself."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from fsrs import Card, State
from langgraph.runtime import Runtime

from flows import policy
from flows.next_topic.context import NextTopicContext
from flows.next_topic.records import DbRecords
from flows.next_topic.state import NextTopicState, Plan, Proposal
from flows.review import CardState
from storage.repositories.operations import record_llm_call

log = structlog.get_logger(__name__)


def _card(row: dict[str, Any]) -> CardState:
    card = Card(
        card_id=row["question_id"],
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=row["due"],
        last_review=row["last_review"],
    )
    return CardState(row["question_id"], row["topic_id"], card, row["lapses"], row["reps"])


def snapshot(state: NextTopicState, now: datetime) -> policy.Snapshot:
    topics = [
        policy.TopicInfo(t["id"], t["slug"], t["title"], tuple(t["prerequisites"]), t["position"])
        for t in state.get("topics", [])
    ]
    missed = {int(k): datetime.fromisoformat(v) for k, v in state.get("last_missed", {}).items()}
    answers = [
        policy.Answer(q, t, correct, datetime.fromisoformat(at))
        for q, t, correct, at in state.get("answers", [])
    ]
    cards = [_card(c) for c in state.get("cards", [])]
    return policy.Snapshot(topics, cards, now, missed, answers)


async def gather(state: NextTopicState, runtime: Runtime[NextTopicContext]) -> dict[str, Any]:
    ctx = runtime.context
    records = ctx.records
    if records is None:
        assert ctx.session is not None, "the graph reads a session or in-memory records"
        records = DbRecords(ctx.session)
    record = await records.read(state["learner_id"])
    # In the learner's time zone, so "you missed it on Tuesday" names their Tuesday.
    zone = ZoneInfo(record.timezone)
    missed = {str(t): at.astimezone(zone).isoformat() for t, at in record.last_missed.items()}
    answers = [(q, t, correct, at.isoformat()) for q, t, correct, at in record.answers]
    topics, cards = record.topics, record.cards
    return {
        "topics": topics,
        "cards": cards,
        "last_missed": missed,
        "answers": answers,
        "proposal": None,
        "rejection": None,
        "plan": None,
    }


async def score(state: NextTopicState, runtime: Runtime[NextTopicContext]) -> dict[str, Any]:
    ranked = policy.candidates(snapshot(state, runtime.context.now))
    return {
        "candidates": [
            {
                "topic": c.topic.slug,
                "kind": c.kind,
                "score": round(c.score, 4),
                "mastery": round(c.mastery, 3),
                "reason": c.reason,
            }
            for c in ranked
        ]
    }


def _facts(state: NextTopicState, now: datetime) -> dict[str, Any]:
    snap = snapshot(state, now)
    by_id = {t.id: t for t in snap.topics}
    mastery = policy.mastery_by_topic(snap.cards, now)
    due = sorted(
        {c.topic_id for c in snap.cards if c.due <= now}, key=lambda t: mastery.get(t, 0.0)
    )
    return {
        "learner_id": state["learner_id"],
        "local_date": state["local_date"],
        "progress": {by_id[t].slug: round(m, 3) for t, m in mastery.items() if t in by_id},
        "due": [
            {"topic": by_id[t].slug, "recall": round(mastery[t], 3)} for t in due if t in by_id
        ],
        "catalogue": [
            {"slug": t.slug, "title": t.title, "prerequisites": list(t.prerequisites)}
            for t in snap.topics
        ],
        "choices": _choices(state),
    }


async def choose(state: NextTopicState, runtime: Runtime[NextTopicContext]) -> dict[str, Any]:
    ctx = runtime.context
    if ctx.agent is None:
        return {"proposal": _policy_pick(state)}
    ledger: list[dict[str, Any]] = []
    try:
        proposal = await asyncio.wait_for(
            ctx.agent.propose(_facts(state, ctx.now), ctx.search, ledger),
            timeout=ctx.agent_timeout,
        )
    except TimeoutError:
        log.warning("next_topic.agent_timeout", learner_id=state["learner_id"])
        return {"proposal": None, "rejection": "the agent timed out"}
    except Exception as exc:  # noqa: BLE001  (any agent failure falls back to the policy)
        log.warning("next_topic.agent_failed", learner_id=state["learner_id"], error=str(exc))
        return {"proposal": None, "rejection": f"the agent failed ({type(exc).__name__})"}
    finally:
        # Stored after the run, never while a cancelled call could hold the session.
        if ctx.session is not None:
            for call in ledger:
                await record_llm_call(ctx.session, **call)
    return {"proposal": {**proposal, "source": "agent"}}


def _choices(state: NextTopicState) -> list[dict[str, Any]]:
    """The candidates the agent may choose among: the policy's best few."""
    ranked = state.get("candidates", [])
    return ranked[: policy.top_choices([c["score"] for c in ranked])]


def _policy_pick(state: NextTopicState) -> Proposal | None:
    for c in state.get("candidates", []):
        return Proposal(topic=c["topic"], kind=c["kind"], reason=c["reason"], source="policy")
    return None


def problem(state: NextTopicState, proposal: Proposal, now: datetime) -> str | None:
    """Why a proposal cannot be delivered, or None when it can."""
    snap = snapshot(state, now)
    topic = next((t for t in snap.topics if t.slug == proposal["topic"]), None)
    if topic is None:
        return f"unknown topic {proposal['topic']!r}"
    # Only the policy's best few: prerequisites, forgetting and the gap between reviews
    # are already weighed in their values.
    allowed = {c["topic"]: c["kind"] for c in _choices(state)}
    if topic.slug not in allowed:
        return f"{topic.slug!r} is not among the policy's best candidates"
    if proposal.get("kind") != allowed[topic.slug]:
        return f"{topic.slug!r} would be a {allowed[topic.slug]}, not a {proposal.get('kind')}"
    if not proposal.get("reason", "").strip():
        return "no reason for the learner"
    studied_today = any(
        p["topic"] == topic.slug and p["local_date"] == state["local_date"]
        for p in state.get("history", [])
    )
    if studied_today:
        return f"{topic.slug!r} was already taught today"
    return None


async def validate(state: NextTopicState, runtime: Runtime[NextTopicContext]) -> dict[str, Any]:
    proposal = state.get("proposal")
    if proposal is None:
        return {"rejection": state.get("rejection") or "no proposal"}
    reason = problem(state, proposal, runtime.context.now)
    if reason is not None:
        log.info("next_topic.rejected", learner_id=state["learner_id"], reason=reason)
        return {"proposal": None, "rejection": reason}
    return {}


async def fallback(state: NextTopicState) -> dict[str, Any]:
    return {"proposal": _policy_pick(state)}


def todays_plan(state: NextTopicState) -> Plan | None:
    """The plan already made for this learner's local date, if any."""
    for made in reversed(state.get("history", [])):
        if made["local_date"] == state["local_date"]:
            return made
    return None


async def reuse(state: NextTopicState) -> dict[str, Any]:
    """One lesson per local day: asking again returns today's plan."""
    return {"plan": todays_plan(state)}


def _as_plan(state: NextTopicState, proposal: Proposal) -> Plan:
    topic = next(t for t in state["topics"] if t["slug"] == proposal["topic"])
    return Plan(
        topic_id=topic["id"],
        topic=topic["slug"],
        title=topic["title"],
        kind=proposal["kind"],
        reason=proposal["reason"],
        source=proposal.get("source", "policy"),
        local_date=state["local_date"],
    )


async def plan(state: NextTopicState) -> dict[str, Any]:
    proposal = state.get("proposal")
    if proposal is None:
        return {"plan": None, "fallbacks": []}
    made = _as_plan(state, proposal)
    fallbacks = [
        _as_plan(state, Proposal(topic=c["topic"], kind=c["kind"], reason=c["reason"]))
        for c in state.get("candidates", [])
        if c["topic"] != made["topic"]
    ]
    return {"plan": made, "fallbacks": fallbacks, "history": [made]}
