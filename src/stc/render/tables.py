"""rich tables for compare and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from stc.analysis.compare import Comparison
from stc.loaded import CountryBundle
from stc.notices import comparator_notice
from stc.render.words import OUTCOME_STYLE, VERDICT_LABEL, VERDICT_STYLE, signed

if TYPE_CHECKING:
    from stc.models.listing import SourceRow

_SHORT = {"met": "met", "not-met": "NOT MET", "insufficient": "insuff.", "not-decidable": "n/d"}


def comparison_tables(cmp: Comparison) -> list[Table]:
    """One table per framework, criteria down the side, countries across: readable in a
    terminal for any number of criteria."""
    tables = []
    for fw in cmp.frameworks:
        rows = cmp.rows_for(fw.id)
        title = f"{fw.id}{comparator_notice(fw.comparator)} · as of {cmp.as_of.isoformat()}" + (
            f" · profile {cmp.profile}" if cmp.profile else ""
        )
        table = Table(title=title, show_lines=False)
        table.add_column("Criterion")
        for row in rows:
            table.add_column(row.name, overflow="fold")
        table.add_row(
            "VERDICT",
            *[Text(VERDICT_LABEL[r.verdict], style=VERDICT_STYLE[r.verdict]) for r in rows],
            end_section=True,
        )
        for cid in fw.criteria:
            cells: list[Any] = [cid]
            for row in rows:
                c = row.criteria[cid]
                extra = f" {signed(c.score)}" if c.score is not None else ""
                conf = f" ({c.confidence})" if c.confidence else ""
                cells.append(Text(_SHORT[c.outcome] + extra + conf, style=OUTCOME_STYLE[c.outcome]))
            table.add_row(*cells)
        caption = (
            "Scores are log10 likelihood ratios (weakest element): positive favours safety. "
            "n/d = not decidable (person-level without a profile, or discretion)."
        )
        if cmp.settings:
            caption += (
                " What-if settings: " + ", ".join(f"{k}={v}" for k, v in cmp.settings.items()) + "."
            )
        table.caption = caption
        tables.append(table)
    return tables


def source_rows(bundle: CountryBundle) -> list[SourceRow]:
    """The sources a country cites (its own, and shared ones it uses), each with its items."""
    from stc.models.listing import SourceRow

    uses: dict[str, list[str]] = {}
    for item in bundle.evidence.model.items:
        uses.setdefault(item.source, []).append(item.id)
    rows = []
    for sid in sorted(bundle.sources):
        s = bundle.sources[sid].source
        if sid not in uses and bundle.sources[sid].doc is not bundle.bibliography.doc:
            continue  # a shared source this country does not cite
        rows.append(
            SourceRow(
                id=s.id,
                title=s.title,
                publisher=s.publisher,
                date=s.date,
                kind=s.kind,
                reliability=s.reliability,
                reliability_reason=s.reliability_reason,
                family=s.family,
                interests=list(s.interests),
                url=s.url,
                read_at=s.read_at,
                items=sorted(uses.get(sid, [])),
            )
        )
    return rows


def sources_table(country: str, rows: list[SourceRow]) -> Table:
    table = Table(title=f"Sources cited for {country}")
    for name in ("Id", "Publisher", "Date", "Kind", "Grade", "Interests", "Items"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            r.id,
            r.publisher,
            r.date.isoformat(),
            r.kind,
            r.reliability,
            ", ".join(r.interests) or "—",
            str(len(r.items)),
        )
    return table
