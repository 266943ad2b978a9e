"""JSON Schema for every data format, generated from the pydantic models."""

from __future__ import annotations

import json

from pydantic import BaseModel


def schema_models() -> dict[str, type[BaseModel]]:
    from stc.analysis.compare import Comparison
    from stc.models.archive import ArchiveManifest
    from stc.models.archive_check import ArchiveCheck
    from stc.models.country import Bibliography, Country, EvidenceFile
    from stc.models.criteria import Framework
    from stc.models.listing import SourceList
    from stc.models.profile import Profile
    from stc.models.reference import ReferenceCase
    from stc.models.result import Assessment
    from stc.models.vocabulary import Vocabulary
    from stc.packet.model import PacketIndex

    return {
        "vocabulary": Vocabulary,
        "framework": Framework,
        "country": Country,
        "sources": Bibliography,
        "evidence": EvidenceFile,
        "profile": Profile,
        "reference": ReferenceCase,
        "assessment": Assessment,
        "comparison": Comparison,
        "source-list": SourceList,
        "archive-manifest": ArchiveManifest,
        "archive-check": ArchiveCheck,
        "packet": PacketIndex,
    }


def schema_texts() -> dict[str, str]:
    """File name → JSON text, stable byte for byte."""
    out = {}
    for name, model in schema_models().items():
        schema = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            **schema,
        }
        out[f"{name}.schema.json"] = (
            json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
    return out


def all_schemas_json() -> str:
    """Every schema as one JSON object, keyed by file name."""
    return (
        json.dumps({k: json.loads(v) for k, v in schema_texts().items()}, indent=2, sort_keys=True)
        + "\n"
    )
