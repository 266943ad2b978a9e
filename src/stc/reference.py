"""The reference set: real determinations, recorded as the facts the deciding body had, run
through the model and compared with what the body found (reference/<case>/)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stc.errors import UsageError
from stc.models.reference import ReferenceCase
from stc.models.result import Assessment

if TYPE_CHECKING:
    from stc.corpus import Corpus


@dataclass(frozen=True)
class CaseResult:
    case: ReferenceCase
    assessment: Assessment
    mismatches: list[str]

    @property
    def agrees(self) -> bool:
        return not self.mismatches


def default_reference_root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "reference", here.parents[1] / "reference"):
        if candidate.is_dir():
            return candidate
    raise UsageError("no reference folder found; pass --reference DIR")


def case_ids(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "case.yaml").is_file())


def load_case(folder: Path) -> ReferenceCase:
    from stc.load_cache import load_validated

    return load_validated(
        folder / "case.yaml", f"reference/{folder.name}/case.yaml", ReferenceCase
    )[0]


CASE_FILES = ("country.yaml", "sources.yaml", "evidence.yaml")


@contextmanager
def case_corpus(folder: Path, criteria_root: Path) -> Iterator[tuple[Corpus, str]]:
    """A temporary data folder holding the shipped criteria and the case's country files (copied
    byte for byte, so line numbers hold); yields it with the country's id."""
    from stc.corpus import Corpus
    from stc.load_cache import load_validated
    from stc.models.country import Country

    country = load_validated(
        folder / "country.yaml", f"reference/{folder.name}/country.yaml", Country
    )[0]
    with tempfile.TemporaryDirectory(prefix="stc-reference-") as tmp:
        root = Path(tmp)
        shutil.copytree(criteria_root / "criteria", root / "criteria")
        target = root / "countries" / country.id
        target.mkdir(parents=True)
        for name in CASE_FILES:
            shutil.copyfile(folder / name, target / name)
        yield Corpus(root), country.id


def run_case(folder: Path, criteria_root: Path) -> CaseResult:
    """Assess the case's country folder under its framework, at its dates, beside the shipped
    criteria; compare with the body's findings."""
    from stc.assessment import assess

    case = load_case(folder)
    with case_corpus(folder, criteria_root) as (corpus, country_id):
        result = assess(corpus, country_id, case.framework, None, case.as_of, None, case.known_by)
    mismatches = []
    outcomes = {c.id: c.outcome for c in result.criteria}
    for cid, expected in sorted(case.expected_criteria.items()):
        got = outcomes.get(cid)
        if got is None:
            mismatches.append(f"{cid}: not a criterion of {case.framework}")
        elif got != expected:
            mismatches.append(
                f"{cid}: the model finds {got}; {case.determination.body} found {expected}"
            )
    if case.expected_verdict and result.verdict.outcome != case.expected_verdict:
        mismatches.append(
            f"verdict: the model finds {result.verdict.outcome}; expected {case.expected_verdict}"
        )
    return CaseResult(case, result, mismatches)
