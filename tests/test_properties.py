"""Properties of the engine that must hold for any evidence (hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stc.corpus import Corpus, default_data_root
from stc.models.country import Country, EvidenceItem, Period, Source
from stc.models.criteria import Burden, Framework, ProofStandard
from stc.reasoning import Case, apply_standard, evaluate
from stc.render.json_out import to_json
from stc.scoring import balance

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


@st.composite
def items(draw: st.DrawFn, prefix: str = "E", direction: str | None = None, indicator: str | None = None) -> EvidenceItem:
    start = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 6, 1)))
    length = draw(st.integers(min_value=0, max_value=700))
    end = min(start + dt.timedelta(days=length), dt.date(2026, 6, 30))
    return EvidenceItem(
        id=f"{prefix}-{draw(st.integers(min_value=0, max_value=10**9))}",
        finding="A finding.",
        indicators=[indicator] if indicator else draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=3, unique=True)),
        direction=direction or draw(st.sampled_from(["supports", "undermines", "mixed", "context"])),
        strength=draw(st.sampled_from(["strong", "moderate", "weak"])),
        credibility=draw(st.integers(min_value=1, max_value=6)),
        period=Period(start=start, end=end),
        groups=draw(st.sampled_from([[], [], [], ["women"], ["venezuelans"]])),
        source=draw(st.sampled_from(sorted(SOURCES))),
        locator="p. 1",
        excerpt="an excerpt",
        undercutters=draw(st.lists(st.sampled_from(["uncorroborated", "predates-reform", "second-hand", "on-paper-only"]), max_size=2, unique=True)),
    )


def unique(pool: list[EvidenceItem]) -> list[EvidenceItem]:
    seen: dict[str, EvidenceItem] = {}
    for item in pool:
        seen.setdefault(item.id, item)
    return list(seen.values())


def case(pool: list[EvidenceItem], framework: Framework = FRAMEWORK) -> Case:
    return Case(framework=framework, vocabulary=VOCAB, country=COUNTRY, items=pool, sources=SOURCES, profile=None, as_of=AS_OF)


def indicator_scores(pool: list[EvidenceItem]) -> dict[tuple[str, str], float]:
    results, _ = evaluate(case(pool))
    return {(c.id, i.id): i.score for c in results for i in c.indicators}


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(items(), max_size=25), st.sampled_from(INDICATORS), st.data())
def test_undermining_item_never_raises_its_indicator(pool, indicator, data):
    pool = unique(pool)
    extra = data.draw(items(prefix="NEW", direction="undermines", indicator=indicator))
    before = indicator_scores(pool)
    after = indicator_scores(pool + [extra])
    for key, score in after.items():
        if key[1] == indicator:
            assert score <= before[key] + 1e-9


@SETTINGS
@given(st.lists(items(), max_size=25), st.sampled_from(INDICATORS), st.data())
def test_supporting_item_never_lowers_its_indicator(pool, indicator, data):
    pool = unique(pool)
    extra = data.draw(items(prefix="NEW", direction="supports", indicator=indicator))
    before = indicator_scores(pool)
    after = indicator_scores(pool + [extra])
    for key, score in after.items():
        if key[1] == indicator:
            assert score >= before[key] - 1e-9


@SETTINGS
@given(st.lists(items(), max_size=30), st.randoms())
def test_order_of_items_and_sources_never_changes_the_result(pool, rnd):
    pool = unique(pool)
    shuffled = list(pool)
    rnd.shuffle(shuffled)
    keys = list(SOURCES)
    rnd.shuffle(keys)
    a = evaluate(case(pool))
    b_case = case(shuffled)
    b_case = Case(framework=FRAMEWORK, vocabulary=VOCAB, country=COUNTRY, items=shuffled, sources={k: SOURCES[k] for k in keys}, profile=None, as_of=AS_OF)
    b = evaluate(b_case)
    assert [r.model_dump() for r in a[0]] == [r.model_dump() for r in b[0]]
    assert a[1] == b[1]


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_scores_stay_within_bounds_and_results_are_deterministic(pool):
    pool = unique(pool)
    first, v1 = evaluate(case(pool))
    second, v2 = evaluate(case(pool))
    assert first == second and v1 == v2
    for c in first:
        assert c.score is None or -1.0 <= c.score <= 1.0
        for i in c.indicators:
            assert -1.0 <= i.score <= 1.0


@SETTINGS
@given(st.lists(items(), max_size=30), st.sampled_from(INDICATORS))
def test_removing_every_item_of_an_indicator_makes_it_insufficient(pool, indicator):
    pool = [i for i in unique(pool) if indicator not in i.indicators]
    results, _ = evaluate(case(pool))
    found = [i for c in results for i in c.indicators if i.id == indicator]
    assert found
    assert all(i.outcome == "insufficient" for i in found)


STANDARDS = sorted(FRAMEWORK.proof_standards, key=lambda s: (s.threshold, ["very-low", "low", "moderate", "high"].index(s.min_confidence)))


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=-1, max_value=1, allow_nan=False),
    st.sampled_from(["very-low", "low", "moderate", "high"]),
    st.floats(min_value=0, max_value=20, allow_nan=False),
    st.sampled_from(["proponent", "opponent"]),
)
def test_stricter_standard_is_never_easier_for_the_burden_bearer(score, confidence, weight, borne_by):
    burden = Burden(borne_by=borne_by, party="p")
    carried = []
    for standard in STANDARDS:
        outcome, _ = apply_standard(score, confidence, weight, standard, burden, 0.5)
        carried.append(outcome == ("met" if borne_by == "proponent" else "not-met"))
    # once a stricter standard is carried, every looser one is carried too
    for looser, stricter in zip(carried, carried[1:]):
        assert looser or not stricter


@SETTINGS
@given(st.lists(items(), max_size=30))
def test_stricter_standard_on_a_whole_criterion_never_easier(pool):
    pool = unique(pool)
    results = {}
    for standard in STANDARDS:
        fw = FRAMEWORK.model_copy(update={"criteria": [c.model_copy(update={"standard": standard.id}) for c in FRAMEWORK.criteria]})
        out, _ = evaluate(case(pool, fw))
        results[standard.id] = {c.id: c.outcome for c in out}
    for looser, stricter in zip(STANDARDS, STANDARDS[1:]):
        for crit in EVIDENCE_CRITERIA:
            carried = "met" if crit.burden and crit.burden.borne_by == "proponent" else "not-met"
            if results[stricter.id][crit.id] == carried:
                assert results[looser.id][crit.id] == carried


def test_balance_is_monotone_and_bounded():
    rnd = random.Random(7)
    for _ in range(2000):
        s, u, k = rnd.uniform(0, 50), rnd.uniform(0, 50), rnd.uniform(0.01, 5)
        d = rnd.uniform(0, 5)
        assert -1 < balance(s, u, k) < 1
        assert balance(s + d, u, k) >= balance(s, u, k)
        assert balance(s, u + d, k) <= balance(s, u, k)


def test_evidence_after_the_as_of_date_is_ignored():
    late = EvidenceItem(
        id="LATE", finding="f", indicators=["proc-access"], direction="undermines", strength="strong", credibility=1,
        period=Period(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 2)), source="s0", locator="p", excerpt="e",
    )
    c = Case(framework=FRAMEWORK, vocabulary=VOCAB, country=COUNTRY, items=[late], sources=SOURCES, profile=None, as_of=dt.date(2026, 5, 31))
    results, _ = evaluate(c)
    ind = next(i for r in results for i in r.indicators if i.id == "proc-access")
    assert ind.items == [] and ind.excluded[0].excluded.startswith("after the as-of date")


def test_json_is_byte_identical_for_the_same_inputs():
    pool = [
        EvidenceItem(id=f"X-{n}", finding="f", indicators=[INDICATORS[n % len(INDICATORS)]], direction="undermines", strength="strong",
                     credibility=2, period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 2, 1)), source=f"s{n % 8}", locator="p", excerpt="e")
        for n in range(40)
    ]
    a, va = evaluate(case(pool))
    b, vb = evaluate(case(list(reversed(pool))))
    assert to_json(va) == to_json(vb)
    assert "".join(to_json(r) for r in a) == "".join(to_json(r) for r in b)
