"""The versioned JSON document (stc.assessment.v1)."""

from __future__ import annotations

import json

from pydantic import BaseModel


def to_json(model: BaseModel) -> str:
    """Stable, sorted, indented JSON: the same inputs give the same bytes."""
    data = model.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
