"""Countries side by side under one or more frameworks.

The comparison keeps, for each country under each framework, the verdict, every criterion's
outcome, score and confidence, and every indicator's; the full assessments are dropped once
their rows are made, so memory does not grow with the evidence. Columns are defined in
docs/codebook.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Final, Literal

from stc.assessment import assess
from stc.corpus import Corpus
from stc.models.common import OutputModel
from stc.models.result import Assessment
from stc.notices import COMPARATOR_NOTICE

COMPARISON_FORMAT: Final = "stc.comparison.v1"


class _Frozen(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class IndicatorCell(_Frozen):
    outcome: str
    score: float
    confidence: str
    support_weight: float
    undermine_weight: float
    items: int


class Cell(_Frozen):
    outcome: str
    decided_by_burden: bool
    score: float | None
    confidence: str | None
    indicators: dict[str, IndicatorCell]


class Row(_Frozen):
    country: str
    name: str
    framework: str
    verdict: str
    fingerprint: str
    criteria: dict[str, Cell]


class FrameworkColumns(_Frozen):
    id: str
    title: str
    comparator: bool
    criteria: list[str]
    titles: dict[str, str]


class Comparison(_Frozen):
    format: Literal["stc.comparison.v1"] = COMPARISON_FORMAT
    tool_version: str
    as_of: dt.date
    known_by: dt.date
    profile: str | None
    settings: dict[str, str]
    frameworks: list[FrameworkColumns]
    rows: list[Row]

    def rows_for(self, framework_id: str) -> list[Row]:
        return [r for r in self.rows if r.framework == framework_id]


def _row(a: Assessment) -> Row:
    return Row(
        country=a.country.id,
        name=a.country.title,
        framework=a.framework.id,
        verdict=a.verdict.outcome,
        fingerprint=a.fingerprint,
        criteria={
            c.id: Cell(
                outcome=c.outcome,
                decided_by_burden=c.decided_by_burden,
                score=c.score,
                confidence=c.confidence,
                indicators={
                    i.id: IndicatorCell(
                        outcome=i.outcome,
                        score=i.score,
                        confidence=i.confidence,
                        support_weight=i.support_weight,
                        undermine_weight=i.undermine_weight,
                        items=len(i.items),
                    )
                    for i in c.indicators
                },
            )
            for c in a.criteria
        },
    )


def resolve_frameworks(corpus: Corpus, framework_ids: list[str] | None) -> list[str]:
    """`None` means the default framework; `["all"]` means the default, then every comparator."""
    if not framework_ids:
        return [corpus.default_framework_id()]
    if framework_ids == ["all"]:
        default = corpus.default_framework_id()
        return [default] + [f for f in corpus.framework_ids() if f != default]
    return list(dict.fromkeys(framework_ids))


def compare(
    corpus: Corpus,
    country_ids: list[str],
    framework_ids: list[str] | str | None,
    as_of: dt.date,
    profile: str | None,
    settings: dict[str, str] | None = None,
    known_by: dt.date | None = None,
) -> Comparison:
    """One row per country and framework; evidence published up to `known_by` (default `as_of`)."""
    from stc import __version__

    wanted = [framework_ids] if isinstance(framework_ids, str) else framework_ids
    fids = resolve_frameworks(corpus, wanted)
    rows = [
        _row(assess(corpus, cid, fid, profile, as_of, settings, known_by))
        for fid in fids
        for cid in country_ids
    ]
    columns = []
    for fid in fids:
        fw = corpus.framework(fid).model
        columns.append(
            FrameworkColumns(
                id=fw.id,
                title=fw.title,
                comparator=fw.comparator,
                criteria=[c.id for c in fw.criteria],
                titles={c.id: c.title for c in fw.criteria},
            )
        )
    return Comparison(
        tool_version=__version__,
        as_of=as_of,
        known_by=known_by or as_of,
        profile=profile,
        settings=dict(sorted((settings or {}).items())),
        frameworks=columns,
        rows=rows,
    )


def comparison_heatmap(
    corpus: Corpus,
    country_ids: list[str],
    framework_ids: list[str] | None,
    as_of: dt.date,
    profile: str | None,
    settings: dict[str, str] | None = None,
    known_by: dt.date | None = None,
) -> str:
    """The comparison as one self-contained HTML page: a heat map for each framework."""
    from stc.render.heatmap import render_heatmaps

    by_framework = [
        (
            [assess(corpus, cid, fid, profile, as_of, settings, known_by) for cid in country_ids],
            corpus.framework(fid).model,
        )
        for fid in resolve_frameworks(corpus, framework_ids)
    ]
    return render_heatmaps(by_framework, title=f"Comparison as of {as_of.isoformat()}", as_of=as_of)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula (or a DDE call) gets a leading apostrophe;
    numbers stay numbers. Control characters that some spreadsheets treat as a formula start are
    covered too."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = [
    "country",
    "country_name",
    "framework",
    "comparator",
    "as_of",
    "profile",
    "settings",
    "level",
    "criterion",
    "indicator",
    "outcome",
    "decided_by_burden",
    "score",
    "confidence",
    "support_weight",
    "undermine_weight",
    "items",
    "fingerprint",
]


def _num(value: float | None) -> object:
    return "" if value is None else round(value, 4)


def to_csv(cmp: Comparison) -> str:
    """Long ("tidy") form: one line per country × framework × node (verdict, criterion or
    indicator), so a spreadsheet pivot or a data-frame filter needs no reshaping."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    comparator = {f.id: f.comparator for f in cmp.frameworks}
    settings = "; ".join(f"{k}={v}" for k, v in cmp.settings.items())
    for row in cmp.rows:
        common = [
            row.country,
            row.name,
            row.framework,
            str(comparator[row.framework]).lower(),
            cmp.as_of.isoformat(),
            cmp.profile or "",
            settings,
        ]
        writer.writerow(
            [
                safe_cell(v)
                for v in [
                    *common,
                    "verdict",
                    "",
                    "",
                    row.verdict,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    row.fingerprint,
                ]
            ]
        )
        for cid, cell in row.criteria.items():
            n_items = sum(i.items for i in cell.indicators.values())
            writer.writerow(
                [
                    safe_cell(v)
                    for v in [
                        *common,
                        "criterion",
                        cid,
                        "",
                        cell.outcome,
                        str(cell.decided_by_burden).lower(),
                        _num(cell.score),
                        cell.confidence or "",
                        "",
                        "",
                        n_items if cell.indicators else "",
                        row.fingerprint,
                    ]
                ]
            )
            for iid, ind in cell.indicators.items():
                writer.writerow(
                    [
                        safe_cell(v)
                        for v in [
                            *common,
                            "indicator",
                            cid,
                            iid,
                            ind.outcome,
                            "",
                            _num(ind.score),
                            ind.confidence,
                            _num(ind.support_weight),
                            _num(ind.undermine_weight),
                            ind.items,
                            row.fingerprint,
                        ]
                    ]
                )
    return buffer.getvalue()


