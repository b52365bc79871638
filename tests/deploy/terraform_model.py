"""The Terraform in deploy/terraform parsed with python-hcl2 into plain dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2
from hcl2.utils import SerializationOptions

TERRAFORM_DIR = Path(__file__).resolve().parents[2] / "deploy" / "terraform"
OPTIONS = SerializationOptions(with_comments=False, explicit_blocks=False, strip_string_quotes=True)


@dataclass
class Terraform:
    resources: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    data: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resource(self, kind: str, name: str) -> dict[str, Any]:
        return self.resources[kind][name]

    def of_kind(self, kind: str) -> dict[str, dict[str, Any]]:
        return self.resources.get(kind, {})

    def default(self, variable: str) -> Any:
        return self.variables[variable]["default"]


def load_terraform(directory: Path = TERRAFORM_DIR) -> Terraform:
    model = Terraform()
    for path in sorted(directory.glob("*.tf")):
        with path.open() as handle:
            parsed = hcl2.load(handle, serialization_options=OPTIONS)
        for block in parsed.get("resource", []):
            for kind, named in block.items():
                model.resources.setdefault(kind, {}).update(named)
        for block in parsed.get("data", []):
            for kind, named in block.items():
                model.data.setdefault(kind, {}).update(named)
        for block in parsed.get("locals", []):
            model.locals.update(block)
        for block in parsed.get("variable", []):
            model.variables.update(block)
    return model


def single(block: Any) -> dict[str, Any]:
    """Nested blocks parse as one-element lists; return the element."""
    if isinstance(block, list):
        assert len(block) == 1, block
        return dict(block[0])
    return dict(block)
