"""Properties of the engine that must hold for any evidence (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stc.corpus import Corpus, default_data_root
from stc.models.common import CONFIDENCE_ORDER
from stc.models.country import Country, EvidenceItem, Measure, Period, Source
from stc.models.criteria import Framework
from stc.models.profile import Profile
from stc.reasoning import SAFETY_ORDER, Case, evaluate
from stc.render.json_out import to_json

AS_OF = dt.date(2026, 6, 30)
CORPUS = Corpus(default_data_root())
FRAMEWORK: Framework = CORPUS.framework().model
VOCAB = CORPUS.vocabulary.model
EVIDENCE_CRITERIA = [c for c in FRAMEWORK.criteria if c.kind == "evidence"]
INDICATORS = sorted({u.id for c in EVIDENCE_CRITERIA for u in c.indicators})
COUNTRY = Country(schema_version=1, id="propland", name="Propland", iso2="XP", role="target")

SOURCES = {
    f"s{i}": Source(
        id=f"s{i}",
        title=f"Source {i}",
        publisher=f"Publisher {i}",
        date=dt.date(2020 + i % 6, 1 + i % 12, 1),
        date_basis="stated",
        kind=kind,
        url=f"https://example.org/{i}",
        reliability=grade,
        reliability_reason="test",
        family=f"family{i % 4}",
        interests=interests,
    )
    for i, (kind, grade, interests) in enumerate(
        [
            ("un", "A", []),
            ("ngo", "B", ["advocacy", "litigant"]),
            ("receiving-government", "B", ["party-to-agreement"]),
            ("press", "C", []),
            ("us-government", "A", ["party-to-agreement"]),
            ("academic", "B", []),
            ("court", "A", []),
            ("press", "D", []),
        ]
    )
}


FOR = ["weak-for", "moderate-for", "moderately-strong-for", "strong-for", "very-strong-for"]
AGAINST = [
    "weak-against",
    "moderate-against",
    "moderately-strong-against",
    "strong-against",
    "very-strong-against",
]
DEFEATERS = [d.id for d in VOCAB.defeaters]


@st.composite
def items(
    draw: st.DrawFn, prefix: str = "E", bands: list[str] | None = None, indicator: str | None = None
) -> EvidenceItem:
    start = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 6, 1)))
    length = draw(st.integers(min_value=0, max_value=700))
    end = min(start + dt.timedelta(days=length), dt.date(2026, 6, 30))
    band = draw(st.sampled_from(bands or (FOR + AGAINST + ["none"])))
    establishes = (
        draw(st.lists(st.sampled_from(DEFEATERS), max_size=1)) if band.endswith("-against") else []
    )
    return EvidenceItem(
        id=f"{prefix}-{draw(st.integers(min_value=0, max_value=10**9))}",
        finding="A finding.",
        indicators=[indicator]
        if indicator
        else draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=3, unique=True)),
        lr=band,
        lr_reason="test",
        data=draw(st.sampled_from([None, None, None, "shared-data"])),
        about=draw(st.sampled_from(["general", "general", "transferees"])),
        establishes=establishes,
        credibility=draw(st.integers(min_value=1, max_value=6)),
        period=Period(start=start, end=end),
        groups=draw(st.sampled_from([[], [], [], ["women"], ["venezuelans"]])),
        source=draw(st.sampled_from(sorted(SOURCES))),
        locator="p. 1",
        excerpt="an excerpt",
        undercutters=draw(
            st.lists(
                st.sampled_from(
                    ["uncorroborated", "predates-reform", "second-hand", "on-paper-only"]
                ),
                max_size=2,
                unique=True,
            )
        ),
    )


def unique(pool: list[EvidenceItem]) -> list[EvidenceItem]:
    seen: dict[str, EvidenceItem] = {}
    for item in pool:
        seen.setdefault(item.id, item)
    return list(seen.values())


def case(
    pool: list[EvidenceItem], framework: Framework = FRAMEWORK, known_by: dt.date | None = None
) -> Case:
    return Case(
        framework=framework,
        vocabulary=VOCAB,
        country=COUNTRY,
        items=unique(pool),
        sources=SOURCES,
        profile=None,
        as_of=AS_OF,
        known_by=known_by,
    )


VERDICT_ORDER = {"does-not-qualify": 0, "undetermined": 1, "qualifies": 2}


def levels(
    pool: list[EvidenceItem], framework: Framework = FRAMEWORK
) -> tuple[dict[str, float], dict[str, int], dict[str, int], int]:
    """Element scores and outcome ranks, criterion outcome ranks, verdict rank."""
    results, verdict = evaluate(case(pool, framework))
    scores = {f"{c.id}/{e.id}": e.score for c in results for e in c.indicators}
    elements = {f"{c.id}/{e.id}": SAFETY_ORDER[e.outcome] for c in results for e in c.indicators}
    criteria = {c.id: SAFETY_ORDER[c.outcome] for c in results if c.kind == "evidence"}
    return scores, elements, criteria, VERDICT_ORDER[verdict.outcome]


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _assert_monotone(before: tuple, after: tuple, sign: int) -> None:
    for level_before, level_after in zip(before[:3], after[:3], strict=True):
        for key, value in level_before.items():
            if sign < 0:
                assert level_after[key] <= value + 1e-9, key
            else:
                assert level_after[key] >= value - 1e-9, key
    assert (after[3] <= before[3]) if sign < 0 else (after[3] >= before[3])


@SETTINGS
@given(st.lists(items(), max_size=25), st.data())
def test_adverse_evidence_never_moves_anything_toward_safety(pool, data):
    """Element scores and outcomes, criterion outcomes and the verdict (three levels)."""
    extra = data.draw(items(prefix="X", bands=AGAINST))
    _assert_monotone(levels(pool), levels([*pool, extra]), -1)


@SETTINGS
@given(st.lists(items(), max_size=25), st.data())
def test_supporting_evidence_never_moves_anything_away_from_safety(pool, data):
    extra = data.draw(items(prefix="X", bands=FOR))
    _assert_monotone(levels(pool), levels([*pool, extra]), 1)


@SETTINGS
@given(st.lists(items(), max_size=25), st.sampled_from(INDICATORS))
def test_evidence_of_no_diagnostic_value_changes_nothing(pool, indicator):
    """However many findings are as expected in a safe country as in an unsafe one."""
    noise = [
        EvidenceItem(
            id=f"N-{n}",
            finding="Noise.",
            indicators=[indicator],
            lr="none",
            credibility=1,
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
            source="s0",
            locator="p. 1",
            excerpt="x",
        )
        for n in range(20)
    ]
    assert levels(pool) == levels(pool + noise)


@SETTINGS
@given(st.lists(items(), max_size=30), st.randoms())
def test_order_of_items_never_changes_the_result(pool, rnd):
    shuffled = unique(pool)
    rnd.shuffle(shuffled)
    first = to_json(evaluate(case(pool))[0][0])
    assert [to_json(r) for r in evaluate(case(shuffled))[0]] == [
        to_json(r) for r in evaluate(case(pool))[0]
    ]
    assert first


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_removing_every_item_of_an_element_leaves_it_undecided_for_thinness(pool):
    results, _ = evaluate(case(pool))
    for element in sorted({e.id for c in results for e in c.indicators}):
        ids = set(element.split("+"))
        kept = [i for i in pool if not ids & set(i.indicators)]
        after, _ = evaluate(case(kept))
        found = {(e.outcome, e.undecided) for c in after for e in c.indicators if e.id == element}
        assert found == {("insufficient", "thin")}, (element, found)


def _with_standard(framework: Framework, standard: str) -> Framework:
    data = framework.model_dump()
    for crit in data["criteria"]:
        if crit["kind"] == "evidence":
            crit["standard"] = standard
    return Framework.model_validate(data)


ORDERED = sorted(
    FRAMEWORK.proof_standards,
    key=lambda s: (FOR.index(s.min_support + "-for"), s.min_confidence != "low"),
)


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_stricter_standard_on_a_whole_criterion_never_easier(pool):
    """For the party with the burden: a stricter standard never establishes what a looser one did
    not."""
    previous: dict[str, str] | None = None
    for standard in ORDERED:
        results, _ = evaluate(case(pool, _with_standard(FRAMEWORK, standard.id)))
        won = {c.id: c.outcome for c in results if c.kind == "evidence"}
        if previous is not None:
            for cid, outcome in won.items():
                crit = next(c for c in FRAMEWORK.criteria if c.id == cid)
                assert crit.burden is not None
                target = "met" if crit.burden.borne_by == "proponent" else "not-met"
                if outcome == target and not any(
                    d.established for r in results if r.id == cid for d in r.defeaters
                ):
                    assert previous[cid] == target, (cid, standard.id)
        previous = won


def test_a_measurement_worse_than_every_other_never_moves_toward_safety():
    def measure(n: int, value: float) -> EvidenceItem:
        return EvidenceItem(
            id=f"M-{n}",
            finding="A rate.",
            indicators=["pers-nonstate-actors"],
            measure=Measure(quantity="homicide-rate", value=value),
            credibility=2,
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
            source="s0",
            locator="p. 1",
            excerpt="x",
        )

    base = [measure(1, 2.0), measure(2, 4.0)]
    for worse in (4.0, 7.0, 30.0, 80.0):
        _assert_monotone(levels(base), levels([*base, measure(3, worse)]), -1)


def test_a_defeater_decides_whatever_the_balance():
    support = [
        EvidenceItem(
            id=f"S-{n}",
            finding="Good.",
            indicators=[ind],
            lr="strong-for",
            lr_reason="t",
            credibility=1,
            period=Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 1)),
            source=f"s{n % 8}",
            locator="p",
            excerpt="x",
        )
        for n, ind in enumerate(INDICATORS * 2)
    ]
    defeater = EvidenceItem(
        id="D-1",
        finding="Transferees returned without a decision.",
        indicators=["nonrefoulement-practice"],
        lr="strong-against",
        lr_reason="t",
        establishes=["refoulement-of-transferees"],
        credibility=1,
        period=Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 1)),
        source="s0",
        locator="p",
        excerpt="x",
    )
    results, _ = evaluate(case(support))
    assert {c.id: c.outcome for c in results}["full-and-fair-procedure"] == "met"
    results, verdict = evaluate(case([*support, defeater]))
    ffp = next(c for c in results if c.id == "full-and-fair-procedure")
    assert ffp.outcome == "not-met" and ffp.reasons[0].startswith("Decided by a defeater")
    assert verdict.outcome == "does-not-qualify"


def test_evidence_after_the_as_of_date_is_ignored_and_known_by_limits_publication():
    later = EvidenceItem(
        id="L-1",
        finding="Later.",
        indicators=["proc-access"],
        lr="strong-against",
        lr_reason="t",
        credibility=1,
        period=Period(start=dt.date(2026, 7, 1), end=dt.date(2026, 7, 2)),
        source="s0",
        locator="p",
        excerpt="x",
    )

    def shown(rs):
        return [(c.outcome, c.score, [(e.outcome, e.score) for e in c.indicators]) for c in rs]

    assert shown(evaluate(case([later]))[0]) == shown(evaluate(case([]))[0])
    assert case([later]).weighed["L-1"].excluded
    # a finding about the as-of period, published (source dated) after the as-of date: counted
    # only when known_by reaches the publication date
    published_later = Source(
        id="s9",
        title="Later report",
        publisher="P",
        date=dt.date(2026, 9, 1),
        date_basis="stated",
        kind="un",
        url="https://example.org/9",
        reliability="A",
        reliability_reason="t",
        family="f9",
    )
    SOURCES["s9"] = published_later
    try:
        about_then = EvidenceItem(
            id="L-2",
            finding="Then.",
            indicators=["proc-access"],
            lr="strong-against",
            lr_reason="t",
            credibility=1,
            period=Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 1)),
            source="s9",
            locator="p",
            excerpt="x",
        )
        assert case([about_then]).weighed["L-2"].excluded
        assert not case([about_then], known_by=dt.date(2026, 9, 1)).weighed["L-2"].excluded
    finally:
        del SOURCES["s9"]


def test_json_is_byte_identical_for_the_same_inputs():
    pool = [
        EvidenceItem(
            id=f"J-{n}",
            finding="F.",
            indicators=[ind],
            lr=(FOR + AGAINST)[n % 10],
            lr_reason="t",
            credibility=2,
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 1)),
            source=f"s{n % 8}",
            locator="p",
            excerpt="x",
        )
        for n, ind in enumerate(INDICATORS)
    ]
    assert [to_json(r) for r in evaluate(case(pool))[0]] == [
        to_json(r) for r in evaluate(case(list(reversed(pool))))[0]
    ]


PROFILE = Profile(schema_version=1, id="prop", label="A person", nationality=["HN"])


def person_results(pool: list[EvidenceItem], own: list[EvidenceItem]) -> tuple[dict, int]:
    """Criterion results and verdict rank with `own` as the person's own items."""
    results, verdict = evaluate(
        Case(
            framework=FRAMEWORK,
            vocabulary=VOCAB,
            country=COUNTRY,
            items=unique([*pool, *own]),
            sources=SOURCES,
            profile=PROFILE,
            as_of=AS_OF,
            personal=frozenset(i.id for i in own),
        )
    )
    return {c.id: c for c in results}, VERDICT_ORDER[verdict.outcome]


