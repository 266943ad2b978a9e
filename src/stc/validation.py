"""`stc validate`: check every file of a data folder, collecting all errors and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from stc.corpus import Corpus
from stc.errors import DataError, DataErrors, UsageError


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)


_FAILED = object()


def _attempt(report: Report, label: str, action) -> object:  # type: ignore[no-untyped-def]
    """Run one load; on bad input record the errors and return _FAILED."""
    try:
        result = action()
    except DataErrors as exc:
        report.errors.extend(exc.errors)
        return _FAILED
    except UsageError as exc:
        report.errors.append(DataError(label, 1, "", "", str(exc)))
        return _FAILED
    report.checked.append(label)
    return result


def validate_corpus(corpus: Corpus) -> Report:
    from stc.references import citation_errors, country_warnings, shared_source_warnings

    report = Report()
    if _attempt(report, "criteria/vocabulary.yaml", lambda: corpus.vocabulary) is _FAILED:
        return report  # nothing else can be checked without the vocabulary
    for fid in corpus.framework_ids():
        loaded = _attempt(report, f"criteria/{fid}.yaml", lambda fid=fid: corpus.framework(fid))
        if loaded is not _FAILED:
            report.errors.extend(citation_errors(loaded.model, loaded.doc))  # type: ignore[attr-defined]
    if _attempt(report, "countries/sources.yaml", lambda: corpus.shared_sources) is _FAILED:
        return report
    bundles = []
    for cid in corpus.country_ids():
        bundle = _attempt(report, f"countries/{cid}/", lambda cid=cid: corpus.country(cid))
        if bundle is not _FAILED:
            bundles.append(bundle)
            report.warnings.extend(country_warnings(bundle))  # type: ignore[arg-type]
            report.errors.extend(citation_errors(bundle.country.model, bundle.country.doc))  # type: ignore[attr-defined]
    report.warnings.extend(shared_source_warnings(bundles))  # type: ignore[arg-type]
    for pid in corpus.profile_ids():
        _attempt(report, f"profiles/{pid}.yaml", lambda pid=pid: corpus.profile(pid))
    report.errors = sorted(set(report.errors))
    report.warnings = sorted(set(report.warnings))
    return report
