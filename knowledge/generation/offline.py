"""Lessons without an LLM, composed from retrieved passages.

The lesson leads with the passage's key fact and why it matters, adds key points the body
does not already say, and sets a scenario from a rule or an exception in the passage. The
quiz asks about key facts (amounts, defined terms, rules) with wrong options of the same
kind. Every sentence is taken from a cited passage. Material that yields fewer than two
questions yields no lesson: a lesson without a quiz is not worth sending.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence

from knowledge.generation import questions as ask
from knowledge.generation import which
from knowledge.generation.facts import NOISE, Fact, clean, key_facts, sentences
from knowledge.generation.models import MAX_BODY_CHARS, LessonDraft, QuizQuestion
from knowledge.generation.questions import Material
from knowledge.generation.terms import inventory
from knowledge.passages import Passage

GENERATOR = "offline"
MIN_QUESTIONS = 2
MAX_QUESTIONS = 3
NEIGHBOURS = 6  # passages of the same document a thin topic may draw on

__all__ = ["GENERATOR", "MIN_QUESTIONS", "NoQuiz", "OfflineCompositionError", "clean", "compose"]

_WORD = re.compile(r"[a-z][a-z'-]+")
_WHY = re.compile(r"\b(?:because|so that|so|to avoid|otherwise|which means|in order to)\b", re.I)
_STOP = frozenset(
    [
        "about",
        "also",
        "and",
        "are",
        "been",
        "being",
        "but",
        "can",
        "does",
        "each",
        "for",
        "from",
        "has",
        "have",
        "into",
        "its",
        "may",
        "more",
        "must",
        "not",
        "other",
        "should",
        "such",
        "than",
        "that",
        "the",
        "their",
        "there",
        "these",
        "this",
        "those",
        "under",
        "was",
        "were",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "your",
    ]
)


class OfflineCompositionError(Exception):
    """The passages are too thin to build a lesson from."""


class NoQuiz(OfflineCompositionError):
    """The passages hold no two quizzable facts, so the topic gets no lesson."""


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _fact_score(fact: Fact, query: set[str], order: dict[int, int]) -> float:
    weight = {"number": 1.2, "definition": 1.0, "obligation": 0.9, "exception": 0.8}.get(
        fact.kind, 0.3
    )
    overlap = len(_words(fact.sentence) & query) / (1 + len(query)) ** 0.5
    return weight + 1.5 * overlap + 0.3 / (1 + order[fact.passage.chunk_id])


def material_from(passages: Sequence[Passage]) -> Material:
    """Distractor material: the passages' texts, noun phrases and definitions."""
    texts = [p.text for p in passages]
    facts = key_facts(passages)
    definitions = [f.definition for f in facts if f.kind == "definition"]
    rules = [f.sentence for f in facts if f.kind == "obligation"]
    return Material(texts=texts, terms=inventory(texts), definitions=definitions, rules=rules)


def _distinct(one: QuizQuestion, other: QuizQuestion) -> bool:
    """Two questions of a lesson neither share a stem nor recycle each other's options."""
    shared = {o.lower() for o in one.options} & {o.lower() for o in other.options}
    return one.stem != other.stem and len(shared) < 2


def _quiz(
    facts: list[Fact], material: Material, title: str, rng: random.Random
) -> list[QuizQuestion]:
    """Up to three questions, each on a different sentence, of as many kinds as the facts
    allow: the figure, the term, the rule, the odd one out."""
    made: list[QuizQuestion] = []
    asked: set[str] = set()
    builders = [
        lambda f: ask.number(f, material, rng) if f.kind == "number" else None,
        lambda f: ask.term(f, material, title, rng) if f.kind == "definition" else None,
        lambda f: ask.meaning(f, material, rng) if f.kind == "definition" else None,
        lambda f: which.subject(f, material, title, rng),
        lambda f: ask.rule(
            f,
            [r for r in facts if r is not f],
            material,
            title,
            rng,
            frozenset(o.lower() for q in made for o in q.options),
        ),
        lambda f: ask.not_true(
            f,
            sentences(f.passage.text),
            material,
            title,
            rng,
            frozenset(o.lower() for q in made for o in q.options),
        ),
    ]
    for _ in range(2):  # a second round when one kind of fact is all the passages have
        for build in builders:
            for fact in facts:
                if fact.sentence in asked:
                    continue
                question = build(fact)
                if question is not None and any(q.stem == question.stem for q in made):
                    question = ask.restated(question)
                if question is not None and all(_distinct(q, question) for q in made):
                    made.append(question)
                    asked.add(fact.sentence)
                    break
            if len(made) == MAX_QUESTIONS:
                return made
    return made


