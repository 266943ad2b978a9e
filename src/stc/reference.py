"""The reference set: real determinations, recorded as the facts the deciding body had, run
through the model and compared with what the body found (reference/<case>/)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stc.errors import UsageError
from stc.models.reference import ReferenceCase
from stc.models.result import Assessment


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


def run_case(folder: Path, criteria_root: Path) -> CaseResult:
    """Assess the case's country folder under its framework, at its dates, beside the shipped
    criteria; compare with the body's findings."""
    from stc.assessment import assess
    from stc.corpus import Corpus
    from stc.load_cache import load_validated
    from stc.models.country import Country

    case = load_case(folder)
    country = load_validated(
        folder / "country.yaml", f"reference/{folder.name}/country.yaml", Country
    )[0]
    with tempfile.TemporaryDirectory(prefix="stc-reference-") as tmp:
        root = Path(tmp)
        shutil.copytree(criteria_root / "criteria", root / "criteria")
        target = root / "countries" / country.id
        target.mkdir(parents=True)
        for name in ("country.yaml", "sources.yaml", "evidence.yaml"):
            shutil.copyfile(folder / name, target / name)
        result = assess(
            Corpus(root), country.id, case.framework, None, case.as_of, None, case.known_by
        )
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
