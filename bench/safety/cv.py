"""`python -m bench.safety.cv`: how the injection detector may fare on phrasings it was not
trained on, and which classifier thresholds keep ordinary texts clear.

Two honest readings, neither of which lets the classifier see what it is scored on:
- the tuning half of the evaluation set, scored by a classifier trained without it;
- the product's own written examples (`injection_written.jsonl`), one category left out at a
  time, scored by a classifier trained on everything else.
Plus the hand-written check set (`check_injection.jsonl`) with the full classifier. The
patterns were written against the tuning half, so the classifier-alone figures matter most.
Encodings are cached in /tmp so a second run takes seconds."""

# ruff: noqa: E501
from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.safety.data import DATA_DIR, load, read_jsonl

CHECK = DATA_DIR / "check_injection.jsonl"
CACHE = Path("/tmp/bmo-injection-cv-cache.pkl")
GRID = [(0.9, 0.75, 0.6), (0.85, 0.7, 0.55), (0.8, 0.65, 0.5), (0.75, 0.6, 0.45)]


def main() -> None:
    from knowledge.safety import injection, injection_model
    from knowledge.safety.normalise import canonical

    cache: dict[str, Any] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    raw_encode: Callable[[list[str]], Any] = injection_model._encode

    def encode(texts: list[str]) -> Any:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for start in range(0, len(missing), 64):
            chunk = missing[start : start + 64]
            for t, v in zip(chunk, raw_encode(chunk), strict=True):
                cache[t] = v
        if missing:
            CACHE.write_bytes(pickle.dumps(cache))
        return np.stack([cache[t] for t in texts])

    injection_model._encode = encode
    all_rows = injection_model.training_rows()
    tuning = {str(r["text"]) for r in read_jsonl(injection_model.DATA / "tuning_examples.jsonl")}
    written = read_jsonl(injection_model.DATA / "injection_written.jsonl")

    def use(rows: list[tuple[str, int]]) -> None:
        texts = [canonical(t) for t, _ in rows]
        labels = np.array([y for _, y in rows], dtype=np.float64)
        model = injection_model.build(encode(texts), texts, labels)
        injection_model._model = lambda: model  # type: ignore[assignment]

    def run(rows: list[dict[str, Any]]) -> list[tuple[int, float, dict[tuple[float, ...], bool]]]:
        out = []
        for r in rows:
            where = r.get("where", "message")
            prob = injection_model.probability(
                canonical(r["text"]), whole_if_short=where == "message"
            )
            flags: dict[tuple[float, ...], bool] = {}
            for cfg in GRID:
                injection.MODEL_FLAG_AT, injection.MODEL_SUPPORT_AT, injection.CUE_SUPPORT_AT = cfg
                flags[cfg] = injection.detect(r["text"], where=where).flagged
            out.append((int(r.get("label", 1)), prob, flags))
        return out

    def show(name: str, out: list[tuple[int, float, dict[tuple[float, ...], bool]]]) -> None:
        att = [o for o in out if o[0]]
        ben = [o for o in out if not o[0]]
        line = f"{name:22s}"
        for cfg in GRID:
            line += f" | {cfg[0]}: {np.mean([f[cfg] for _, _, f in att]):.2f}/{np.mean([f[cfg] for _, _, f in ben]):.2f}"
        for t in (0.6, 0.75, 0.9):
            line += f" | model>={t}: {np.mean([p >= t for _, p, _ in att]):.2f}/{np.mean([p >= t for _, p, _ in ben]):.2f}"
        print(line, flush=True)

    # 1. the tuning half, unseen by the classifier
    use([r for r in all_rows if r[0] not in tuning])
    tune = [{**r, "label": 1} for r in load("injection", "tune")] + [
        {**r, "label": 0} for r in load("benign", "tune")
    ]
    show("tune (unseen)", run(tune))
    # 2. written examples, leave one category out
    pooled: list[tuple[int, float, dict[tuple[float, ...], bool]]] = []
    for category in sorted({str(r["category"]) for r in written}):
        held = [r for r in written if r["category"] == category]
        texts = {str(r["text"]) for r in held}
        use([r for r in all_rows if r[0] not in texts])
        got = run(held)
        pooled += got
        misses = [
            r["text"][:70].replace("\n", " / ")
            for r, o in zip(held, got, strict=True)
            if o[2][GRID[1]] != bool(o[0])
        ]
        print(f"  {category:26s} wrong {len(misses)}/{len(held)}", *misses[:4], sep="\n    ")
    show("written (LOCO)", pooled)
    # 3. the check set, full classifier
    use(all_rows)
    show("check set", run([{**r, "where": "message"} for r in read_jsonl(CHECK)]))


if __name__ == "__main__":
    main()
