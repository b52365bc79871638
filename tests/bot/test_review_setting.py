"""LESSON_REVIEW is read once, in the composition root, and reaches the lesson service."""

from __future__ import annotations

import pytest

from bot.lesson_wiring import build_lesson_services
from bot.settings import ConfigurationError, Settings, load_settings


def test_lesson_review_comes_from_the_environment_and_reaches_the_lesson_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings(_env_file=None).lesson_review == "off"  # type: ignore[call-arg]
    monkeypatch.setenv("LESSON_REVIEW", "new")
    settings = Settings(_env_file=None, embeddings="none")  # type: ignore[call-arg]
    assert build_lesson_services(settings).lessons.review == "new"
    monkeypatch.setenv("LESSON_REVIEW", "sometimes")
    with pytest.raises(ConfigurationError, match="LESSON_REVIEW"):
        load_settings(_env_file=None)
