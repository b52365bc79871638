"""The deterministic next-topic policy: value every topic by what one lesson on it adds to
the learner's recall of everything, pick the best.

A candidate's value is the expected number of questions the learner will recall over the
horizon (averaged at POINTS moments up to it) with the lesson minus without it, by FSRS-6
(flows.review) under this learner's own forgetting curve:
- a review moves the cards it will ask to their post-answer stability, grown as FSRS
  grows it at the learner's predicted recall now (an item about to be forgotten gains
  most); a review that re-teaches the lesson is right as often as this learner's reviews
  have been, a question asked alone as often as it is recalled;
- a new topic adds its cards at the first-answer stability, scaled by how well its
  prerequisites are recalled now (a soft factor, never a gate).
The forgetting curve (a scale on FSRS stability and the curve's steepness) is the best
fit, under a weak prior, of the learner's answers to questions asked alone a day or more
after they were last studied and of first answers to a lesson's quiz (some hours after the
lesson, FIRST_DELAY), each right with recall + guessing, so a fast forgetter is valued
with fast forgetting, which sets the balance between new topics and reviews. Without
evidence, forgetting is assumed faster than FSRS's defaults (PRIOR).
Every topic is a candidate, so a learner with a curriculum always gets a lesson. The LLM
agent may only pick among the best few candidates; this policy is also what the learner
simulator (bench.sim) benchmarks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

import numpy as np

from flows.review import (
    DECAY,
    SCHEDULER,
    CardState,
    mastery_by_topic,
    rating_for,
    retrievability,
    stability_after,
)

Kind = Literal["new", "review"]

# The horizon the value is measured at, when the snapshot gives none, and how many moments
# evenly spread up to it (the last one the horizon) the recall is averaged over: a lesson's
# worth by the end of the next week and the week after.
HORIZON_DAYS = 14.0
POINTS = 2
# A review's post-answer stability grows as FSRS grows it at the learner's own predicted
# recall (RESCUE), so an item that would otherwise be forgotten gains most from a review.
RESCUE = True
# Only questions asked alone are evidence of forgetting (BARE_ONLY): a question in a
# lesson's quiz follows the lesson that re-taught it. Answers on one topic within
# MESSAGE_SPAN belong to one message; a review is valued by the questions reviews have
# been asking (REVIEW_SIZE).
BARE_ONLY = True
REVIEW_SIZE = True
MESSAGE_SPAN = timedelta(hours=1)
# A topic studied less than this long ago is reviewed only when nothing else is left:
# under a day, so a lesson answered just after 09:00 yesterday is reviewable at 09:00 today.
MIN_REVIEW_GAP = timedelta(hours=16)
# A prerequisite recalled at r lets a lesson on the topic count PREREQ_FLOOR + (1 - floor) r.
PREREQ_FLOOR = 0.3
# Questions per topic assumed for a topic not yet studied.
DEFAULT_QUESTIONS = 3
# Forgetting estimate: candidate scales of FSRS stability and curve steepnesses, and the
# weight of the prior (PRIOR) in answers' worth.
FSRS_DECAY = -DECAY
SCALES = (0.03, 0.05, 0.08, 0.12, 0.18, 0.27, 0.4, 0.6, 0.9, 1.3, 2.0)
DECAYS = (FSRS_DECAY, 0.3, 0.5, 1.0, 2.0, 4.0)
# Before any evidence: forgetting steeper than FSRS's defaults, which come from
# flashcard users who review for years; the answers then pull the estimate either way.
PRIOR = (0.6, 1.0)
PRIOR_ANSWERS = 4.0
# The prior's weight on the steepness alone: only answers asked long after a study tell
# steep curves from heavy-tailed ones, and there are few of them early on.
DECAY_PRIOR_ANSWERS = 4.0
# A lesson's quiz is answered some time after the lesson (FIRST_DELAY): how often first
# answers are right says how fast the lesson starts to fade, worth FIRST_WEIGHT of an answer
# asked alone days later.
FIRST_DELAY = timedelta(hours=5)
FIRST_WEIGHT = 1.0
# Chance of a right answer by guessing among four options.
GUESS = 0.25
_GRID = tuple(np.array(v) for v in zip(*[(s, d) for s in SCALES for d in DECAYS], strict=True))
# The LLM agent may choose among at most this many of the best candidates, each worth at
# least CHOICE_SHARE of the best one.
TOP_CHOICES = 3
CHOICE_SHARE = 0.75


@dataclass(frozen=True)
class TopicInfo:
    id: int
    slug: str
    title: str
    prerequisites: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Answer:
    """One graded answer: the forgetting estimate and review reasons read these."""

    question_id: int
    topic_id: int
    correct: bool
    at: datetime


@dataclass(frozen=True)
class Snapshot:
    """What the product knows about a learner when choosing the next lesson."""

    topics: Sequence[TopicInfo]
    cards: Sequence[CardState]
    now: datetime
    last_missed: dict[int, datetime] = field(default_factory=dict)
    answers: Sequence[Answer] = ()
    horizon: datetime | None = None


@dataclass(frozen=True)
class Candidate:
    topic: TopicInfo
    kind: Kind
    score: float
    mastery: float
    reason: str


@dataclass(frozen=True)
class Forgetting:
    """A learner's forgetting curve: FSRS's stability times `scale`, and a curve whose
    steepness is `decay` (FSRS-6's own is 0.1542; larger is closer to exponential), both
    keeping R = 0.9 at t = scale x stability."""

    scale: float = 1.0
    decay: float = FSRS_DECAY

    def recall(self, stability: float, elapsed: timedelta) -> float:
        # Fractional days: a fast forgetter loses much within a day.
        days = max(0.0, elapsed / timedelta(days=1))
        factor = 0.9 ** (-1 / self.decay) - 1
        return float((1 + factor * days / (stability * self.scale)) ** -self.decay)


def forgetting(answers: Sequence[Answer]) -> Forgetting:
    """This learner's forgetting curve: the stability scale (> 1 remembers longer than
    FSRS's defaults predict) and steepness that best explain their answers to questions
    seen a day or more before, each answer right with recall + guessing. The prior
    (PRIOR, worth PRIOR_ANSWERS answers) keeps a few answers from swinging it."""
    seen: dict[int, tuple[float, datetime]] = {}
    evidence: list[tuple[float, timedelta, bool, float]] = []
    params = SCHEDULER.parameters
    ordered = sorted(answers, key=lambda a: a.at)
    alone = _alone(ordered)
    for i, a in enumerate(ordered):
        before = seen.get(a.question_id)
        if before is None:
            seen[a.question_id] = (float(params[2 if a.correct else 0]), a.at)
            if FIRST_WEIGHT:
                evidence.append((float(params[2]), FIRST_DELAY, a.correct, FIRST_WEIGHT))
            continue
        stability, last = before
        elapsed = a.at - last
        if elapsed.days >= 1 and (alone[i] or not BARE_ONLY):
            evidence.append((stability, elapsed, a.correct, 1.0))
        r = retrievability(stability, elapsed.days)
        # The replay follows FSRS's stability with the default difficulty: close enough
        # to rank scales, and cheap enough to run on every choice.
        if a.correct:
            grown = stability * (
                1
                + math.exp(params[8])
                * 6
                * stability ** -params[9]
                * (math.exp((1 - r) * params[10]) - 1)
            )
        else:
            grown = min(
                params[11]
                * 5 ** -params[12]
                * ((stability + 1) ** params[13] - 1)
                * math.exp((1 - r) * params[14]),
                stability,
            )
        seen[a.question_id] = (max(grown, 0.01), a.at)
    if not evidence:
        return Forgetting(*PRIOR)
    stabilities = np.array([e[0] for e in evidence])
    days = np.array([max(0.0, e[1] / timedelta(days=1)) for e in evidence], dtype=float)
    right = np.array([e[2] for e in evidence])
    weight = np.array([e[3] for e in evidence])
    scale, decay = (g[:, None] for g in _GRID)
    factor = 0.9 ** (-1 / decay) - 1
    recall = (1 + factor * days / (stabilities * scale)) ** -decay
    p = np.clip(GUESS + (1 - GUESS) * recall, 1e-9, 1 - 1e-9)
    loglik = (weight * np.where(right, np.log(p), np.log1p(-p))).sum(1) - (
        PRIOR_ANSWERS * np.log(_GRID[0] / PRIOR[0]) ** 2
        + DECAY_PRIOR_ANSWERS * np.log(_GRID[1] / PRIOR[1]) ** 2
    ) / 2
    best = int(np.argmax(loglik))
    return Forgetting(float(_GRID[0][best]), float(_GRID[1][best]))


def _alone(ordered: Sequence[Answer]) -> list[bool]:
    """For answers in time order: whether each came alone, with no other answer on its topic
    within MESSAGE_SPAN. A question asked alone tests recall after the time since it was
    last studied; a question in a lesson's quiz follows the lesson that re-taught it."""
    out = []
    for i, a in enumerate(ordered):
        near = (
            b
            for b in ordered[max(0, i - 8) : i + 9]
            if b is not a and b.topic_id == a.topic_id and abs(b.at - a.at) < MESSAGE_SPAN
        )
        out.append(next(near, None) is None)
    return out


def _review_size(answers: Sequence[Answer]) -> float | None:
    """Questions a review message has asked, on average (None before any review)."""
    ordered = sorted(answers, key=lambda a: a.at)
    seen: set[int] = set()
    messages: dict[tuple[int, datetime], int] = {}
    start: dict[int, datetime] = {}
    for a in ordered:
        if a.question_id in seen:
            begun = start.get(a.topic_id)
            if begun is None or a.at - begun >= MESSAGE_SPAN:
                start[a.topic_id] = begun = a.at
            messages[(a.topic_id, begun)] = messages.get((a.topic_id, begun), 0) + 1
        seen.add(a.question_id)
    return sum(messages.values()) / len(messages) if messages else None


def _latest_answers(snapshot: Snapshot) -> dict[int, Answer]:
    latest: dict[int, Answer] = {}
    for a in snapshot.answers:
        if a.topic_id not in latest or a.at >= latest[a.topic_id].at:
            latest[a.topic_id] = a
    return latest


def review_reason(topic: TopicInfo, recall: float, missed: datetime | None) -> str:
    if missed is not None:
        return f"A review of {topic.title}: you missed it on {missed:%A}."
    return f"A review of {topic.title}: your recall is down to about {round(recall * 100)}%."


def new_reason(topic: TopicInfo, by_slug: dict[str, TopicInfo], studied: set[int]) -> str:
    known = [by_slug[s].title for s in topic.prerequisites if s in by_slug]
    if known and all(by_slug[s].id in studied for s in topic.prerequisites if s in by_slug):
        return f"Next up: {topic.title}, now that you know {known[-1]}."
    if known:
        return f"Next up: {topic.title}, which builds on {known[-1]}."
    return f"Next up: {topic.title}, the next topic in your track."


def _missed_last(snapshot: Snapshot, topic_id: int, latest: dict[int, Answer]) -> datetime | None:
    """When the learner's latest answer on the topic was a miss (never a miss that later
    right answers have made up for)."""
    if topic_id in latest:
        answer = latest[topic_id]
        if answer.correct:
            return None
        return snapshot.last_missed.get(topic_id, answer.at)
    missed = snapshot.last_missed.get(topic_id)
    reviews = [c.last_review for c in snapshot.cards if c.topic_id == topic_id and c.last_review]
    if missed is not None and reviews and missed >= max(reviews) - timedelta(hours=1):
        return missed
    return None


def unmet_prerequisites(snapshot: Snapshot, topic: TopicInfo) -> list[TopicInfo]:
    """Prerequisites the learner has not studied or has mostly forgotten (for display)."""
    by_slug = {t.slug: t for t in snapshot.topics}
    mastery = mastery_by_topic(snapshot.cards, snapshot.now)
    return [
        by_slug[s]
        for s in topic.prerequisites
        if s in by_slug and mastery.get(by_slug[s].id, 0.0) < 0.5
    ]


def candidates(snapshot: Snapshot) -> list[Candidate]:
    """Every topic as a next lesson, best first (empty only for an empty curriculum)."""
    now = snapshot.now
    horizon = snapshot.horizon or now + timedelta(days=HORIZON_DAYS)
    curve = forgetting(snapshot.answers)
    by_slug = {t.slug: t for t in snapshot.topics}
    by_topic: dict[int, list[CardState]] = {}
    for card in snapshot.cards:
        by_topic.setdefault(card.topic_id, []).append(card)
    studied = set(by_topic)
    # Recall now (for prerequisites and reasons) under this learner's forgetting.
    now_recall = {
        tid: sum(_card_recall(c, now, curve) for c in cards) / len(cards)
        for tid, cards in by_topic.items()
    }
    per_topic = (
        round(sum(len(c) for c in by_topic.values()) / len(by_topic))
        if by_topic
        else DEFAULT_QUESTIONS
    )
    first_right, review_right = _accuracy(snapshot.answers)
    new_card = _new_card_recall(now, horizon, curve, first_right)

    def prereq_factor(topic: TopicInfo, recall: dict[int, float]) -> float:
        factor = 1.0
        for slug in topic.prerequisites:
            if slug in by_slug:
                factor *= PREREQ_FLOOR + (1 - PREREQ_FLOOR) * recall.get(by_slug[slug].id, 0.0)
        return factor

    new_value = {
        t.id: per_topic * new_card * prereq_factor(t, now_recall)
        for t in snapshot.topics
        if t.id not in studied
    }
    latest = _latest_answers(snapshot)
    size = _review_size(snapshot.answers) if REVIEW_SIZE else None
    found: list[Candidate] = []
    recent: list[Candidate] = []
    for order, topic in enumerate(sorted(snapshot.topics, key=lambda t: (t.position, t.id))):
        if topic.id not in studied:
            # Earlier topics in the track first on a tie; the tiny step keeps it stable.
            score = new_value[topic.id] - order * 1e-6
            found.append(Candidate(topic, "new", score, 0.0, new_reason(topic, by_slug, studied)))
            continue
        cards = by_topic[topic.id]
        gain = 0.0
        if size is not None and size < len(cards):
            # Reviews ask single questions: this one asks the one studied longest ago.
            cards = sorted(cards, key=lambda c: c.card.last_review or now)[: max(1, round(size))]
        bare = size is not None and size < len(by_topic[topic.id])
        for c in cards:
            recall_now = _card_recall(c, now, curve)
            # A question asked alone is right as often as it is recalled (or guessed).
            p_right = GUESS + (1 - GUESS) * recall_now if bare else review_right
            right = _over(curve, _grown(c, True, now, recall_now), now, now, horizon)
            wrong = _over(curve, _grown(c, False, now, recall_now), now, now, horizon)
            before = (
                _over(curve, c.card.stability, c.card.last_review, now, horizon)
                if c.card.stability is not None and c.card.last_review is not None
                else 0.0
            )
            gain += p_right * right + (1 - p_right) * wrong - before
        last = max((c.last_review or now) for c in by_topic[topic.id])
        reason = review_reason(
            topic,
            mastery_by_topic(by_topic[topic.id], now).get(topic.id, 0.0),
            _missed_last(snapshot, topic.id, latest),
        )
        pick = Candidate(topic, "review", gain, now_recall[topic.id], reason)
        (recent if now - last < MIN_REVIEW_GAP else found).append(pick)
    # Topics studied within the gap come last: only when nothing else is left.
    return sorted(found, key=_rank) + sorted(recent, key=_rank)


def _rank(c: Candidate) -> tuple[float, int, int]:
    return (-c.score, c.topic.position, c.topic.id)


def _grown(card: CardState, correct: bool, now: datetime, recall_now: float) -> float:
    """The card's FSRS stability after an answer now, grown as FSRS grows it at this
    learner's own recall now (forgetting more first makes a review add more)."""
    c = card.card
    if (
        not RESCUE
        or c.stability is None
        or c.difficulty is None
        or c.last_review is None
        or (now - c.last_review).days < 1
    ):
        return stability_after(card, correct, now)
    return float(
        SCHEDULER._next_stability(
            difficulty=c.difficulty,
            stability=c.stability,
            retrievability=min(max(recall_now, 0.01), 0.99),
            rating=rating_for(correct),
        )
    )


def _card_recall(card: CardState, at: datetime, curve: Forgetting) -> float:
    if card.card.last_review is None or card.card.stability is None:
        return 0.0
    return curve.recall(card.card.stability, at - card.card.last_review)


def _accuracy(answers: Sequence[Answer]) -> tuple[float, float]:
    """Shares of first answers and of later answers right, each with a prior of four
    answers (80 % for first answers; the first-answer share for later ones). A review
    re-teaches the lesson before its quiz, so how often reviews are answered right is read
    from the learner's own reviews, not from predicted recall."""
    seen: set[int] = set()
    first: list[bool] = []
    later: list[bool] = []
    for a in sorted(answers, key=lambda a: a.at):
        (later if a.question_id in seen else first).append(a.correct)
        seen.add(a.question_id)
    first_right = (sum(first) + 3.2) / (len(first) + 4)
    return first_right, (sum(later) + 4 * first_right) / (len(later) + 4)


def _new_card_recall(now: datetime, horizon: datetime, curve: Forgetting, right: float) -> float:
    """Expected recall at the horizon of a question first answered now."""
    good, again = float(SCHEDULER.parameters[2]), float(SCHEDULER.parameters[0])
    return right * _over(curve, good, now, now, horizon) + (1 - right) * _over(
        curve, again, now, now, horizon
    )


def _over(
    curve: Forgetting, stability: float, last: datetime, now: datetime, horizon: datetime
) -> float:
    """Mean recall over the POINTS moments evenly spread from now to the horizon."""
    span = horizon - now
    return (
        sum(curve.recall(stability, now + span * k / POINTS - last) for k in range(1, POINTS + 1))
        / POINTS
    )


def top_choices(scores: Sequence[float]) -> int:
    """How many of the ranked candidates (their scores, best first) the agent may pick."""
    if not scores:
        return 0
    best = scores[0]
    near = [s for s in scores[:TOP_CHOICES] if best > 0 and s >= CHOICE_SHARE * best]
    return max(1, len(near))


def choose(snapshot: Snapshot) -> Candidate | None:
    """The policy's pick; None only when the curriculum is empty."""
    ranked = candidates(snapshot)
    return ranked[0] if ranked else None