_SHORT = {
    "met": "met",
    "not-met": "not met",
    "insufficient": "insufficient",
    "not-decidable": "not decidable",
}


def to_markdown(cmp: Comparison) -> str:
    """A publishable table per framework.

    Criteria down the side, countries across, with a legend.
    """
    from stc.render.markdown import esc
    from stc.render.words import VERDICT_LABEL, by_burden

    title = "Comparison" if len(cmp.frameworks) == 1 else "Comparison under several frameworks"
    no_profile = (
        "none (country-level criteria decide the verdict; person-level criteria are not decidable)"
    )
    lines = [
        f"# {title}, as of {cmp.as_of.isoformat()}",
        "",
        f"Profile: {esc(cmp.profile) if cmp.profile else no_profile}.",
        "",
    ]
    if cmp.settings:
        lines += [
            "**What-if settings (not the model's defaults):** "
            + ", ".join(f"`{k}={v}`" for k, v in cmp.settings.items())
            + ".",
            "",
        ]
    for fw in cmp.frameworks:
        rows = cmp.rows_for(fw.id)
        lines += [f"## {esc(fw.title)} (`{fw.id}`)", ""]
        if fw.comparator:
            lines += [f"*{COMPARATOR_NOTICE}*", ""]
        lines += [
            "| Criterion | " + " | ".join(esc(r.name) for r in rows) + " |",
            "|---|" + "---|" * len(rows),
            "| **Verdict** | " + " | ".join(f"**{VERDICT_LABEL[r.verdict]}**" for r in rows) + " |",
        ]
        for cid in fw.criteria:
            cells = []
            for r in rows:
                c = r.criteria[cid]
                score = f" ({c.score:+.2f}, {c.confidence})" if c.score is not None else ""
                cells.append(_SHORT[c.outcome] + by_burden(c.decided_by_burden) + score)
            lines.append(f"| {esc(fw.titles.get(cid, cid))} | " + " | ".join(cells) + " |")
        lines += [
            "",
            "Input fingerprints: "
            + "; ".join(f"{esc(r.name)} `{r.fingerprint}`" for r in rows)
            + ".",
            "",
        ]
    lines += [
        "Scores are log10 likelihood ratios of each criterion's weakest element: a positive "
        "score favours safety, and 1 means the evidence is ten times as probable if the country "
        "is safe as if not. Confidence follows GRADE-like rules (see the methodology). Outcomes "
        "are assessments of the recorded evidence, not the determination the statute reserves "
        "to the Attorney General. The columns are defined in the codebook chapter of the "
        "project's documentation.",
        "",
        f"Made by stc {cmp.tool_version}.",
        "",
    ]
    return "\n".join(lines)
