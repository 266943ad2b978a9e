"""Terminal output with rich: the verdict, then the tree of criteria, indicators and evidence."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from stc.models.result import Assessment, CriterionResult
from stc.notices import COMPARATOR_NOTICE
from stc.render.heatmap import band_words
from stc.render.words import (
    OUTCOME_LABEL,
    OUTCOME_STYLE,
    PERSONS_OWN,
    VERDICT_LABEL,
    VERDICT_STYLE,
    criterion_label,
    signed,
    verification,
)

TOP_ITEMS = 3


def _criterion_node(tree: Tree, c: CriterionResult, detail: bool) -> None:
    label = Text.assemble(
        (f"{criterion_label(c.outcome, c.decided_by_burden):<22}", OUTCOME_STYLE[c.outcome]),
        (c.title, "bold"),
    )
    if c.score is not None:
        label.append(f"  log10 LR {signed(c.score)}, confidence {c.confidence}", style="dim")
    if not c.mandatory:
        label.append("  (beside the verdict)", style="dim italic")
    node = tree.add(label)
    for reason in c.reasons:
        node.add(Text(reason))
    for d in c.downgrades:
        node.add(Text("confidence: " + d, style="dim"))
    node.add(
        Text(
            "authority: " + "; ".join(c.citations) + f" ({verification(c.verification)})",
            style="blue",
        )
    )
    for ind in c.indicators:
        sub = node.add(
            Text.assemble(
                (f"{OUTCOME_LABEL[ind.outcome]:<22}", OUTCOME_STYLE[ind.outcome]),
                ind.title,
                (
                    f"  {ind.strength} (log10 LR {signed(ind.score)}), {ind.confidence}, "
                    f"{len(ind.items)} items",
                    "dim",
                ),
            )
        )
        shown = ind.items if detail else ind.items[:TOP_ITEMS]
        shown += [i for i in ind.items if i.personal and i not in shown]  # always the person's
        for item in shown:
            arrow = {"supports": "+", "undermines": "−"}.get(item.direction, " ")
            sub.add(
                Text(
                    f"{arrow} {item.id}{f' [{PERSONS_OWN}]' if item.personal else ''} "
                    f"({band_words(item.band)}, log10 LR {item.value:+.2f}) {item.finding}",
                    overflow="fold",
                )
            )
        if len(ind.items) > len(shown):
            sub.add(
                Text(f"… {len(ind.items) - len(shown)} more (stc explain for all)", style="dim")
            )


def render_terminal(a: Assessment, console: Console, detail: bool = False) -> None:
    head = Text.assemble(
        (VERDICT_LABEL[a.verdict.outcome], VERDICT_STYLE[a.verdict.outcome]),
        f"  {a.country.title} under {a.framework.title}",
    )
    body = [
        head,
        Text(
            f"as of {a.as_of.isoformat()} · profile: "
            f"{a.profile.title if a.profile else 'none'} · stc {a.tool_version}",
            style="dim",
        ),
    ]
    if a.framework.comparator:
        body.append(Text(COMPARATOR_NOTICE, style="bold yellow"))
    if a.settings:
        shown = ", ".join(f"{k}={v}" for k, v in a.settings.items())
        body.append(
            Text(f"What-if settings (not the framework's defaults): {shown}", style="bold magenta")
        )
    body += [Text("• " + r) for r in a.verdict.reasons]
    console.print(Panel(Group(*body), title="Verdict", expand=True))
    for ag in a.agreements:
        console.print(
            Text(
                f"Agreement: {ag.title}: {ag.status}"
                + (f" since {ag.since}" if ag.since else "")
                + f"; statutory basis {ag.statutory_basis}; terms public: "
                f"{'yes' if ag.terms_public else 'no'}"
            )
        )
    tree = Tree(Text(escape(a.framework.title), style="bold"))
    parts: dict[str, Tree] = {}
    for c in a.criteria:
        if c.part not in parts:
            parts[c.part] = tree.add(Text(c.part, style="bold underline"))
        _criterion_node(parts[c.part], c, detail)
    console.print(tree)
    if a.group_specific:
        console.print(
            Text(
                "Group-specific items not weighed without a matching profile: "
                f"{', '.join(a.group_specific)}",
                style="dim",
            )
        )
    for cv in a.caveats:
        console.print(Text.assemble(("Caveat — " + cv.title + ": ", "bold"), cv.text))
    console.print(Text(f"fingerprint {a.fingerprint}", style="dim"))
