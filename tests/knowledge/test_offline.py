"""Offline lessons and quizzes as a trainer would judge them, on the sample curriculum's
documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.generation.facts import amounts
from knowledge.generation.offline import NoQuiz, OfflineCompositionError, compose
from knowledge.passages import Passage
from tests.support.passages import assert_grounded_lesson, markdown_passages

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples" / "documents"
# The sample training documents that ship with the app; tests/corpus repeats the lesson
# checks over the larger shared corpus when it is present.
CORPUS_PASSAGES = markdown_passages(SAMPLES.glob("*.md"))


def _about(*words: str, limit: int = 5) -> list[Passage]:
    hits = [p for p in CORPUS_PASSAGES if all(w in p.text.lower() for w in words)]
    return hits[:limit]


def _passage(chunk_id: int, text: str, title: str = "Card handbook") -> Passage:
    return Passage(
        chunk_id=chunk_id,
        document_id=chunk_id,
        document_title=title,
        source_uri=f"memory://{chunk_id}",
        text=text,
    )


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Credit card rewards programs", ("rewards",)),
        ("Grace periods and finance charges", ("grace period",)),
        ("Receipts and the expense policy", ("receipt",)),
        ("Disputes and chargebacks", ("dispute",)),
        ("Interest and the APR", ("interest",)),
        ("Liability for card use", ("liability",)),
    ],
)
def test_lessons_from_the_samples_teach_and_quiz_what_the_passages_say(
    title: str, words: tuple[str, ...]
) -> None:
    passages = _about(*words)
    assert len(passages) >= 2, f"the samples lack material on {words}"
    assert_grounded_lesson(title, passages, CORPUS_PASSAGES)


def test_a_numeric_question_offers_amounts_in_the_answer_unit_that_the_passage_does_not_state() -> (
    None
):
    cited = _passage(
        1,
        "Issuers that offer a grace period must give at least 21 days between sending the "
        "statement and the due date. Paying the full balance by the due date keeps the grace "
        "period. Paying only part of the balance removes the grace period, so interest is "
        "charged on new purchases from the day they are made.",
    )
    others = [
        _passage(2, "A penalty rate applies after a payment is more than 60 days late."),
        _passage(3, "Disputes must be sent within 60 days of the statement date."),
        _passage(4, "An issuer must resolve a dispute within 90 days of receiving it."),
        _passage(5, "The annual fee is $95 and the late fee is $30 on this card."),
    ]
    draft = compose(
        topic_title="The grace period", objectives=[], passages=[cited], distractor_passages=others
    )
    numeric = [q for q in draft.questions if "how many days" in q.stem.lower()]
    assert numeric, [q.stem for q in draft.questions]
    q = numeric[0]
    assert q.options[q.correct_option] == "21 days"
    assert all(option.endswith(" days") for option in q.options)
    assert "60 days" in q.options or "90 days" in q.options  # drawn from the corpus
    assert "21" not in q.stem
    assert all(not o.startswith("$") for o in q.options)


def test_a_term_question_never_offers_a_term_the_passage_makes_true_or_the_title_word() -> None:
    cited = _passage(
        1,
        "A chargeback is the reversal of a card transaction through the card network after a "
        "dispute. The cardholder must report the charge within 60 days of the statement.",
    )
    others = [
        _passage(
            2, "The grace period is the time between the end of a billing cycle and the due date."
        ),
        _passage(3, "A billing error is a charge that should not be on the statement."),
        _passage(4, "The annual fee is charged once a year; a late fee follows a missed payment."),
        _passage(5, "A credit limit caps the balance; a cash advance carries its own fee."),
        _passage(6, "Reward points and cash back are earned on purchases at a base rate."),
    ]
    draft = compose(
        topic_title="Disputes with the card network",
        objectives=[],
        passages=[cited],
        distractor_passages=others,
    )
    terms = [q for q in draft.questions if q.stem.startswith("Which term means")]
    assert terms, [q.stem for q in draft.questions]
    q = terms[0]
    assert q.options[q.correct_option] == "chargeback"
    for option in q.options:
        if option != "chargeback":
            assert option.lower() not in cited.text.lower()
            assert not _words(option) & _words("Disputes with the card network")
            assert len(option.split()) <= 3  # a term, not a clause


def test_material_with_no_quizzable_fact_yields_no_lesson() -> None:
    manifest = _passage(  # a document of its own: no neighbouring passage to draw on
        9001,
        "| file | bytes | sha256 |\n|---|---|---|\n| 01-card-basics.md | 1834 | 6f508ea1 |\n"
        "| 02-apr.md | 1720 | da406d29 |",
        title="Manifest",
    )
    with pytest.raises(NoQuiz):
        compose(
            topic_title="Document manifest",
            objectives=[],
            passages=[manifest],
            distractor_passages=CORPUS_PASSAGES[:20],
        )


def test_a_thin_section_draws_on_the_neighbouring_passages_of_its_own_document() -> None:
    references = Passage(
        chunk_id=500,
        document_id=77,
        document_title="Card handbook",
        source_uri="memory://handbook",
        heading="References",
        text="See the issuer's website and the card agreement for details.",
    )
    body = [
        Passage(
            chunk_id=500 + i,
            document_id=77,
            document_title="Card handbook",
            source_uri="memory://handbook",
            heading="Disputes",
            text=text,
        )
        for i, text in enumerate(
            [
                "Cardholders must report a billing error within 60 days of the statement date.",
                "The issuer must resolve a dispute within 90 days of receiving it. Managers "
                "approve every expense report before the finance team pays it.",
            ],
            start=1,
        )
    ]
    elsewhere = CORPUS_PASSAGES[:20]
    with pytest.raises(NoQuiz):  # the section alone, with other documents only
        compose(
            topic_title="Card handbook \u2014 References",
            objectives=[],
            passages=[references],
            distractor_passages=elsewhere,
        )
    draft = compose(
        topic_title="Card handbook \u2014 References",
        objectives=[],
        passages=[references],
        distractor_passages=[*body, *elsewhere],
    )
    assert len(draft.questions) >= 2
    neighbours = {p.chunk_id for p in body}
    assert {q.citation_chunk_id for q in draft.questions} <= neighbours
    assert set(draft.citation_chunk_ids) <= neighbours | {references.chunk_id}
    assert "references" not in " ".join(q.stem for q in draft.questions).lower()


def test_a_single_thin_fact_is_not_enough_for_a_lesson() -> None:
    thin = _passage(1, "Cards are issued to employees who travel for work on company business.")
    with pytest.raises(NoQuiz, match="a lesson needs 2"):
        compose(topic_title="Cards", objectives=[], passages=[thin], distractor_passages=[])


def test_composition_is_deterministic() -> None:
    passages = _about("dispute")
    others = CORPUS_PASSAGES[:80]
    one = compose(
        topic_title="Disputes", objectives=[], passages=passages, distractor_passages=others
    )
    two = compose(
        topic_title="Disputes", objectives=[], passages=passages, distractor_passages=others
    )
    assert one == two


def test_no_passages_is_a_clear_error() -> None:
    with pytest.raises(OfflineCompositionError, match="no passages"):
        compose(topic_title="Anything", objectives=[], passages=[])


def test_figures_keep_their_units() -> None:
    found = {(a.value, a.unit) for a in amounts("Pay $1,200 within 5 business days or ten days.")}
    assert found == {(1200.0, "$"), (5.0, "business days"), (10.0, "days")}
