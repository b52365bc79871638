"""`python -m bench.safety`: PII redaction, prompt-injection detection and financial
rules on the evaluation sets in bench/safety_data; writes bench/results/safety.json."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from bench.common import Metric, base_parser, print_table, write_results
from bench.safety.data import ALL_SPLITS

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
    parser = base_parser(__doc__ or "safety")
    parser.add_argument(
        "--splits",
        default=",".join(ALL_SPLITS),
        help="comma-separated evaluation splits to score; a partial run prints, writes nothing",
    )
    args = parser.parse_args()
    splits = tuple(s for s in args.splits.split(",") if s)
    unknown = [s for s in splits if s not in ALL_SPLITS]
    if unknown:
        parser.error(f"unknown splits {unknown}; choose from {', '.join(ALL_SPLITS)}")
    metrics: list[Metric] = []
    for name in PARTS:
        run = _part(name)
        if run is None:
            continue
        found = run(quick=args.quick, splits=splits)
        metrics += [Metric(**{k: m[k] for k in _FIELDS if k in m}) for m in found]
    if set(splits) != set(ALL_SPLITS):
        print_table("safety", metrics)
        return
    write_results("safety", metrics, params={"quick": args.quick, "parts": list(PARTS)})


if __name__ == "__main__":
    main()