@SETTINGS
@given(st.lists(items(), max_size=25), st.lists(items(prefix="P"), max_size=3), st.data())
def test_a_persons_adverse_item_never_moves_the_screening_toward_safety(pool, own, data):
    """Adding one of the person's own items rated against safety never moves a person-level
    criterion (or its elements, or the verdict) toward safety, and leaves every country-level
    criterion exactly as it was: the person's evidence joins the individual screening only."""
    extra = data.draw(items(prefix="Q", bands=AGAINST))
    before, verdict_before = person_results(pool, own)
    after, verdict_after = person_results(pool, [*own, extra])
    assert verdict_after <= verdict_before
    for cid, b in before.items():
        a = after[cid]
        if b.level == "country":
            assert a.model_dump() == b.model_dump(), cid
            continue
        assert SAFETY_ORDER[a.outcome] <= SAFETY_ORDER[b.outcome], cid
        for ea, eb in zip(a.indicators, b.indicators, strict=True):
            assert ea.score <= eb.score + 1e-9, (cid, ea.id)
            assert SAFETY_ORDER[ea.outcome] <= SAFETY_ORDER[eb.outcome], (cid, ea.id)


# A framework whose burden resolves undecided questions (a court deciding on the burden): the
# outcome is the burden's wherever the evidence leaves a criterion undecided.
COURT: Framework = CORPUS.framework("echr-art3-transfer").model
CONFIDENCE_RANK = {c: i for i, c in enumerate(CONFIDENCE_ORDER)}


