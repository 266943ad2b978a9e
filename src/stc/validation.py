"""`stc validate`: check every file of a data folder, collecting all errors and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from stc.corpus import Corpus
from stc.errors import DataError, DataErrors, UsageError


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)


def _attempt(report: Report, label: str, action: Callable[[], object]) -> bool:
    """Run one load; on bad input record the errors and say so. The corpus keeps what it loaded,
    so a caller asks it again for the value."""
    try:
        action()
    except DataErrors as exc:
        report.errors.extend(exc.errors)
        return False
    except UsageError as exc:
        report.errors.append(DataError(label, 1, "", "", str(exc)))
        return False
    report.checked.append(label)
    return True


def validate_corpus(corpus: Corpus) -> Report:
    from stc.references import (
        citation_errors,
        country_warnings,
        shared_source_warnings,
        uncitable_sources,
    )

    report = Report()
    if not _attempt(report, "criteria/vocabulary.yaml", lambda: corpus.vocabulary):
        return report  # nothing else can be checked without the vocabulary
    for fid in corpus.framework_ids():
        if _attempt(report, f"criteria/{fid}.yaml", partial(corpus.framework, fid)):
            loaded = corpus.framework(fid)
            report.errors.extend(citation_errors(loaded.model, loaded.doc))
    if not _attempt(report, "countries/sources.yaml", lambda: corpus.shared_sources):
        return report
    bundles = []
    for cid in corpus.country_ids():
        if _attempt(report, f"countries/{cid}/", partial(corpus.country, cid)):
            bundle = corpus.country(cid)
            bundles.append(bundle)
            report.warnings.extend(country_warnings(bundle))
            report.errors.extend(citation_errors(bundle.country.model, bundle.country.doc))
    report.warnings.extend(shared_source_warnings(bundles))
    if corpus.shared_sources is not None:
        report.warnings.extend(uncitable_sources(corpus.shared_sources))
    for pid in corpus.profile_ids():
        _attempt(report, f"profiles/{pid}.yaml", partial(corpus.profile, pid))
    _validate_reference_cases(corpus.root, report)
    report.errors = sorted(set(report.errors))
    report.warnings = sorted(set(report.warnings))
    return report


def _validate_reference_cases(root: Path, report: Report) -> None:
    """Each reference case beside the data's criteria, as `stc reference` runs it: its files
    checked like a country's, errors and warnings naming the case's own files."""
    from stc.reference import case_corpus, case_ids, load_case
    from stc.references import country_warnings

    folder = root / "reference"
    if not folder.is_dir():
        return
    for cid in case_ids(folder):
        case = folder / cid
        label = f"reference/{cid}/"
        if not _attempt(report, f"{label}case.yaml", partial(load_case, case)):
            continue
        inner = Report()
        try:
            with case_corpus(case, root) as (corpus, country_id):
                if _attempt(inner, label, partial(corpus.country, country_id)):
                    inner.warnings.extend(country_warnings(corpus.country(country_id)))
                prefix = f"countries/{country_id}/"
        except DataErrors as exc:
            report.errors.extend(exc.errors)
            continue
        if not inner.errors:
            report.checked.append(label)
        report.errors.extend(_relabel(e, prefix, label) for e in inner.errors)
        report.warnings.extend(_relabel(w, prefix, label) for w in inner.warnings)


def _relabel(error: DataError, prefix: str, label: str) -> DataError:
    """An error found in the temporary copy, pointed back at the case's own file."""
    if error.file.startswith(prefix):
        return replace(error, file=label + error.file.removeprefix(prefix))
    return error
