"""The assessment of one country through time.

Between two change points nothing the engine reads changes except recency, so the verdict is
computed at each change point: a dated agreement event, the first day an evidence item
counts (the later of the start of the period it describes and its source's date), and the
first and last days a criterion is in effect. Docs: docs/methodology.md, "Timeline".
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from stc.corpus import Corpus
from stc.models.common import OutputModel
from stc.notices import COMPARATOR_NOTICE

TIMELINE_FORMAT: Final = "stc.timeline.v1"


class _Frozen(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class Change(_Frozen):
    kind: Literal["agreement", "evidence", "criterion", "end"]
    text: str


class AgreementAt(_Frozen):
    id: str
    status: str


class Point(_Frozen):
    date: dt.date
    changes: list[Change]
    agreements: list[AgreementAt]
    verdict: str
    outcomes: dict[str, str]
    scores: dict[str, float | None]
    evidence_items: int


class Timeline(_Frozen):
    format: Literal["stc.timeline.v1"] = TIMELINE_FORMAT
    tool_version: str
    country: str
    country_name: str
    framework: str
    comparator: bool
    profile: str | None
    settings: dict[str, str]
    fingerprint: str
    criteria: list[str]
    titles: dict[str, str]
    points: list[Point]

    def turning_points(self) -> list[Point]:
        """Points where the verdict, an outcome or an agreement's status differs from the
        point before (and the first and last points)."""
        kept: list[Point] = []
        for n, point in enumerate(self.points):
            if n == 0 or n == len(self.points) - 1:
                kept.append(point)
                continue
            prev = self.points[n - 1]
            if (point.verdict, point.outcomes, point.agreements) != (
                prev.verdict,
                prev.outcomes,
                prev.agreements,
            ):
                kept.append(point)
        return kept


def change_points(
    corpus: Corpus, country: str, framework: str | None
) -> dict[dt.date, list[Change]]:
    bundle = corpus.country(country)
    points: dict[dt.date, list[Change]] = {}
    for agreement in bundle.country.model.agreements:
        for event in agreement.events:
            points.setdefault(event.date, []).append(
                Change(kind="agreement", text=f"{agreement.id}: {event.event}")
            )
    sources = {k: e.source for k, e in bundle.sources.items()}
    for item in bundle.evidence.model.items:
        counts_from = max(item.period.start, sources[item.source].date)
        points.setdefault(counts_from, []).append(Change(kind="evidence", text=item.id))
    for crit in corpus.framework(framework).model.criteria:
        if crit.effective.start:
            points.setdefault(crit.effective.start, []).append(
                Change(kind="criterion", text=f"{crit.id} takes effect")
            )
        if crit.effective.end:
            after = crit.effective.end + dt.timedelta(days=1)
            points.setdefault(after, []).append(
                Change(kind="criterion", text=f"{crit.id} ceases to have effect")
            )
    return points


def build_timeline(
    corpus: Corpus,
    country: str,
    framework: str | None,
    profile: str | None,
    end: dt.date,
    start: dt.date | None = None,
    settings: dict[str, str] | None = None,
) -> Timeline:
    from stc import __version__
    from stc.assessment import assess

    points = change_points(corpus, country, framework)
    dates = sorted(d for d in points if d <= end and (start is None or d >= start))
    if start is not None and (not dates or dates[0] != start):
        dates.insert(0, start)
    if not dates or dates[-1] != end:
        dates.append(end)
    out: list[Point] = []
    last = None
    for when in dates:
        a = assess(corpus, country, framework, profile, when, settings)
        changes = sorted(points.get(when, []), key=lambda c: (c.kind, c.text))
        if when == end and not changes:
            changes = [Change(kind="end", text="the as-of date")]
        out.append(
            Point(
                date=when,
                changes=changes,
                agreements=[AgreementAt(id=s.id, status=s.status) for s in a.agreements],
                verdict=a.verdict.outcome,
                outcomes={c.id: c.outcome for c in a.criteria},
                scores={c.id: c.score for c in a.criteria},
                evidence_items=len(
                    {i.id for c in a.criteria for ind in c.indicators for i in ind.items}
                ),
            )
        )
        last = a
    assert last is not None
    return Timeline(
        tool_version=__version__,
        country=last.country.id,
        country_name=last.country.title,
        framework=last.framework.id,
        comparator=last.framework.comparator,
        profile=profile,
        settings=dict(sorted((settings or {}).items())),
        fingerprint=last.fingerprint,
        criteria=[c.id for c in last.criteria],
        titles={c.id: c.title for c in last.criteria},
        points=out,
    )


def _summary(changes: list[Change]) -> str:
    agreements = [c.text for c in changes if c.kind in ("agreement", "criterion", "end")]
    items = [c.text for c in changes if c.kind == "evidence"]
    parts = list(agreements)
    if items:
        shown = ", ".join(items[:4]) + (f" and {len(items) - 4} more" if len(items) > 4 else "")
        parts.append(
            f"{len(items)} item{'s begin' if len(items) != 1 else ' begins'} to count ({shown})"
        )
    return "; ".join(parts)


def rows(t: Timeline, every: bool) -> list[tuple[Point, str]]:
    """Rows to show: every change point, or only the turning points with the changes since the
    previous row gathered into them."""
    if every:
        return [(p, _summary(p.changes)) for p in t.points]
    keep = {p.date for p in t.turning_points()}
    shown: list[tuple[Point, str]] = []
    pending: list[Change] = []
    for p in t.points:
        pending += p.changes
        if p.date in keep:
            shown.append((p, _summary(pending)))
            pending = []
    return shown


def to_markdown(t: Timeline, every: bool = False) -> str:
    from stc.render.markdown import esc

    lines = [f"# {esc(t.country_name)} through time under `{t.framework}`", ""]
    if t.comparator:
        lines += [f"> {COMPARATOR_NOTICE}", ""]
    if t.settings:
        lines += [
            "> **What-if settings:** " + ", ".join(f"`{k}={v}`" for k, v in t.settings.items()),
            "",
        ]
    decided = [c for c in t.criteria if any(p.outcomes[c] != "not-decidable" for p in t.points)]
    lines += [
        "Each row is a date where the verdict, a criterion's outcome or an agreement's status "
        "changed"
        + (
            " (every change point shown)."
            if every
            else "; the changes since the previous row are listed with it."
        ),
        "",
        "| Date | What changed | Agreements | Verdict | "
        + " | ".join(f"`{c}`" for c in decided)
        + " |",
        "|---|---|---|---|" + "---|" * len(decided),
    ]
    for p, text in rows(t, every):
        agreements = "; ".join(f"{a.id}: {a.status}" for a in p.agreements) or "none"
        lines.append(
            f"| {p.date.isoformat()} | {esc(text)} | {esc(agreements)} | **{p.verdict}** | "
            + " | ".join(p.outcomes[c] for c in decided)
            + " |"
        )
    lines += [
        "",
        "Criteria not decidable at every date are left out. Input fingerprint "
        f"`{t.fingerprint}`; stc {t.tool_version}.",
        "",
    ]
    return "\n".join(lines)
