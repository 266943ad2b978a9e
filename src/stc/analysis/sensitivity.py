"""Robustness of one assessment: does the outcome survive reasonable changes to the band
choices and the model's parameters, which single items decide it, and what does each family of
sources say alone?

Three analyses (docs/methodology.md, "Robustness"):

1. Monte Carlo (stc.analysis.sampling): each counted item's log10 likelihood ratio drawn
   within its band, the shrinking tables and the half-life perturbed within
   `SensitivityRanges`, optionally each proof standard moved one level; the full engine is run
   on every sample; per criterion, the share of samples that keep the baseline outcome.
2. Decisive evidence: every counted item is removed in turn and the full engine is run again;
   an item is decisive when its removal alone changes a criterion's outcome.
3. Source families apart, as the Political Terror Scale codes its sources apart: the full
   engine is run on the items of one family of source kinds at a time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from stc.analysis.sampling import SensitivityRanges
from stc.corpus import Corpus
from stc.models.common import OutputModel
from stc.notices import COMPARATOR_NOTICE
from stc.render.words import percent

if TYPE_CHECKING:
    pass

SENSITIVITY_FORMAT: Final = "stc.sensitivity.v2"
DEFAULT_SAMPLES: Final = 200

SOURCE_FAMILIES: dict[str, tuple[str, ...]] = {
    "us-government": ("us-government",),
    "un-and-intergovernmental": ("un", "intergovernmental"),
    "ngo-and-academic": ("ngo", "academic"),
    "press": ("press",),
    "receiving-and-other-governments": ("receiving-government", "other-government"),
    "courts": ("court",),
    "other": ("other",),
}

__all__ = [
    "SENSITIVITY_FORMAT",
    "SOURCE_FAMILIES",
    "Sensitivity",
    "SensitivityRanges",
    "analyse",
    "to_markdown",
]


class _Frozen(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class Share(_Frozen):
    outcome: str
    share: float


class CriterionStability(_Frozen):
    id: str
    title: str
    baseline: str
    kept: float = Field(description="Share of samples with the baseline outcome.")
    outcomes: list[Share]


class Flip(_Frozen):
    criterion: str
    baseline: str
    without: str


class DecisiveItem(_Frozen):
    id: str
    source: str
    band: str
    value: float = Field(
        description="Signed log10 likelihood ratio after shrinking (positive favours safety)."
    )
    flips: list[Flip]
    verdict_without: str | None = Field(
        description="The verdict without this item, when it differs from the baseline verdict."
    )


class FamilyView(_Frozen):
    family: str
    kinds: list[str]
    items: int
    verdict: str
    criteria: dict[str, str]


class Sensitivity(_Frozen):
    format: Literal["stc.sensitivity.v2"] = SENSITIVITY_FORMAT
    tool_version: str
    country: str
    country_name: str
    framework: str
    comparator: bool
    as_of: dt.date
    profile: str | None
    settings: dict[str, str]
    fingerprint: str
    samples: int
    seed: int
    ranges: SensitivityRanges
    verdict: str
    verdict_kept: float
    verdict_outcomes: list[Share]
    criteria: list[CriterionStability]
    decisive: list[DecisiveItem]
    by_family: list[FamilyView]


def _shares(values: Sequence[str], labels: Sequence[str]) -> list[Share]:
    counts = Counter(values)
    total = max(1, len(values))
    return [
        Share(outcome=label, share=round(counts[label] / total, 4))
        for label in labels
        if counts[label]
    ]


def _kept(values: Sequence[str], baseline: str) -> float:
    return round(sum(1 for v in values if v == baseline) / max(1, len(values)), 4)


def analyse(
    corpus: Corpus,
    country: str,
    framework: str | None,
    profile: str | None,
    as_of: dt.date,
    settings: dict[str, str] | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    ranges: SensitivityRanges | None = None,
) -> Sensitivity:
    from stc import __version__
    from stc.analysis.sampling import OUTCOMES, VERDICTS, draw, sampled_outcomes
    from stc.assessment import assess, build_case
    from stc.reasoning import evaluate

    settings = settings or {}
    ranges = ranges or SensitivityRanges()
    baseline = assess(corpus, country, framework, profile, as_of, settings)
    case = build_case(corpus, country, framework, profile, as_of, settings)
    results, verdict = evaluate(case)
    outcomes, verdicts = sampled_outcomes(case, draw(case, ranges, samples, seed))

    stability = []
    for n, r in enumerate(results):
        column = [row[n] for row in outcomes]
        stability.append(
            CriterionStability(
                id=r.id,
                title=r.title,
                baseline=r.outcome,
                kept=_kept(column, r.outcome),
                outcomes=_shares(column, OUTCOMES),
            )
        )

    base_out = {r.id: r.outcome for r in results}
    decisive = []
    counted = {w.item.id: w for w in case.weighed.values() if not w.excluded}
    for item_id in sorted(counted):
        res, ver = evaluate(case.without(item_id))
        flips = [
            Flip(criterion=r.id, baseline=base_out[r.id], without=r.outcome)
            for r in res
            if r.outcome != base_out[r.id]
        ]
        if flips or ver.outcome != verdict.outcome:
            w = counted[item_id]
            decisive.append(
                DecisiveItem(
                    id=item_id,
                    source=w.item.source,
                    band=w.band,
                    value=round(w.value, 4),
                    flips=flips,
                    verdict_without=ver.outcome if ver.outcome != verdict.outcome else None,
                )
            )

    families = []
    present = {w.source.kind for w in counted.values()}
    all_kinds = sorted({k for ks in SOURCE_FAMILIES.values() for k in ks})
    for name, kinds in SOURCE_FAMILIES.items():
        if not present & set(kinds):
            continue
        others = [k for k in all_kinds if k not in kinds]
        excluded = sorted(set(others) | set(case.framework.parameters.excluded_source_kinds))
        alone = build_case(
            corpus,
            country,
            framework,
            profile,
            as_of,
            {**settings, "exclude_kinds": ",".join(excluded)},
        )
        res, ver = evaluate(alone)
        families.append(
            FamilyView(
                family=name,
                kinds=list(kinds),
                items=sum(1 for w in counted.values() if w.source.kind in kinds),
                verdict=ver.outcome,
                criteria={r.id: r.outcome for r in res},
            )
        )

    return Sensitivity(
        tool_version=__version__,
        country=baseline.country.id,
        country_name=baseline.country.title,
        framework=baseline.framework.id,
        comparator=baseline.framework.comparator,
        as_of=as_of,
        profile=profile,
        settings=dict(sorted(settings.items())),
        fingerprint=baseline.fingerprint,
        samples=samples,
        seed=seed,
        ranges=ranges,
        verdict=verdict.outcome,
        verdict_kept=_kept(verdicts, verdict.outcome),
        verdict_outcomes=_shares(verdicts, VERDICTS),
        criteria=stability,
        decisive=decisive,
        by_family=families,
    )


def to_markdown(s: Sensitivity) -> str:
    from stc.render.markdown import esc

    lines = [f"# Robustness of the assessment of {esc(s.country_name)}", ""]
    if s.comparator:
        lines += [f"> {COMPARATOR_NOTICE}", ""]
    lines += [
        f"- **Framework:** `{s.framework}`; **as of** {s.as_of.isoformat()}; **profile:** "
        f"{esc(s.profile) if s.profile else 'none'}",
        f"- **Samples:** {s.samples} (seed {s.seed}); input fingerprint `{s.fingerprint}`",
    ]
    if s.settings:
        lines.append(
            "- **What-if settings:** " + ", ".join(f"`{k}={v}`" for k, v in s.settings.items())
        )
    r = s.ranges
    lines += [
        "",
        "Varied in each sample: every counted item's log10 likelihood ratio drawn uniformly "
        f"within {r.band_spread:.0%} of its band's range; "
        f"source-kind factors × U({r.source_kind_factor[0]:g}, {r.source_kind_factor[1]:g}); "
        "reliability table raised to a power in "
        f"[{r.reliability_exponent[0]:g}, {r.reliability_exponent[1]:g}] and credibility table "
        f"to a power in [{r.credibility_exponent[0]:g}, {r.credibility_exponent[1]:g}] "
        "(log-uniform); "
        f"half-life × [{r.half_life_factor[0]:g}, {r.half_life_factor[1]:g}] (log-uniform)"
        + (
            "; each proof standard's required support moved at most one level."
            if r.vary_standards
            else "; proof standards as set."
        ),
        "",
        "## Stability of each outcome",
        "",
        "| Criterion | Baseline | Kept in | Outcomes across samples |",
        "|---|---|---|---|",
        f"| **Verdict** | **{s.verdict}** | {percent(s.verdict_kept)} | "
        + ", ".join(f"{o.outcome} {percent(o.share)}" for o in s.verdict_outcomes)
        + " |",
    ]
    for c in s.criteria:
        lines.append(
            f"| {esc(c.title)} (`{c.id}`) | {c.baseline} | {percent(c.kept)} | "
            + ", ".join(f"{o.outcome} {percent(o.share)}" for o in c.outcomes)
            + " |"
        )
    lines += ["", "## Decisive evidence", ""]
    if not s.decisive:
        lines += ["No single item changes any outcome when removed.", ""]
    else:
        lines += [
            "Items whose removal alone changes an outcome (the full engine re-run without the "
            "item):",
            "",
            "| Item | Source | Band | Value | Without it |",
            "|---|---|---|---|---|",
        ]
        for d in s.decisive:
            change = "; ".join(f"{f.criterion}: {f.baseline} → {f.without}" for f in d.flips)
            if d.verdict_without:
                change += f"; verdict: {s.verdict} → {d.verdict_without}"
            lines.append(f"| `{d.id}` | `{d.source}` | {d.band} | {d.value:+.4f} | {esc(change)} |")
        lines.append("")
    lines += [
        "## Each family of sources alone",
        "",
        "| Family | Source kinds | Items | Verdict | Criteria not met / insufficient |",
        "|---|---|---|---|---|",
    ]
    for f in s.by_family:
        notable = (
            ", ".join(
                f"{k}: {v}" for k, v in f.criteria.items() if v in ("not-met", "insufficient")
            )
            or "none"
        )
        lines.append(
            f"| {f.family} | {', '.join(f.kinds)} | {f.items} | {f.verdict} | {esc(notable)} |"
        )
    lines += [
        "",
        "A family's verdict uses only its own items; a family with few items is mostly "
        "`insufficient`, which says the family is thin, not that the country is safe or unsafe.",
        "",
    ]
    return "\n".join(lines)
