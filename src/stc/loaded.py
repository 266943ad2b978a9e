"""Files as loaded: a validated model with the YAML document it came from (for line numbers
in error messages) and its path. Shared by the loader (stc.corpus) and the cross-file checks
(stc.references), which therefore never import each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from stc.models.country import Bibliography, Country, EvidenceFile, Source
from stc.yaml_reader import YamlDocument

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    model: M
    doc: YamlDocument
    path: Path


@dataclass(frozen=True)
class SourceEntry:
    source: Source
    doc: YamlDocument
    index: int


@dataclass
class CountryBundle:
    id: str
    country: Loaded[Country]
    bibliography: Loaded[Bibliography]
    evidence: Loaded[EvidenceFile]
    sources: dict[str, SourceEntry] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        return [self.country.path, self.bibliography.path, self.evidence.path]
