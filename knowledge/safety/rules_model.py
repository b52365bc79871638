"""Financial rules read by meaning: the injection layer's regression plus nearest labelled
prototypes over MiniLM embeddings, trained on lesson sentences written for this product
(`data/rules_examples.jsonl`: guarantees, product pushing, advice to a client, stereotypes,
misleading rates and costs kept from a client, each beside compliant sentences using the
same words)
and on the tuning half of the evaluation set.

Embeddings blur negation ("guaranteed" / "not guaranteed"), so `rules.check_text` only asks
this model about sentences no prohibition or denial frames. Rebuild the weights after
editing the examples with `python -m knowledge.safety.rules_model`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from knowledge.safety import injection_model
from knowledge.safety.injection_model import Model, build

DATA = Path(__file__).parent / "data"
TRAIN_FILES = (
    DATA / "rules_examples.jsonl",
    Path(__file__).resolve().parents[2] / "bench" / "safety_data" / "rules.tune.jsonl",
)
MODEL_FILE = DATA / "rules_model.npz"
# Windows scoring at or above this lean towards a breach (0 is the balanced boundary).
BLOCK_AT = 0.5
WHOLE_CHARS = 300


# A rate sold or quoted without its terms is judged by `rules_disclosure`, which sees
# whether the terms are named anywhere in the text; a sentence embedding cannot, and would
# learn to flag every promotion, terms or not. Those examples are left out here.
_JUDGED_BY_DISCLOSURE = "rate_fee_disclosure"


def training_rows() -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    for path in TRAIN_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    if row["bad"] and row.get("category") == _JUDGED_BY_DISCLOSURE:
                        continue
                    rows.append((str(row["text"]), int(bool(row["bad"]))))
    return list(dict.fromkeys(rows))


def train(rows: list[tuple[str, int]]) -> Model:
    from knowledge.safety.rules import plain

    vectors = injection_model._encode([plain(t) for t, _ in rows])
    return build(vectors, np.array([y for _, y in rows], dtype=np.float64))


def save(model: Model) -> None:
    np.savez_compressed(
        MODEL_FILE,
        weights=model.weights,
        bias=np.array([model.bias], dtype=np.float32),
        attacks=model.attacks.astype(np.float16),
        ordinary=model.ordinary.astype(np.float16),
    )


@lru_cache(maxsize=1)
def _model() -> Model:
    with np.load(MODEL_FILE) as saved:
        return Model(
            weights=saved["weights"].astype(np.float32),
            bias=float(saved["bias"][0]),
            attacks=saved["attacks"].astype(np.float32),
            ordinary=saved["ordinary"].astype(np.float32),
        )


def available() -> bool:
    return MODEL_FILE.exists() and injection_model._model_available()


def scores(plain_texts: list[str]) -> list[float]:
    """One score per (already plain) text; at or above BLOCK_AT leans towards a breach."""
    if not plain_texts or not available():
        return [float("-inf")] * len(plain_texts)
    vectors = injection_model._vectors(plain_texts)
    return [float(s) for s in _model().scores(vectors)]


def main() -> None:
    rows = training_rows()
    save(train(rows))
    print(f"trained on {len(rows)} examples -> {MODEL_FILE.name}")


if __name__ == "__main__":
    main()
