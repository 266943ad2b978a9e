"""`stc explain`: the derivation, step by step, with the statute's words beside each rule."""

from __future__ import annotations

from stc.models.result import Assessment, CriterionResult
from stc.render.words import OUTCOME_LABEL, VERDICT_LABEL, signed


def _criterion(c: CriterionResult) -> list[str]:
    out = [f"== {c.title} [{c.id}] ==", f"   part: {c.part} · {c.level}-level · {c.kind} · {'mandatory' if c.mandatory else 'beside the verdict'}"]
    if c.statutory_wording:
        out.append(f'   statute says: "{c.statutory_wording}"')
    out.append(f"   encoded rule: {c.rule}")
    out.append(f"   authority: {'; '.join(c.citations)} (verification {c.verification})")
    if c.unverified:
        out.append(f"   UNVERIFIED: {c.unverified}")
    if c.standard_title and c.burden:
        out.append(f"   standard: {c.standard_title}; burden on {c.burden.party} ({c.burden.borne_by}; verification {c.burden.verification})")
    for ind in c.indicators:
        out.append(f"   - indicator {ind.id} (weight {ind.weight:g}): score {signed(ind.score)} = (S {ind.support_weight:.4f} − U {ind.undermine_weight:.4f}) / (S + U + prior); confidence {ind.confidence}; {OUTCOME_LABEL[ind.outcome]}")
        for r in ind.reasons + ind.downgrades:
            out.append(f"       {r}")
        for item in ind.items:
            factors = " × ".join(f"{k} {v:g}" for k, v in item.factors.items())
            out.append(f"       {item.direction:<10} {item.id}: weight {item.weight:.4f} = {factors}")
            out.append(f"                  {item.finding}")
            out.append(f"                  source {item.source}, {item.locator}: \"{item.excerpt}\"")
        for item in ind.excluded:
            out.append(f"       not weighed {item.id}: {item.excluded}")
    out.append(f"   => {OUTCOME_LABEL[c.outcome]}" + (f" (score {signed(c.score)}, confidence {c.confidence})" if c.score is not None else ""))
    for r in c.reasons:
        out.append(f"      because: {r}")
    for d in c.downgrades:
        out.append(f"      confidence: {d}")
    out.append("")
    return out


def render_explanation(a: Assessment, criterion: str | None = None) -> str:
    lines = [
        f"{a.country.title} under {a.framework.title}",
        f"as of {a.as_of.isoformat()} · profile {a.profile.id if a.profile else 'none'} · stc {a.tool_version} · {a.fingerprint}",
        "",
    ]
    for c in a.criteria:
        if criterion is None or c.id == criterion:
            lines += _criterion(c)
    if criterion is None:
        lines.append(f"VERDICT: {VERDICT_LABEL[a.verdict.outcome]}")
        lines += [f"  {r}" for r in a.verdict.reasons]
    return "\n".join(lines) + "\n"