_TOKEN = re.compile(r"[a-z0-9$%]+(?:['-][a-z0-9]+)*")


def _copies(stem: str, sentence: str) -> bool:
    """Whether the stem is mostly a run of the sentence's words (a cloze of it)."""
    a, b = _TOKEN.findall(stem.lower()), _TOKEN.findall(sentence.lower())
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return len(a) >= 6 and best >= 0.8 * len(a)


_PRONOUN_START = re.compile(r"^(?:It|They|This|These|That|Those|Such)\b")


def _body(
    lead: Fact, passages: Sequence[Passage], query: set[str], asked: frozenset[str]
) -> tuple[list[str], set[int]]:
    """The key fact first, then why it matters, then the topic's most relevant other
    sentences in the order the material gives them. A sentence that opens with a pronoun
    comes only after the sentence it refers back to; none that a question's stem repeats
    (`asked`), so the quiz asks rather than copies."""
    chosen = [lead.sentence]
    cited = {lead.passage.chunk_id}
    why = next(
        (s for s in sentences(lead.passage.text) if s != lead.sentence and _WHY.search(s)), None
    )
    if why and not _PRONOUN_START.match(why) and why not in asked:
        chosen.append(why)
    placed = [
        (rank, i, s, p.chunk_id)
        for rank, p in enumerate(passages)
        for i, s in enumerate(sentences(p.text))
    ]
    scored = sorted(
        (
            (len(_words(s) & query) - 0.5 * len(NOISE.findall(s)) - 0.1 * rank, (rank, i), s, cid)
            for rank, i, s, cid in placed
            if s not in chosen and s not in asked
        ),
        key=lambda r: -r[0],
    )
    picked: list[tuple[tuple[int, int], str, int]] = []
    length = sum(len(s) + 1 for s in chosen)
    for _, where, sentence, chunk_id in scored:
        if any(sentence == s for _, s, _ in picked):
            continue  # overlapping chunks repeat a sentence
        if len(chosen) + len(picked) >= 5 or length + len(sentence) + 1 > MAX_BODY_CHARS:
            continue
        picked.append((where, sentence, chunk_id))
        length += len(sentence) + 1
    picked.sort()
    previous = {(rank, i): s for rank, i, s, _ in placed}
    shown = set(chosen)
    for (rank, i), sentence, chunk_id in picked:
        if _PRONOUN_START.match(sentence) and previous.get((rank, i - 1)) not in shown:
            continue  # "It lists ..." without the sentence naming what "it" is
        chosen.append(sentence)
        shown.add(sentence)
        cited.add(chunk_id)
    return chosen, cited


def _key_points(
    facts: list[Fact], body: list[str], passages: Sequence[Passage], asked: frozenset[str]
) -> list[str]:
    """What the body does not already say: the figures and terms to remember, then rules,
    exceptions and other sentences the body left out."""
    points: list[str] = []
    figures = list(dict.fromkeys(f.amount.text for f in facts if f.amount is not None))
    if figures:
        points.append("Figures to remember: " + ", ".join(figures[:4]) + ".")
    terms = list(dict.fromkeys(f.term for f in facts if f.kind == "definition"))
    if terms:
        points.append("Terms defined here: " + ", ".join(terms[:4]) + ".")
    rest = [f.sentence for f in facts if f.kind in ("obligation", "exception")]
    rest += [s for p in passages for s in sentences(p.text)]
    for sentence in dict.fromkeys(rest):
        if len(points) >= 3:
            break
        if (
            sentence not in body
            and sentence not in asked
            and len(sentence) <= 200
            and sentence[:1].isupper()
            and ask.statement(sentence)
        ):
            points.append(sentence)
    return points


