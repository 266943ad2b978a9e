"""Choosing the findings a worksheet shows for one element: a set a class can read in the
time, balanced across both sides, that tests reasoning rather than recall of the weights.

The rule (same inputs, same set):

1. **One deciding finding**: a finding against safety that marks one of the element's
   defeaters, the heaviest first; else the heaviest finding on the side the element's evidence
   leans to, in the issue that decides it.
2. **Red herrings** (one; two from ten findings up): a finding rated `none` that is not a
   mixed finding, then one specific to a group the applicant is not in or shrunk to almost
   nothing (stc.exercise.roles), in id order.
3. **Arguable findings** (at least two, one in five): mixed findings rated `none` on balance,
   then weak findings whose own reason names a point the other way, alternating sides, the
   heaviest first.
4. **The rest, for balance**: alternating sides, starting with the side the deciding finding
   is not on; within a side, one issue after another in the element's order, the heaviest
   finding of each issue first; at most one finding from any one independent source family or
   data set, so that every finding shown counts on its own;
5. **If still short**, the heaviest findings left, even from a family already shown (they then
   count once together). An element with fewer findings on the record than asked shows them
   all.

The deciding findings of the key are then computed on the set itself (stc.exercise.analysis)."""

from __future__ import annotations

from dataclasses import dataclass

from stc.errors import UsageError
from stc.exercise.roles import arguable, group_specific, red_herring, side
from stc.models.criteria import Criterion
from stc.models.result import CriterionResult, ItemResult

MIN_ITEMS = 6
MAX_ITEMS = 25


@dataclass(frozen=True)
class Chosen:
    item_id: str
    why: str


def _issue_words(result: CriterionResult, item_id: str) -> str:
    titles = [
        ind.title for ind in result.indicators if any(i.id == item_id for i in ind.items)
    ] or [ind.title for ind in result.indicators if any(i.id == item_id for i in ind.excluded)]
    return " and ".join(dict.fromkeys(titles)) or "this element"


def select(
    result: CriterionResult, criterion: Criterion, shown: dict[str, ItemResult], size: int
) -> list[Chosen]:
    if not MIN_ITEMS <= size <= MAX_ITEMS:
        raise UsageError(f"--items must be from {MIN_ITEMS} to {MAX_ITEMS} (got {size})")
    chosen: list[Chosen] = []
    clusters: set[str] = set()

    def take(item: ItemResult, why: str) -> None:
        chosen.append(Chosen(item.id, why))
        if not item.excluded:
            clusters.add(item.cluster)

    def free(item: ItemResult) -> bool:
        return item.id not in {c.item_id for c in chosen} and (
            bool(item.excluded) or item.cluster not in clusters
        )

    counted = [i for i in shown.values() if not i.excluded]
    heavy = sorted(counted, key=lambda i: (-i.weight, i.id))

    # 1. the deciding finding
    defeaters = {d.id for d in criterion.defeaters}
    marking = [i for i in heavy if set(i.establishes) & defeaters and side(i.band) == "against"]
    lean = "for" if (result.score or 0) > 0 else "against"
    deciding_issues = [ind for ind in result.indicators if ind.outcome == result.outcome]
    in_deciding = {i.id for ind in deciding_issues for i in ind.items}
    leaning = [i for i in heavy if side(i.band) == lean and i.id in in_deciding] or [
        i for i in heavy if side(i.band) == lean
    ]
    if marking:
        first = marking[0]
        names = ", ".join(sorted(set(first.establishes) & defeaters))
        take(first, f"the deciding finding: it marks a defeater of this element ({names})")
    elif leaning:
        first = leaning[0]
        take(
            first,
            "the deciding finding: the heaviest finding on the side the evidence leans to, "
            f"on {_issue_words(result, first.id)}",
        )
    budget = size - len(chosen)

    # 2. red herrings
    herrings = 2 if size >= 10 else 1
    plain_none = [i for i in shown.values() if i.band == "none" and arguable(i) is None]
    others = [
        i
        for i in shown.values()
        if i.band != "none" and red_herring(i) is not None and not group_specific(i)
    ]
    specific = [i for i in shown.values() if group_specific(i)]
    for pool in (plain_none[:1], [*specific, *others, *plain_none[1:]]):
        for item in pool:
            if herrings and budget and free(item):
                take(item, f"a red herring: {red_herring(item)}")
                herrings -= 1
                budget -= 1
                break

    # 3. arguable findings
    wanted = min(budget, max(2, size // 5))
    mixed = [i for i in shown.values() if i.band == "none" and arguable(i)]
    weak = [i for i in heavy if i.band != "none" and arguable(i)]
    by_side = {s: [i for i in weak if side(i.band) == s] for s in ("for", "against")}
    order = [*mixed]
    for pair in zip(by_side["for"], by_side["against"], strict=False):
        order += pair
    longer = by_side["for"] if len(by_side["for"]) > len(by_side["against"]) else by_side["against"]
    order += longer[min(len(by_side["for"]), len(by_side["against"])) :]
    for item in order:
        if wanted and free(item):
            take(item, f"arguable: {arguable(item)}")
            wanted -= 1
            budget -= 1

    # 4. the rest, for balance
    queues = {
        s: _round_robin(result, [i for i in heavy if side(i.band) == s]) for s in ("for", "against")
    }
    turn = "for" if chosen and side(shown[chosen[0].item_id].band) == "against" else "against"
    while budget > 0 and (queues["for"] or queues["against"]):
        queue = queues[turn] or queues["against" if turn == "for" else "for"]
        item = queue.pop(0)
        if free(item):
            word = "for" if side(item.band) == "for" else "against"
            take(
                item,
                f"for balance: the next finding {word} safety, on {_issue_words(result, item.id)}",
            )
            budget -= 1
            turn = "against" if turn == "for" else "for"
    # 5. still short: findings that share a source family or data set with one already shown
    for item in heavy:
        if budget > 0 and item.id not in {c.item_id for c in chosen}:
            take(
                item,
                "to fill the set: it shares a source or data with a finding already shown, so "
                "the two count once together",
            )
            budget -= 1
    return sorted(chosen, key=lambda c: c.item_id)


def _round_robin(result: CriterionResult, items: list[ItemResult]) -> list[ItemResult]:
    """Heaviest first within each issue, taking one issue after another."""
    per_issue: list[list[ItemResult]] = []
    placed: set[str] = set()
    for ind in result.indicators:
        ids = {i.id for i in ind.items}
        mine = [i for i in items if i.id in ids and i.id not in placed]
        placed |= {i.id for i in mine}
        per_issue.append(mine)
    out: list[ItemResult] = []
    while any(per_issue):
        for queue in per_issue:
            if queue:
                out.append(queue.pop(0))
    return out


def picked(result: CriterionResult, shown: dict[str, ItemResult], ids: list[str]) -> list[Chosen]:
    mine = [i for i in ids if i in shown]
    if not mine:
        raise UsageError(
            f"none of the picked evidence bears on {result.title}; choose from: {', '.join(shown)}"
        )
    return [Chosen(i, "picked by the teacher") for i in sorted(mine)]
