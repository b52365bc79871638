"""A small learned layer over the bundled MiniLM embeddings: logistic regression trained on
the labelled examples in `data/injection_train.jsonl` (attacks and ordinary training text,
written for this product). It catches paraphrased attacks that no pattern names.

The weights are shipped in `data/injection_model.json`; rebuild them after editing the
examples with `python -m knowledge.safety.injection_model`.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

DATA = Path(__file__).parent / "data"
TRAIN_FILE = DATA / "injection_train.jsonl"
MODEL_FILE = DATA / "injection_model.json"
WINDOW_CHARS = 600
MAX_WINDOWS = 16

_lock = threading.Lock()


def _encode(texts: list[str]) -> NDArray[np.float32]:
    from knowledge.minilm import shared_model

    return shared_model().encode(texts)


def training_rows() -> list[tuple[str, int]]:
    rows = []
    for line in TRAIN_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append((str(row["text"]), int(row["label"])))
    return rows


def _digest(rows: list[tuple[str, int]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


def train(rows: list[tuple[str, int]], *, l2: float = 1e-4, steps: int = 2000) -> dict[str, object]:
    """Plain batch gradient descent on the logistic loss; 384 features, a few hundred rows."""
    from knowledge.safety.normalise import canonical

    x = _encode([canonical(t) for t, _ in rows]).astype(np.float64)
    y = np.array([label for _, label in rows], dtype=np.float64)
    w = np.zeros(x.shape[1])
    b = 0.0
    rate = 5.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= rate * (x.T @ grad / len(y) + l2 * w)
        b -= rate * float(grad.mean())
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


def windows(text: str, *, whole_if_short: bool = True) -> list[str]:
    """What the classifier reads: a short message whole; otherwise its cue sentences,
    grouped into slices short enough for the encoder's 256 word pieces."""
    text = text.strip()
    if whole_if_short and len(text) <= WINDOW_CHARS:
        return [text] if text else []
    out: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?:])\s+|\n+", text):
        if not _CUE.search(sentence):
            continue
        sentence = sentence[:WINDOW_CHARS]
        if current and len(current) + len(sentence) > WINDOW_CHARS // 2:
            out.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out[:MAX_WINDOWS]


def probability(canonical_text: str, *, whole_if_short: bool = True) -> float:
    """The model's probability that the text (already canonical) carries an injection:
    the highest over its windows."""
    parts = windows(canonical_text, whole_if_short=whole_if_short)
    if not parts:
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
