"""`stc explain`: the derivation, step by step, with the statute's words beside each rule."""

from __future__ import annotations

from stc.models.result import Assessment, CriterionResult
from stc.render.words import (
    OUTCOME_LABEL,
    PERSONS_OWN,
    VERDICT_LABEL,
    criterion_label,
    signed,
    verification,
)


def _criterion(c: CriterionResult) -> list[str]:
    out = [
        f"== {c.title} [{c.id}] ==",
        f"   part: {c.part} · {c.level}-level · {c.kind} · "
        f"{'mandatory' if c.mandatory else 'beside the verdict'}",
    ]
    if c.statutory_wording:
        out.append(f'   statute says: "{c.statutory_wording}"')
    out.append(f"   encoded rule: {c.rule}")
    out.append(f"   authority: {'; '.join(c.citations)} ({verification(c.verification)})")
    if c.unverified:
        out.append(f"   not verified: {c.unverified}")
    if c.standard_title and c.burden:
        out.append(
            f"   standard: {c.standard_title}; burden on {c.burden.party} "
            f"({c.burden.borne_by}; {verification(c.burden.verification)})"
        )
    for ind in c.indicators:
        out.append(
            f"   - element {ind.id}: log10 LR {signed(ind.score)} = support "
            f"{ind.support_weight:+.4f} + against {ind.undermine_weight:+.4f}"
            " (each independent source family or data set once, at its strongest item "
            f"each way); range {signed(ind.score_range[0])} to "
            f"{signed(ind.score_range[1])}; confidence {ind.confidence}; "
            f"{OUTCOME_LABEL[ind.outcome]}"
        )
        out.append(f"       {ind.conclusion}")
        for r in ind.reasons:
            out.append(f"       {r}")
        for r in ind.downgrades:
            out.append(f"       confidence lowered: {r}")
        for m in ind.measurements:
            out.append(
                f"       measured {m.title}: pooled {m.pooled:g} {m.unit} -> {m.band} "
                f"(from {', '.join(m.items)})"
            )
        for item in ind.items:
            factors = " × ".join(f"{k} {v:g}" for k, v in item.factors.items())
            out.append(
                f"       {item.band:<26} {item.id}: log10 LR {item.value:+.4f} = band "
                f"value × {factors} [{item.cluster}]"
            )
            if item.personal:
                out.append(f"                  {PERSONS_OWN}, from the applicant's profile")
            if item.lr_reason:
                out.append(f"                  why: {item.lr_reason}")
            out.append(f"                  {item.finding}")
            out.append(f'                  source {item.source}, {item.locator}: "{item.excerpt}"')
        for item in ind.excluded:
            out.append(f"       not weighed {item.id}: {item.excluded}")
    for d in c.defeaters:
        out.append(
            f"   defeater {d.id}: {'ESTABLISHED' if d.established else 'not established'} "
            f"(strength {d.strength:.2f}, needs {d.needed:g}; items "
            f"{', '.join(d.items) or 'none'})"
        )
    out.append(
        f"   => {criterion_label(c.outcome, c.decided_by_burden)}"
        + (
            f" (weakest element log10 LR {signed(c.score)}, confidence {c.confidence})"
            if c.score is not None
            else ""
        )
    )
    if c.conclusion:
        out.append(f"      conclusion: {c.conclusion}")
    for r in c.reasons:
        out.append(f"      because: {r}")
    for down in c.downgrades:
        out.append(f"      confidence: {down}")
    out.append("")
    return out


def render_explanation(a: Assessment, criterion: str | None = None) -> str:
    lines = [
        f"{a.country.title} under {a.framework.title}",
        f"as of {a.as_of.isoformat()} · profile {a.profile.id if a.profile else 'none'} · "
        f"stc {a.tool_version} · {a.fingerprint}",
        "",
    ]
    for c in a.criteria:
        if criterion is None or c.id == criterion:
            lines += _criterion(c)
    if criterion is None:
        lines.append(f"VERDICT: {VERDICT_LABEL[a.verdict.outcome]}")
        lines += [f"  {r}" for r in a.verdict.reasons]
    return "\n".join(lines) + "\n"