def _scenario(facts: list[Fact], title: str) -> str:
    exception = next((f for f in facts if f.kind == "exception"), None)
    if exception is not None:
        return (
            f"A colleague assumes the usual rule on {ask.label(title)} always applies. "
            f"The material makes an exception: \u201c{exception.sentence}\u201d "
            "When does this exception change what you would do?"
        )[:600]
    rule = next((f for f in facts if f.kind == "obligation"), None)
    if rule is not None:
        return (
            f"You are asked to make a quick exception on {ask.label(title)}. The material says: "
            f"\u201c{rule.sentence}\u201d What do you do, and why?"
        )[:600]
    return (
        f"A new colleague asks you about {ask.label(title)}. The material says: "
        f"\u201c{facts[0].sentence}\u201d How would you explain what this means for their work?"
    )[:600]


def _neighbours(passages: Sequence[Passage], others: Sequence[Passage]) -> list[Passage]:
    """The passages of the same documents among `others`, in the order given (the lesson
    service gives the nearest first)."""
    documents = {p.document_id for p in passages}
    return [p for p in others if p.document_id in documents][:NEIGHBOURS]


def compose(
    *,
    topic_title: str,
    objectives: Sequence[str],
    passages: Sequence[Passage],
    difficulty: int = 1,
    distractor_passages: Sequence[Passage] = (),
    material: Material | None = None,
) -> LessonDraft:
    """A lesson with two or three questions from the passages (CPU-bound: call it off the
    event loop). When the topic's own passages are too thin (a heading over a list of
    references, say), the lesson draws on the neighbouring passages of the same documents
    among `distractor_passages` too, and cites them. Raises NoQuiz when even those do not
    yield two good questions."""
    if not passages:
        raise OfflineCompositionError("no passages to build a lesson from")
    material = material or material_from([*passages, *distractor_passages])
    try:
        return _compose(topic_title, objectives, passages, difficulty, material)
    except NoQuiz:
        near = _neighbours(passages, distractor_passages)
        if not near:
            raise
        return _compose(topic_title, objectives, [*passages, *near], difficulty, material)


def _compose(
    topic_title: str,
    objectives: Sequence[str],
    passages: Sequence[Passage],
    difficulty: int,
    material: Material,
) -> LessonDraft:
    query = _words(" ".join([topic_title, *objectives]))
    order = {p.chunk_id: i for i, p in enumerate(passages)}
    facts = sorted(key_facts(passages), key=lambda f: -_fact_score(f, query, order))
    if not facts:
        raise NoQuiz("the passages state no figure, defined term or rule to quiz on")
    seed = int(hashlib.sha256(f"{topic_title}|{difficulty}".encode()).hexdigest()[:8], 16)
    quiz = _quiz(facts, material, topic_title, random.Random(seed))
    if len(quiz) < MIN_QUESTIONS:
        raise NoQuiz(
            f"the passages yield {len(quiz)} good question(s); a lesson needs {MIN_QUESTIONS}"
        )
    asked = frozenset(f.sentence for f in facts if any(_copies(q.stem, f.sentence) for q in quiz))
    # The body quotes the passage: a statement cut out of a long sentence leads it only
    # when the passages have no sentence to quote as it stands.
    leads = [f for f in facts if f.sentence not in asked]
    lead = next((f for f in leads if f.sentence in sentences(f.passage.text)), None)
    lead = lead or next(iter(leads), None)
    if lead is None:
        raise NoQuiz("every sentence of the passages is asked in the quiz: nothing left to teach")
    body, cited = _body(lead, passages, query, asked)
    cited |= {q.citation_chunk_id for q in quiz}
    return LessonDraft(
        title=topic_title[:150],
        body=" ".join(body),
        key_points=_key_points(facts, body, passages, asked)
        or ["Check yourself with the quiz below."],
        scenario=_scenario(facts, topic_title),
        questions=quiz,
        citation_chunk_ids=sorted(cited),
    )
