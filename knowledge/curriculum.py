"""Curriculum files: tracks of topics with objectives, prerequisites, source filters and
optional authored lessons, validated before anything is written.

```yaml
tracks:
  - slug: business-credit-cards
    title: Business credit cards
    topics:
      - slug: card-basics
        title: Card basics
        objectives: [Explain who is liable for charges]
        prerequisites: []
        sources: {documents: ["*regulation-z*"], headings: [liability]}
        lessons:
          - title: Who pays?
            body: ...
            key_points: [...]
            questions:
              - stem: ...
                options: [A, B, C]
                correct: 0
                explanation: ...
```
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.topics import reassign_active_chunks
from storage.models import Lesson, Question, Topic
from storage.repositories import content

_SLUG = r"^[a-z0-9][a-z0-9-]{0,119}$"


class CurriculumError(Exception):
    """The file is unusable; the message lists each problem with its line and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AuthoredQuestion(_Strict):
    stem: str = Field(min_length=1)
    options: list[str] = Field(min_length=2, max_length=5)
    correct: int = Field(ge=0)
    explanation: str = ""

    @model_validator(mode="after")
    def _correct_in_range(self) -> AuthoredQuestion:
        if self.correct >= len(self.options):
            raise ValueError(f"correct is {self.correct} but there are {len(self.options)} options")
        return self


class AuthoredLesson(_Strict):
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1)
    key_points: list[str] = []
    scenario: str = ""
    questions: list[AuthoredQuestion] = []


class SourceFilter(_Strict):
    documents: list[str] = []
    headings: list[str] = []


class TopicSpec(_Strict):
    slug: str = Field(pattern=_SLUG)
    title: str = Field(min_length=1, max_length=300)
    objectives: list[str] = []
    prerequisites: list[str] = []
    sources: SourceFilter = SourceFilter()
    lessons: list[AuthoredLesson] = []


class TrackSpec(_Strict):
    slug: str = Field(pattern=_SLUG)
    title: str = ""
    topics: list[TopicSpec] = Field(min_length=1)


class CurriculumSpec(_Strict):
    tracks: list[TrackSpec] = Field(min_length=1)

    @field_validator("tracks")
    @classmethod
    def _unique_and_known(cls, tracks: list[TrackSpec]) -> list[TrackSpec]:
        slugs = [t.slug for track in tracks for t in track.topics]
        duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
        if duplicates:
            raise ValueError(f"topic slugs must be unique: {', '.join(duplicates)}")
        return tracks

    def topics(self) -> list[tuple[TrackSpec, TopicSpec]]:
        return [(track, topic) for track in self.tracks for topic in track.topics]


@dataclass(frozen=True)
class ImportSummary:
    topics_created: int
    topics_updated: int
    lessons_created: int
    questions_created: int
    chunks_assigned: int


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                return line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def parse_curriculum(source: str, name: str = "curriculum") -> CurriculumSpec:
    """Validate a curriculum document; every problem is reported with its line and field."""
    try:
        node = yaml.compose(source)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise CurriculumError(
            f"{name}{where}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    if not isinstance(data, dict):
        raise CurriculumError(f"{name}: expected a mapping with a 'tracks' list")
    try:
        spec = CurriculumSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
            field = ".".join(str(p) for p in loc) or "(top level)"
            line = _line_of(node, loc)
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{name} line {line}: {field}: {message}")
        raise CurriculumError("\n".join(problems)) from None
    _check_prerequisites(spec, name)
    return spec


def _check_prerequisites(spec: CurriculumSpec, name: str) -> None:
    known = {topic.slug for _, topic in spec.topics()}
    graph = {topic.slug: topic.prerequisites for _, topic in spec.topics()}
    for slug, prerequisites in graph.items():
        missing = [p for p in prerequisites if p not in known]
        if missing:
            raise CurriculumError(
                f"{name}: topic {slug} has unknown prerequisites: {', '.join(missing)}"
            )
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(slug: str, trail: list[str]) -> None:
        if slug in done:
            return
        if slug in visiting:
            cycle = " -> ".join([*trail[trail.index(slug) :], slug])
            raise CurriculumError(f"{name}: prerequisites form a cycle: {cycle}")
        visiting.add(slug)
        for prerequisite in graph[slug]:
            visit(prerequisite, [*trail, slug])
        visiting.discard(slug)
        done.add(slug)

    for slug in graph:
        visit(slug, [])


def load_curriculum(path: Path) -> CurriculumSpec:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurriculumError(f"{path.name}: cannot read the file ({exc})") from None
    return parse_curriculum(source, path.name)


def _lesson_key(topic_slug: str, lesson: AuthoredLesson) -> tuple[str, str]:
    digest = hashlib.sha256(json.dumps(lesson.model_dump(), sort_keys=True).encode()).hexdigest()
    return f"authored:{topic_slug}:{digest[:32]}", digest


async def import_curriculum(session: AsyncSession, spec: CurriculumSpec) -> ImportSummary:
    """Create or update topics by slug, add authored lessons not seen before (by content),
    then point active chunks at the topics whose source filters match them."""
    created = updated = lessons = questions = 0
    for position, (track, spec_topic) in enumerate(spec.topics()):
        fields: dict[str, Any] = {
            "title": spec_topic.title,
            "track": track.slug,
            "position": position,
            "objectives": spec_topic.objectives,
            "prerequisites": spec_topic.prerequisites,
            "source_filter": spec_topic.sources.model_dump(exclude_defaults=True),
            "origin": "curriculum",
        }
        topic = await content.topic_by_slug(session, spec_topic.slug)
        if topic is None:
            topic = await content.add_topic(session, slug=spec_topic.slug, **fields)
            created += 1
        else:
            for key, value in fields.items():
                setattr(topic, key, value)
            updated += 1
        lessons_added, questions_added = await _add_authored(session, topic, spec_topic)
        lessons += lessons_added
        questions += questions_added
    await session.flush()
    assigned = await reassign_active_chunks(session)
    return ImportSummary(created, updated, lessons, questions, assigned)


async def _add_authored(session: AsyncSession, topic: Topic, spec: TopicSpec) -> tuple[int, int]:
    lessons = questions = 0
    for authored in spec.lessons:
        cache_key, digest = _lesson_key(spec.slug, authored)
        if await content.lesson_by_cache_key(session, cache_key) is not None:
            continue
        lesson = Lesson(
            topic_id=topic.id,
            cache_key=cache_key,
            title=authored.title,
            body=authored.body,
            key_points=authored.key_points,
            scenario=authored.scenario,
            generator="authored",
            source_hash=digest,
        )
        items = [
            Question(
                stem=q.stem, options=q.options, correct_option=q.correct, explanation=q.explanation
            )
            for q in authored.questions
        ]
        await content.add_lesson(session, lesson, items)
        lessons += 1
        questions += len(items)
    return lessons, questions
