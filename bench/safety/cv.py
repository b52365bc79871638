"""`python -m bench.safety.cv`: how the injection detector may fare on phrasings it was not
tuned on, and which classifier thresholds keep benign texts clear.

Leave-one-category-out over the tuning half: the classifier is retrained without that
category's tuning texts and the whole detector is run on them (the patterns were written
against the tuning half, so the classifier-only figure is the fairer one); benign texts
the same way, by category. Then the hand-written check set (`check_injection.jsonl`,
written apart from the training examples) is scored by a classifier trained on everything.
A grid of thresholds is reported for each."""

# ruff: noqa: E501  (long pattern alternations and example phrasings read better unwrapped)
from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.safety.data import DATA_DIR, load

CHECK = DATA_DIR / "check_injection.jsonl"
CACHE = Path("/tmp/bmo-injection-cv-cache.pkl")
GRID = [(0.85, 0.6, 0.4), (0.9, 0.6, 0.4), (0.85, 0.7, 0.4)]


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main() -> None:
    from knowledge.safety import injection, injection_model
    from knowledge.safety.normalise import canonical

    cache: dict[str, Any] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    raw_encode: Callable[[list[str]], Any] = injection_model._encode

    def encode(texts: list[str]) -> Any:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for t, v in zip(missing, raw_encode(missing), strict=True):
                cache[t] = v
        return np.stack([cache[t] for t in texts])

    injection_model._encode = encode  # type: ignore[assignment]
    base = [
        (str(r["text"]), int(r["label"])) for p in injection_model.TRAIN_FILES[:2] for r in _rows(p)
    ]
    attacks = load("injection", "tune")
    benign = load("benign", "tune")
    check = _rows(CHECK)

    def model_for(rows: list[tuple[str, int]]) -> None:
        x = encode([canonical(t) for t, _ in rows]).astype(np.float64)
        y = np.array([label for _, label in rows], dtype=np.float64)
        w, b = injection_model.fit(x, y)
        weights = (w.astype(np.float32), float(b))
        injection_model._weights = lambda: weights  # type: ignore[assignment]

    def run(rows: list[dict[str, Any]]) -> list[tuple[float, dict[tuple[float, ...], bool]]]:
        out = []
        for r in rows:
            where = r.get("where", "message")
            prob = injection_model.probability(
                canonical(r["text"]), whole_if_short=where == "message"
            )
            flags = {}
            for cfg in GRID:
                injection.MODEL_FLAG_AT, injection.MODEL_SUPPORT_AT, injection.CUE_SUPPORT_AT = cfg
                flags[cfg] = injection.detect(r["text"], where=where).flagged
            out.append((prob, flags))
        return out

    ben_out: list[tuple[float, dict[tuple[float, ...], bool]]] = []
    for cat in sorted({r["category"] for r in benign}):
        model_for(
            base
            + [(r["text"], 1) for r in attacks]
            + [(r["text"], 0) for r in benign if r["category"] != cat]
        )
        ben_out += run([r for r in benign if r["category"] == cat])
    CACHE.write_bytes(pickle.dumps(cache))
    probs = [p for p, _ in ben_out]
    print(
        "benign LOCO prob quantiles",
        {q: round(float(np.quantile(probs, q)), 3) for q in (0.9, 0.95, 0.97, 0.99)},
    )
    att_out: dict[str, list[tuple[float, dict[tuple[float, ...], bool]]]] = {}
    for cat in sorted({r["category"] for r in attacks}):
        model_for(
            base
            + [(r["text"], 0) for r in benign]
            + [(r["text"], 1) for r in attacks if r["category"] != cat]
        )
        att_out[cat] = run([r for r in attacks if r["category"] == cat])
    CACHE.write_bytes(pickle.dumps(cache))
    model_for(base + [(r["text"], 1) for r in attacks] + [(r["text"], 0) for r in benign])
    chk = run(check)
    CACHE.write_bytes(pickle.dumps(cache))
    labels = [r["label"] for r in check]
    for cfg in GRID:
        ben_fp = np.mean([f[cfg] for _, f in ben_out])
        loco = np.mean([f[cfg] for v in att_out.values() for _, f in v])
        c_att = np.mean([f[cfg] for (_, f), y in zip(chk, labels, strict=True) if y])
        c_ben = np.mean([f[cfg] for (_, f), y in zip(chk, labels, strict=True) if not y])
        print(
            f"{cfg}: LOCO attacks {loco:.3f} benign {ben_fp:.3f} | check attacks {c_att:.3f} benign {c_ben:.3f}"
        )
    print("per category, model probability >= 0.5/0.7/0.9 (LOCO):")
    for cat, v in att_out.items():
        p = np.array([x for x, _ in v])
        print(
            f"  {cat:22s} {np.mean(p >= 0.5):.2f} {np.mean(p >= 0.7):.2f} {np.mean(p >= 0.9):.2f}"
        )
    print("check set probabilities:")
    for r, (p, _) in zip(check, chk, strict=True):
        print(f"  {r['label']} {p:.2f} {r['text'][:80]}")


if __name__ == "__main__":
    main()