@SETTINGS
@given(st.lists(items(), max_size=25), st.data())
def test_burden_resolution_keeps_adverse_evidence_from_moving_toward_safety(pool, data):
    extra = data.draw(items(prefix="X", bands=AGAINST))
    _assert_monotone(levels(pool, COURT), levels([*pool, extra], COURT), -1)


@SETTINGS
@given(st.lists(items(), max_size=25), st.data())
def test_burden_resolution_keeps_supporting_evidence_from_moving_away(pool, data):
    extra = data.draw(items(prefix="X", bands=FOR))
    _assert_monotone(levels(pool, COURT), levels([*pool, extra], COURT), 1)


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_burden_resolution_never_decides_what_the_evidence_decided(pool):
    """Only an undecided criterion is resolved by the burden; a decided one keeps its outcome,
    and every resolved one goes against the party bearing the burden."""
    results, _ = evaluate(case(pool, COURT))
    for crit in (c for c in results if c.kind == "evidence"):
        if crit.decided_by_burden:
            assert crit.outcome == "met"  # the burden is on the person resisting transfer
            assert any("undecided" in r for r in crit.reasons)
            # only an undecided rule is resolved: no element fails, and one at least is undecided
            # (every criterion of this framework combines its elements with `all`)
            outcomes = {e.outcome for e in crit.indicators}
            assert "not-met" not in outcomes and "insufficient" in outcomes
            assert not any(d.established for d in crit.defeaters)
        else:
            assert crit.outcome in ("met", "not-met")  # never left undecided


