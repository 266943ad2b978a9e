"""The timeline as one self-contained HTML page: an SVG chart (one lane for the verdict, one per
agreement, one per criterion) and the table of turning points. No scripts, no network."""

from __future__ import annotations

import datetime as dt
from html import escape

from stc.analysis.timeline import Timeline, rows
from stc.notices import COMPARATOR_NOTICE

COLOURS = {
    "met": "#1a7f37",
    "qualifies": "#1a7f37",
    "not-met": "#c62828",
    "does-not-qualify": "#c62828",
    "insufficient": "#d49a00",
    "undetermined": "#d49a00",
    "not-decidable": "#9e9e9e",
    "in force": "#1565c0",
    "concluded, not in force": "#90caf9",
    "suspended": "#ef6c00",
    "terminated": "#424242",
    "disputed": "#7b1fa2",
    "not yet concluded": "#eeeeee",
}
WIDTH, LABEL, LANE, GAP, TAIL_DAYS = 960, 230, 22, 6, 30


def _x(day: dt.date, first: dt.date, span: int) -> float:
    return LABEL + (WIDTH - LABEL - 10) * (day - first).days / span


def _lanes(t: Timeline) -> list[tuple[str, list[str]]]:
    decided = [c for c in t.criteria if any(p.outcomes[c] != "not-decidable" for p in t.points)]
    lanes = [("Verdict", [p.verdict for p in t.points])]
    for n, a in enumerate(t.points[0].agreements):
        lanes.append((f"Agreement {a.id}", [p.agreements[n].status for p in t.points]))
    lanes += [(c, [p.outcomes[c] for p in t.points]) for c in decided]
    return lanes


def chart_svg(t: Timeline) -> str:
    first = t.points[0].date
    last = t.points[-1].date + dt.timedelta(days=TAIL_DAYS)
    span = max(1, (last - first).days)
    lanes = _lanes(t)
    height = len(lanes) * (LANE + GAP) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        'width="100%" role="img" aria-labelledby="chart-title">'
    ]
    out.append(
        f'<title id="chart-title">{escape(t.country_name)}: verdict, agreements and '
        "criteria over time</title>"
    )
    for n, (label, values) in enumerate(lanes):
        y = n * (LANE + GAP) + 10
        out.append(f'<text x="0" y="{y + LANE - 6}" font-size="12">{escape(label)}</text>')
        for i, value in enumerate(values):
            start = t.points[i].date
            stop = t.points[i + 1].date if i + 1 < len(t.points) else last
            x0, x1 = _x(start, first, span), _x(stop, first, span)
            colour = COLOURS.get(value, "#bdbdbd")
            tip = f"{label}: {value} from {start.isoformat()}" + (
                f" to {stop.isoformat()}" if i + 1 < len(t.points) else ""
            )
            out.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{max(1.0, x1 - x0):.1f}" '
                f'height="{LANE}" fill="{colour}" stroke="#fff" '
                f'stroke-width="0.5"><title>{escape(tip)}</title></rect>'
            )
    axis_y = len(lanes) * (LANE + GAP) + 22
    for year in range(first.year, last.year + 1):
        tick = dt.date(year, 1, 1)
        if first <= tick <= last:
            x = _x(tick, first, span)
            out.append(
                f'<line x1="{x:.1f}" y1="6" x2="{x:.1f}" y2="{axis_y - 12}" stroke="#999" '
                'stroke-dasharray="2,3"/>'
            )
            out.append(
                f'<text x="{x:.1f}" y="{axis_y}" font-size="11" text-anchor="middle">{year}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def render_timeline_html(t: Timeline, every: bool = False) -> str:
    legend = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{escape(name)}</li>'
        for name, colour in COLOURS.items()
    )
    decided = [c for c in t.criteria if any(p.outcomes[c] != "not-decidable" for p in t.points)]
    head_cells = "".join(f'<th scope="col"><code>{escape(c)}</code></th>' for c in decided)
    body = []
    for p, text in rows(t, every):
        agreements = "; ".join(f"{a.id}: {a.status}" for a in p.agreements) or "none"
        cells = "".join(
            '<td class="o" style="border-left:6px solid '
            f'{COLOURS[p.outcomes[c]]}">{escape(p.outcomes[c])}</td>'
            for c in decided
        )
        body.append(
            "<tr><th "
            f'scope="row">{p.date.isoformat()}</th><td>{escape(text)}</td><td>{escape(agreements)}</td>'
            '<td class="o" style="border-left:6px solid '
            f'{COLOURS[p.verdict]}"><strong>{escape(p.verdict)}</strong></td>{cells}</tr>'
        )
    notices = []
    if t.comparator:
        notices.append(f'<p class="notice">{COMPARATOR_NOTICE}</p>')
    if t.settings:
        notices.append(
            '<p class="notice">What-if settings: '
            + escape(", ".join(f"{k}={v}" for k, v in t.settings.items()))
            + "</p>"
        )
    title = f"{t.country_name} through time under {t.framework}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }}
ul.legend {{ list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.8rem; \
font-size: 0.8rem; }}
.swatch {{ display: inline-block; width: 0.9rem; height: 0.9rem; margin-right: 0.3rem; \
vertical-align: middle; border: 1px solid #888; }}
.notice {{ border: 2px solid #7b1fa2; padding: 0.4rem; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
{"".join(notices)}
<p>The verdict, each agreement's status and each criterion's outcome, computed at every date \
where the agreement's status or the evidence changed. Hover over a bar for its dates.</p>
<figure>
{chart_svg(t)}
<figcaption><ul class="legend">{legend}</ul></figcaption>
</figure>
<h2>Turning points</h2>
<table>
<thead><tr><th scope="col">Date</th><th scope="col">What changed</th>\
<th scope="col">Agreements</th><th scope="col">Verdict</th>{head_cells}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<p><small>Input fingerprint {escape(t.fingerprint)}; stc {escape(t.tool_version)}.</small></p>
</body>
</html>
"""
