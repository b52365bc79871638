"""The structured lesson every generator (LLM or offline) produces."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

MAX_BODY_CHARS = 1200


class QuizQuestion(BaseModel):
    stem: str = Field(min_length=5, max_length=300)
    options: list[str] = Field(min_length=4, max_length=4, description="exactly four options")
    correct_option: int = Field(ge=0, le=3, description="index of the correct option, 0-3")
    explanation: str = Field(min_length=5, max_length=600)
    citation_chunk_id: int = Field(description="id of the passage that supports the answer")

    @field_validator("options")
    @classmethod
    def _distinct(cls, options: list[str]) -> list[str]:
        cleaned = [o.strip() for o in options]
        if any(not o for o in cleaned) or len({o.lower() for o in cleaned}) != len(cleaned):
            raise ValueError("options must be four distinct, non-empty strings")
        if any(len(o) > 200 for o in cleaned):
            raise ValueError("an option is longer than 200 characters")
        return cleaned


class LessonDraft(BaseModel):
    """A short lesson with a workplace scenario and one to three questions."""

    title: str = Field(min_length=3, max_length=150)
    body: str = Field(min_length=20, max_length=MAX_BODY_CHARS + 300)
    key_points: list[str] = Field(min_length=1, max_length=5)
    scenario: str = Field(min_length=10, max_length=600)
    questions: list[QuizQuestion] = Field(min_length=1, max_length=3)
    citation_chunk_ids: list[int] = Field(min_length=1, description="passages the body relies on")
