"""rich tables for `stc sensitivity` and `stc timeline`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from stc.analysis.sensitivity import Sensitivity
from stc.analysis.timeline import Timeline
from stc.notices import comparator_notice
from stc.render.words import OUTCOME_STYLE, VERDICT_STYLE, percent


def sensitivity_tables(s: Sensitivity) -> list[Table]:
    head = (
        f"{s.country_name} · {s.framework}{comparator_notice(s.comparator)} · as of "
        f"{s.as_of.isoformat()} · {s.samples} samples, seed {s.seed}"
    )
    stab = Table(title=f"Stability of each outcome — {head}")
    for col in ("Criterion", "Baseline", "Kept", "Across samples"):
        stab.add_column(col, overflow="fold")
    stab.add_row(
        "VERDICT",
        Text(s.verdict, style=VERDICT_STYLE[s.verdict]),
        percent(s.verdict_kept),
        ", ".join(f"{o.outcome} {percent(o.share)}" for o in s.verdict_outcomes),
        end_section=True,
    )
    for c in s.criteria:
        stab.add_row(
            c.id,
            Text(c.baseline, style=OUTCOME_STYLE[c.baseline]),
            percent(c.kept),
            ", ".join(f"{o.outcome} {percent(o.share)}" for o in c.outcomes),
        )
    if s.settings:
        stab.caption = "What-if settings: " + ", ".join(f"{k}={v}" for k, v in s.settings.items())
    dec = Table(title="Decisive evidence: removing the item alone changes an outcome")
    for col in ("Item", "Source", "Band", "Value", "Without it"):
        dec.add_column(col, overflow="fold")
    for d in s.decisive:
        change = "; ".join(f"{f.criterion}: {f.baseline} → {f.without}" for f in d.flips)
        if d.verdict_without:
            change += f"; verdict → {d.verdict_without}"
        dec.add_row(d.id, d.source, d.band, f"{d.value:+.4f}", change)
    if not s.decisive:
        dec.caption = "No single item changes any outcome when removed."
    fam = Table(title="Each family of sources alone")
    for col in ("Family", "Items", "Verdict", "Not met / insufficient"):
        fam.add_column(col, overflow="fold")
    for f in s.by_family:
        notable = (
            ", ".join(
                f"{k}: {v}" for k, v in f.criteria.items() if v in ("not-met", "insufficient")
            )
            or "none"
        )
        fam.add_row(
            f.family, str(f.items), Text(f.verdict, style=VERDICT_STYLE[f.verdict]), notable
        )
    return [stab, dec, fam]


def timeline_table(t: Timeline, every: bool) -> Table:
    from stc.analysis.timeline import rows

    decided = [c for c in t.criteria if any(p.outcomes[c] != "not-decidable" for p in t.points)]
    title = f"{t.country_name} through time · {t.framework}{comparator_notice(t.comparator)}"
    table = Table(title=title, show_lines=True)
    for col in ("Date", "What changed", "Agreements", "Verdict", *decided):
        table.add_column(col, overflow="fold")
    for p, text in rows(t, every):
        agreements = "; ".join(f"{a.id}: {a.status}" for a in p.agreements) or "none"
        table.add_row(
            p.date.isoformat(),
            text,
            agreements,
            Text(p.verdict, style=VERDICT_STYLE[p.verdict]),
            *[Text(p.outcomes[c], style=OUTCOME_STYLE[p.outcomes[c]]) for c in decided],
        )
    if t.settings:
        table.caption = "What-if settings: " + ", ".join(f"{k}={v}" for k, v in t.settings.items())
    return table
