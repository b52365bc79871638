"""The Presidio analyzer, built once per process on the shared spaCy pipeline.

Presidio runs the spaCy pipeline (names) and its e-mail recognizer; our recognizers add the
checksum- and rule-based types (numbers, dates of birth, addresses, names after role
words). Nothing is downloaded: the pipeline comes from an installed package and the e-mail
recognizer reads tldextract's bundled public-suffix snapshot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer import RecognizerResult as Result
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import EmailRecognizer, SpacyRecognizer

from knowledge import nlp
from knowledge.safety.pii.numbers import Span, find_numbers
from knowledge.safety.pii.people import find_addresses, find_birth_dates, find_names

# Offline: no suffix-list URL, no cache directory; the snapshot shipped with tldextract.
_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

ENTITY_KINDS = {"PERSON": "name", "EMAIL_ADDRESS": "email"}


class _LoadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on the pipeline the process already loaded."""

    def __init__(self, pipeline: str) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": pipeline}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
                labels_to_ignore=[
                    "CARDINAL",
                    "DATE",
                    "EVENT",
                    "FAC",
                    "GPE",
                    "LANGUAGE",
                    "LAW",
                    "LOC",
                    "MONEY",
                    "NORP",
                    "ORDINAL",
                    "ORG",
                    "PERCENT",
                    "PRODUCT",
                    "QUANTITY",
                    "TIME",
                    "WORK_OF_ART",
                ],
            ),
        )
        self._pipeline = pipeline

    def load(self) -> None:
        self.nlp = {"en": nlp.english(self._pipeline)}  # type: ignore[assignment]


# Capitalised words that spaCy's small model sometimes takes for a person.
_NOT_NAMES = frozenset(
    """email e-mail call phone text fax note please hi hello dear thanks thank regards
    cardholder client customer member applicant manager visa mastercard amex interac
    apr sku mcc bin iban ssn sin dob""".split()  # noqa: SIM905
)


class _Names(SpacyRecognizer):
    """spaCy's PERSON entities, less common words it mistakes for names."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Result]:
        found = super().analyze(text, entities, nlp_artifacts)
        return [
            r
            for r in found
            if not all(w.lower().strip(".,:;") in _NOT_NAMES for w in text[r.start : r.end].split())
        ]


class _OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _TLD(pattern_text).fqdn != ""


class _RuleRecognizer(EntityRecognizer):
    """One of our detectors, seen by Presidio as a recognizer."""

    def __init__(self, name: str, kinds: list[str], detect: Callable[[str], list[Span]]) -> None:
        self._detect = detect
        super().__init__(
            supported_entities=[k.upper() for k in kinds], name=name, supported_language="en"
        )

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Result]:
        return [
            Result(entity_type=s.kind.upper(), start=s.start, end=s.end, score=s.score)
            for s in self._detect(text)
        ]


def build(pipeline: str) -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(_Names(supported_entities=["PERSON"]))
    registry.add_recognizer(_OfflineEmailRecognizer())
    registry.add_recognizer(
        _RuleRecognizer("numbers", ["card", "sin", "ssn", "phone", "iban", "account"], find_numbers)
    )
    registry.add_recognizer(_RuleRecognizer("names", ["name"], find_names))
    registry.add_recognizer(_RuleRecognizer("birth_dates", ["dob"], find_birth_dates))
    registry.add_recognizer(_RuleRecognizer("addresses", ["address"], find_addresses))
    return AnalyzerEngine(
        registry=registry, nlp_engine=_LoadedSpacyEngine(pipeline), supported_languages=["en"]
    )


_lock = threading.Lock()
_engines: dict[str, AnalyzerEngine] = {}


def analyzer(pipeline: str) -> AnalyzerEngine:
    with _lock:
        if pipeline not in _engines:
            _engines[pipeline] = build(pipeline)
        return _engines[pipeline]


def kind_of(entity_type: str) -> str:
    return ENTITY_KINDS.get(entity_type, entity_type.lower())
