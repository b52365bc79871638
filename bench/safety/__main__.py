"""`python -m bench.safety`: PII redaction, prompt-injection detection and financial
rules on the evaluation sets in bench/safety_data; writes bench/results/safety.json."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from bench.common import Metric, base_parser, write_results

PARTS = ("pii", "injection", "rules")
_FIELDS = ("name", "value", "unit", "goal", "higher_is_better")


def _part(name: str) -> Callable[..., list[dict[str, Any]]] | None:
    try:
        module = importlib.import_module(f"bench.safety.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"bench.safety.{name}":
            raise
        print(f"bench.safety.{name} is not present; skipped")
        return None
    run: Callable[..., list[dict[str, Any]]] = module.run
    return run


def main() -> None:
    args = base_parser(__doc__ or "safety").parse_args()
    metrics: list[Metric] = []
    for name in PARTS:
        run = _part(name)
        if run is None:
            continue
        try:
            found = run(quick=args.quick)
        except TypeError:  # a part without a quick mode
            found = run()
        metrics += [Metric(**{k: m[k] for k in _FIELDS if k in m}) for m in found]
    write_results("safety", metrics, params={"quick": args.quick, "parts": list(PARTS)})


if __name__ == "__main__":
    main()
