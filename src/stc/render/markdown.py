"""Markdown report: the verdict tree with reasons, evidence on both sides, citations."""

from __future__ import annotations

import re

from stc.citations import copy_read, date_words
from stc.models.result import Assessment, CriterionResult, IndicatorResult, ItemResult
from stc.notices import COMPARATOR_NOTICE
from stc.render.heatmap import band_words
from stc.render.words import (
    GRADE_LEGEND,
    OUTCOME_LABEL,
    PERSONS_OWN,
    VERDICT_LABEL,
    VERIFICATION_LEGEND,
    criterion_label,
    mid_sentence,
    signed,
    source_labels,
    verification,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$@&!])")


_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def esc(text: str) -> str:
    """Escape text from data files so Markdown (CommonMark) shows it literally, wherever it
    stands: inline markup characters everywhere, block markers (list, heading) at the start.
    Line breaks and surrounding white space are folded, as Markdown would fold them."""
    flat = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group(1)
        escaped = (
            "\\" + escaped if not marker[0].isdigit() else marker + "\\" + escaped[len(marker) :]
        )
    return escaped


def _url(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def _item_line(item: ItemResult, labels: dict[str, str]) -> str:
    shown = f"{band_words(item.band)}; log10 LR {item.value:+.2f} after reliability and age"
    if item.measure is not None:
        shown = f"measured {item.measure.value:g} ({esc(item.measure.quantity)}); " + shown
    source = labels.get(item.source, "")
    own = f"{PERSONS_OWN}; " if item.personal else ""
    head = f"**{esc(item.id)}** ({own}{shown}; source {source}, {esc(item.locator)})"
    reason = f" *Why:* {esc(item.lr_reason)}" if item.lr_reason else ""
    translated = (
        f" [Translation by the project: “{esc(item.excerpt_translation)}”]"
        if item.excerpt_translation
        else ""
    )
    return f"  - {head}: {esc(item.finding)} — “{esc(item.excerpt)}”{translated}{reason}"


def _indicator(ind: IndicatorResult, labels: dict[str, str]) -> list[str]:
    low, high = ind.score_range
    lines = [
        f"- **{esc(ind.title)}**: {OUTCOME_LABEL[ind.outcome]}"
        + (f" ({ind.undecided.replace('-', ' ')})" if ind.undecided else "")
        + f"; {ind.strength}, log10 LR {signed(ind.score)} (range {signed(low)} to "
        f"{signed(high)}), confidence {ind.confidence}.",
        f"  - {esc(ind.conclusion)}",
    ]
    for reason in ind.reasons:
        lines.append(f"  - {esc(reason)}")
    for down in ind.downgrades:
        lines.append(f"  - Confidence lowered: {esc(down)}")
    if ind.would_change:
        lines.append(f"  - What would change it: {esc(ind.would_change)}")
    for m in ind.measurements:
        lines.append(
            f"  - Measured: {esc(m.title)}, pooled {m.pooled:g} {esc(m.unit)} "
            f"({band_words(m.band)}) from {', '.join(esc(i) for i in m.items)}."
        )
    supports = [i for i in ind.items if i.direction == "supports"]
    against = [i for i in ind.items if i.direction == "undermines"]
    if supports:
        lines.append("  - Evidence for safety:")
        lines += ["  " + _item_line(i, labels) for i in supports]
    if against:
        lines.append("  - Evidence against safety:")
        lines += ["  " + _item_line(i, labels) for i in against]
    if ind.excluded:
        lines.append(
            "  - Not weighed: "
            + "; ".join(f"{esc(i.id)} ({esc(i.excluded or '')})" for i in ind.excluded)
        )
    return lines


def _criterion(c: CriterionResult, labels: dict[str, str]) -> list[str]:
    lines = [f"### {esc(c.title)} — {criterion_label(c.outcome, c.decided_by_burden)}", ""]
    meta = [
        f"{c.level}-level",
        c.kind,
        "mandatory" if c.mandatory else "reported beside the verdict",
    ]
    lines.append("*" + " · ".join(meta) + "*")
    lines.append("")
    if c.statutory_wording:
        lines += [f"> {esc(c.statutory_wording)}", ""]
    lines.append(f"**Rule.** {esc(c.rule)}")
    lines.append("")
    lines.append(
        "**Authority.** "
        + "; ".join(esc(x) for x in c.citations)
        + f" ({verification(c.verification)})."
    )
    if c.unverified:
        lines.append(f" **Not verified:** {esc(c.unverified)}")
    lines.append("")
    if c.standard_title and c.burden:
        lines.append(
            f"**Standard.** {esc(c.standard_title)}; burden on {esc(mid_sentence(c.burden.party))} "
            f"({c.burden.borne_by})."
        )
        lines.append("")
    if c.conclusion:
        lines.append(f"**Conclusion.** {esc(c.conclusion)}")
        lines.append("")
    established = [d for d in c.defeaters if d.established]
    for d in established:
        lines.append(
            f"**Defeater established: {esc(d.title)}** (from "
            f"{', '.join(esc(i) for i in d.items)}; authority: "
            f"{'; '.join(esc(x) for x in d.citations)})."
        )
        lines.append("")
    if c.score is not None:
        lines.append(
            f"**Weakest element** log10 LR {signed(c.score)} · **confidence** {c.confidence or '—'}"
        )
        lines.append("")
    lines.append("**Reasons.**")
    lines += [f"- {esc(r)}" for r in c.reasons]
    lines += [f"- Confidence: {esc(d)}" for d in c.downgrades]
    lines.append("")
    if c.indicators:
        lines.append("**Elements** (the reasons above say how they combine).")
        lines.append("")
        for ind in c.indicators:
            lines += _indicator(ind, labels)
        lines.append("")
    return lines


def render_markdown(a: Assessment) -> str:
    title = f"# {esc(a.country.title)} under {esc(a.framework.title)}"
    lines = [title, ""]
    if a.framework.comparator:
        lines += [f"> {COMPARATOR_NOTICE}", ""]
    if a.settings:
        shown = ", ".join(f"`{k}={esc(v)}`" for k, v in a.settings.items())
        lines += [
            "> **What-if settings.** This assessment departs from the framework's own "
            f"parameters: {shown}. It argues in the alternative; it is not the tool's "
            "default assessment.",
            "",
        ]
    profile_text = esc(a.profile.title) if a.profile else "none (country-level assessment)"
    lines += [
        f"- **Verdict:** {VERDICT_LABEL[a.verdict.outcome]}",
        f"- **As of:** {a.as_of.isoformat()} (evidence published up to {a.known_by.isoformat()})",
        f"- **Profile:** {profile_text}",
        f"- **Tool:** stc {a.tool_version}; input fingerprint `{a.fingerprint}`",
        "",
        "## Verdict",
        "",
    ]
    lines += [f"- {esc(r)}" for r in a.verdict.reasons]
    lines += ["", "## Agreements", ""]
    if a.agreements:
        lines += [
            "| Agreement | Status on the as-of date | Since | Statutory basis | Terms public |",
            "|---|---|---|---|---|",
        ]
        for ag in a.agreements:
            lines.append(
                f"| {esc(ag.title)} | {esc(ag.status)} | {ag.since or '—'} | "
                f"{ag.statutory_basis} | {'yes' if ag.terms_public else 'no'} |"
            )
    else:
        lines.append("None recorded.")
    lines += [
        "",
        "## Criteria",
        "",
        "Scores are log10 likelihood ratios of the weakest element: positive favours "
        "safety; 1 means the evidence is ten times as probable if the country is safe as "
        "if not.",
        "",
        VERIFICATION_LEGEND,
        "",
        "| Criterion | Outcome | Log10 LR | Confidence |",
        "|---|---|---|---|",
    ]
    for c in a.criteria:
        lines.append(
            f"| {esc(c.title)} | {criterion_label(c.outcome, c.decided_by_burden)} | "
            f"{signed(c.score)} | {c.confidence or '—'} |"
        )
    lines.append("")
    labels = source_labels([s.id for s in a.sources])
    parts: dict[str, list[CriterionResult]] = {}
    for c in a.criteria:
        parts.setdefault(c.part, []).append(c)
    for part, crits in parts.items():
        lines += [f"## {esc(part)}", ""]
        for c in crits:
            lines += _criterion(c, labels)
    if a.group_specific:
        lines += [
            "## Group-specific evidence not weighed",
            "",
            "These items concern particular groups and count only for a profile in the group: "
            + ", ".join(esc(i) for i in a.group_specific)
            + ".",
            "",
        ]
    lines += ["## Caveats", ""]
    for cv in a.caveats:
        cites = f" ({'; '.join(esc(x) for x in cv.citations)})" if cv.citations else ""
        lines.append(f"- **{esc(cv.title)}.** {esc(cv.text)}{cites}")
    lines += [
        "",
        "## Sources",
        "",
        GRADE_LEGEND,
        "",
        "| No. | Title | Publisher | Date | Grade | Cited for |",
        "|---|---|---|---|---|---|",
    ]
    for s in a.sources:
        title = f"[{esc(s.title)}]({_url(s.url)})" if s.url else esc(s.title)
        copy = copy_read(s.read_at, s.unpublished)
        if s.url is None:
            title += " (no public address recorded" + (f"; {esc(copy)}" if copy else "") + ")"
        elif copy:
            title += f" ({esc(copy)})"
        if s.personal:
            title += f" ({PERSONS_OWN})"
        lines.append(
            f"| {labels[s.id]} | {title} | {esc(s.publisher)} | "
            f"{esc(date_words(s.date, s.date_basis))} | {s.reliability} | "
            f"{', '.join(esc(i) for i in s.items)} |"
        )
    lines.append("")
    return "\n".join(lines)
