"""The reasoning rules added after the control came out wrong: each one checked on a small,
hand-built case so that the rule, not the corpus, is what the test sees."""

from __future__ import annotations

import datetime as dt

from stc.corpus import Corpus, default_data_root
from stc.models.country import Country, EvidenceItem, Measure, Period, Source
from stc.models.criteria import Framework
from stc.reasoning import Case, describe_rule, evaluate

AS_OF = dt.date(2026, 6, 30)
CORPUS = Corpus(default_data_root())
FRAMEWORK: Framework = CORPUS.framework().model
VOCAB = CORPUS.vocabulary.model
COUNTRY = Country(schema_version=1, id="ruleland", name="Ruleland", iso2="XR", role="target")


def source(i: int, kind: str = "un", interests: list[str] | None = None) -> Source:
    return Source(
        id=f"s{i}", title=f"Source {i}", publisher=f"Publisher {i}", date=dt.date(2026, 1, 1),
        date_basis="stated", kind=kind, url=f"https://example.org/{i}", reliability="A",
        reliability_reason="test", family=f"family{i}", interests=interests or [],
    )  # fmt: skip


def item(
    n: int,
    indicator: str,
    src: str,
    lr: str | None = None,
    measure: tuple[str, float] | None = None,
    about: str = "general",
) -> EvidenceItem:
    return EvidenceItem(
        id=f"R-{n:02d}", finding="A finding.", indicators=[indicator], lr=lr, lr_reason="test",
        measure=Measure(quantity=measure[0], value=measure[1]) if measure else None, about=about,
        credibility=1, period=Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 1)),
        source=src, locator="p. 1", excerpt="an excerpt",
    )  # fmt: skip


def run(items: list[EvidenceItem], sources: list[Source]) -> dict[str, object]:
    case = Case(FRAMEWORK, VOCAB, COUNTRY, items, {s.id: s for s in sources}, None, AS_OF)
    results, _ = evaluate(case)
    return {r.id: r for r in results}


def element(results: dict[str, object], criterion: str, element_id: str):  # type: ignore[no-untyped-def]
    crit = results[criterion]
    return next(e for e in crit.indicators if e.id == element_id)  # type: ignore[attr-defined]


def test_independent_measurements_of_one_quantity_corroborate_each_other() -> None:
    one = run([item(1, "pers-nonstate-actors", "s1", measure=("homicide-rate", 2.0))], [source(1)])
    two = run(
        [
            item(1, "pers-nonstate-actors", "s1", measure=("homicide-rate", 2.0)),
            item(2, "pers-nonstate-actors", "s2", measure=("homicide-rate", 2.4)),
        ],
        [source(1), source(2)],
    )
    single = element(one, "life-freedom-not-threatened", "pers-nonstate-actors")
    pooled = element(two, "life-freedom-not-threatened", "pers-nonstate-actors")
    assert any(d.startswith("no corroboration") for d in single.downgrades)
    assert not any(d.startswith("no corroboration") for d in pooled.downgrades)
    assert pooled.measurements[0].items == ["R-01", "R-02"]


def test_law_indicators_are_not_indirect_for_transferees_but_practice_indicators_are() -> None:
    results = run(
        [
            item(1, "proc-legal-framework", "s1", lr="moderate-for"),
            item(2, "proc-legal-framework", "s2", lr="moderate-for"),
            item(3, "proc-access", "s1", lr="moderate-for"),
            item(4, "proc-access", "s2", lr="moderate-for"),
        ],
        [source(1), source(2)],
    )
    law = element(results, "full-and-fair-procedure", "proc-legal-framework")
    access = element(results, "full-and-fair-procedure", "proc-access+proc-transferee-outcomes")
    assert not any(d.startswith("indirect") for d in law.downgrades) and law.outcome == "met"
    assert any(d.startswith("indirect") for d in access.downgrades)
    reasons = {i.id: i.same_for_transferees for i in VOCAB.indicators}
    assert (
        reasons["proc-legal-framework"]
        and not reasons["proc-access"]
        and not reasons["proc-transferee-outcomes"]
    )


def test_a_public_office_s_measured_value_is_not_vouching_but_its_statement_is() -> None:
    gov = source(1, kind="receiving-government", interests=["party-to-agreement"])
    results = run(
        [
            item(1, "proc-recognition", "s1", measure=("protection-rate", 45.0)),
            item(2, "proc-status", "s1", lr="moderate-for"),
        ],
        [gov],
    )
    recognition = element(results, "full-and-fair-procedure", "proc-recognition+proc-status")
    factors = {i.id: i.factors for i in recognition.items}
    assert "interest" not in factors["R-01"]
    assert factors["R-02"]["interest"] < 1


def _life(discrimination: str, protection: str) -> str:
    results = run(
        [
            item(1, "pers-state-actors", "s1", lr="strong-for"),
            item(2, "pers-state-actors", "s2", lr="strong-for"),
            item(3, "pers-nonstate-actors", "s1", lr="strong-for"),
            item(4, "pers-nonstate-actors", "s2", lr="strong-for"),
            item(5, "pers-discrimination", "s1", lr=discrimination),
            item(6, "pers-discrimination", "s2", lr=discrimination),
            item(7, "pers-state-protection", "s1", lr=protection),
            item(8, "pers-state-protection", "s2", lr=protection),
        ],
        [source(1), source(2)],
    )
    return results["life-freedom-not-threatened"].outcome  # type: ignore[attr-defined]


def test_hostility_in_society_fails_life_or_freedom_only_where_the_state_does_not_protect() -> None:
    """Matter of Acosta: harm by others is persecution only where the government is unable or
    unwilling to control it."""
    assert _life("strong-against", "strong-for") == "met"
    assert _life("strong-against", "strong-against") == "not-met"
    assert _life("strong-for", "strong-against") == "met"


def test_the_rule_is_described_from_the_combination_tree() -> None:
    crit = next(c for c in FRAMEWORK.criteria if c.id == "life-freedom-not-threatened")
    titles = {i.id: i.title for i in VOCAB.indicators}
    assert describe_rule(crit.combine, titles) == (  # type: ignore[arg-type]
        "every one of: Persecution by state agents, and (either (Threats from non-state actors and "
        "Treatment of non-nationals and minorities) or State protection)"
    )


def test_decisions_read_data_not_message_wording() -> None:
    """A criterion not in effect never decides the verdict, whatever its message says; a
    group-specific item is recognised by its exclusion code, not its wording."""
    from stc.reasoning import verdict

    case = Case(FRAMEWORK, VOCAB, COUNTRY, [], {}, None, dt.date(2019, 1, 1))
    results, before = evaluate(case)
    later = [r for r in results if not r.in_effect]
    assert later and all(r.id not in before.decided_by for r in later)
    reworded = [
        r.model_copy(update={"reasons": ["Reworded."]}) if not r.in_effect else r for r in results
    ]
    after = verdict(reworded, False, FRAMEWORK.comparator, FRAMEWORK.title)
    assert after == before
    grouped = item(1, "pers-discrimination", "s1", lr="strong-against").model_copy(
        update={"groups": ["women"]}
    )
    weighed = Case(FRAMEWORK, VOCAB, COUNTRY, [grouped], {"s1": source(1)}, None, AS_OF).weighed[
        "R-01"
    ]
    assert weighed.exclusion == "group-specific" and weighed.excluded
