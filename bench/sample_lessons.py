"""docs/sample-lessons.md: ten offline lessons with their quizzes, for a reader to judge.

Written by `python -m bench.lesson_quality --write-samples` from the same run that the
review figures come from: the sample curriculum's lessons first, then corpus topics
spread across its documents (held-out ones marked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.lesson_quality import Outcome

COUNT = 10
LABELS = "ABCD"


def _pick(outcomes: list[Outcome]) -> list[Outcome]:
    made = [o for o in outcomes if o.draft is not None]
    sample = [o for o in made if o.topic.part == "sample"][:5]
    corpus = [o for o in made if o.topic.part != "sample"]
    seen: set[str] = set()
    spread: list[Outcome] = []
    for o in corpus:  # one lesson per document first
        document = o.topic.passages[0].document_title
        if document not in seen:
            seen.add(document)
            spread.append(o)
    picked = sample + spread[: COUNT - len(sample)]
    if len(picked) < COUNT:
        picked += [o for o in made if o not in picked][: COUNT - len(picked)]
    return picked


def _lesson(number: int, o: Outcome) -> list[str]:
    draft = o.draft
    assert draft is not None
    sources = {p.chunk_id: p for p in o.topic.passages}
    where = {
        "sample": "sample curriculum",
        "corpus-tuning": "corpus",
        "corpus-held-out": "corpus, held out",
    }
    lines = [
        f"## {number}. {draft.title}",
        "",
        f"*Topic from the {where[o.topic.part]}; composed in {o.seconds * 1000:.1f} ms.*",
        "",
        draft.body,
        "",
        "**Key points**",
        "",
        *[f"- {p}" for p in draft.key_points],
        "",
        f"**Scenario.** {draft.scenario}",
        "",
        "**Sources:** "
        + "; ".join(
            f"{sources[c].document_title} › {sources[c].heading}"
            if sources[c].heading
            else sources[c].document_title
            for c in draft.citation_chunk_ids
            if c in sources
        ),
        "",
        "**Quiz**",
        "",
    ]
    for i, (q, review) in enumerate(zip(draft.questions, o.reviews, strict=True), start=1):
        failed = [name for name, ok in review.checks.items() if not ok]
        verdict = "passes every check" if not failed else "fails: " + ", ".join(failed)
        lines += [f"{i}. {q.stem}", ""]
        for j, option in enumerate(q.options):
            mark = " ✔" if j == q.correct_option else ""
            lines.append(f"   - {LABELS[j]}) {option}{mark}")
        lines += ["", f"   *{q.explanation}* — review: {verdict}.", ""]
    return lines


def render(outcomes: list[Outcome]) -> str:
    lines = [
        "# Sample offline lessons",
        "",
        "Ten lessons composed without an LLM from the sample curriculum's documents and the",
        "shared corpus, with their quizzes (✔ marks the correct option) and the automatic",
        "review's verdict on each question. Regenerate with",
        "`BMO_CORPUS_DIR=../shared/corpus python -m bench.lesson_quality --write-samples`.",
        "",
    ]
    for number, o in enumerate(_pick(outcomes), start=1):
        lines += _lesson(number, o)
    return "\n".join(lines).rstrip() + "\n"