def test_an_empty_record_is_resolved_by_the_burden_only_where_the_framework_says_so():
    court, _ = evaluate(case([], COURT))
    assert {c.outcome for c in court if c.kind == "evidence"} == {"met"}
    assert all(c.decided_by_burden for c in court if c.kind == "evidence")
    statute, _ = evaluate(case([]))
    evidence = [c for c in statute if c.kind == "evidence" and c.level == "country"]
    assert {c.outcome for c in evidence} == {"insufficient"}
    assert not any(c.decided_by_burden for c in statute)
    # The same rule with the burden on the proponent resolves the other way.
    data = COURT.model_dump(by_alias=True)
    for crit in data["criteria"]:
        crit["burden"]["borne_by"] = "proponent"
    flipped, _ = evaluate(case([], Framework.model_validate(data)))
    assert {c.outcome for c in flipped if c.kind == "evidence"} == {"not-met"}


COURT_ORDERED = sorted(
    COURT.proof_standards + FRAMEWORK.proof_standards,
    key=lambda s: (FOR.index(s.min_support + "-for"), CONFIDENCE_RANK[s.min_confidence]),
)


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_stricter_standard_never_easier_for_the_burden_bearer_under_a_resolving_burden(pool):
    """Under a burden that resolves undecided questions, a stricter standard never lets the
    person bearing it carry what a looser one did not."""
    base = COURT.model_dump(by_alias=True)
    base["proof_standards"] = [s.model_dump() for s in COURT_ORDERED]
    previous: dict[str, str] | None = None
    for standard in COURT_ORDERED:
        results, _ = evaluate(
            case(pool, _with_standard(Framework.model_validate(base), standard.id))
        )
        won = {c.id: c.outcome for c in results if c.kind == "evidence"}
        if previous is not None:
            for cid, outcome in won.items():
                if outcome == "not-met" and not any(
                    d.established for r in results if r.id == cid for d in r.defeaters
                ):
                    assert previous[cid] == "not-met", (cid, standard.id)
        previous = won
