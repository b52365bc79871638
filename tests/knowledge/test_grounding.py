"""Grounding: a lesson's figures and each question's answer must be in its cited passages."""

from __future__ import annotations

from knowledge.generation.models import LessonDraft, QuizQuestion
from knowledge.passages import Passage
from knowledge.safety.grounding import check, numbers

FEES = Passage(
    chunk_id=1,
    document_id=1,
    document_title="Fees",
    source_uri="fees.md",
    heading="Late fees",
    text="The late fee is $29 when the minimum payment is not received by the due date.",
)
ADVANCES = Passage(
    chunk_id=2,
    document_id=1,
    document_title="Fees",
    source_uri="fees.md",
    heading="Cash advances",
    text="A cash advance fee of 5% applies, and interest starts on the day of the advance.",
)


def _draft(body: str, answer: str, cites: int = 1) -> LessonDraft:
    return LessonDraft(
        title="Card fees",
        body=body,
        key_points=["Pay at least the minimum by the due date."],
        scenario="A teammate misses a payment on the team card.",
        questions=[
            QuizQuestion(
                stem="What happens when the minimum payment is missed?",
                options=[answer, "Nothing at all", "The card is closed", "A refund"],
                correct_option=0,
                explanation="The fee table says so.",
                citation_chunk_id=cites,
            )
        ],
        citation_chunk_ids=[1, 2],
    )


def test_figures_are_compared_with_their_units() -> None:
    assert numbers("A $1,000.00 limit, 5 % fee, 21 days, 3 steps") == {"$1000", "%5", "21"}


def test_a_supported_lesson_passes() -> None:
    draft = _draft(
        "Missing the minimum payment costs $29; cash advances cost 5%.", "A $29 late fee"
    )
    assert check(draft, [FEES, ADVANCES]) == []


def test_a_figure_no_passage_states_is_reported() -> None:
    draft = _draft("The late fee is $0 for business cards.", "A $29 late fee")
    assert [v.rule for v in check(draft, [FEES, ADVANCES])] == ["ungrounded_number"]


def test_an_answer_its_cited_passage_does_not_support_is_reported() -> None:
    wrong_citation = _draft("Missing the minimum payment costs $29.", "A $29 late fee", cites=2)
    assert [v.rule for v in check(wrong_citation, [FEES, ADVANCES])] == ["ungrounded_answer"]
    unsupported = _draft(
        "Missing the minimum payment costs $29.", "Suspension of rewards membership", cites=1
    )
    assert [v.rule for v in check(unsupported, [FEES, ADVANCES])] == ["unsupported_answer"]
