"""The person's own evidence (issue 12, part 3): a profile's declaration or affidavit joins the
individual screening only, is weighed like any item and is marked as the person's in every
output; bad person-evidence ends with exit 2 naming the profile file, line and object."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import Run, run_stc
from stc.assessment import assess
from stc.corpus import Corpus, default_data_root
from stc.models.profile import Profile
from stc.models.result import Assessment, CriterionResult, ItemResult

AS_OF = dt.date(2026, 6, 30)
CORPUS = Corpus(default_data_root())
EXAMPLE = "honduran-gang-reach"
GT_ITEM, SV_ITEM = "HGR-GT-01", "HGR-SV-01"
DECLARATION = "hypothetical-declaration-honduran-gang-reach"


def _items(c: CriterionResult) -> list[ItemResult]:
    return [i for ind in c.indicators for i in [*ind.items, *ind.excluded]]


@pytest.fixture(scope="module")
def guatemala() -> Assessment:
    return assess(CORPUS, "guatemala", profile_ref=EXAMPLE, as_of=AS_OF)


# -- the model ----------------------------------------------------------------------------------


def test_the_example_profile_carries_the_persons_own_sources_and_items() -> None:
    profile = CORPUS.profile(EXAMPLE).model
    (source,) = profile.sources
    assert source.unpublished and source.url is None and "litigant" in source.interests
    assert "hypothetical" in source.title.lower()
    assert [i.id for i in profile.items_for("GT")] == [GT_ITEM]
    assert [i.id for i in profile.items_for("SV")] == [SV_ITEM]
    assert profile.items_for("HN") == []


def test_a_group_of_the_persons_evidence_names_its_country_and_has_items() -> None:
    base = {"schema_version": 1, "id": "p", "label": "P", "nationality": ["HN"]}
    with pytest.raises(ValidationError, match="country"):
        Profile.model_validate({**base, "evidence": [{"items": []}]})
    with pytest.raises(ValidationError, match="at least 1 item"):
        Profile.model_validate({**base, "evidence": [{"country": "GT", "items": []}]})
    assert Profile.model_validate(base).evidence == []


# -- the engine ---------------------------------------------------------------------------------


def test_the_persons_item_joins_the_individual_screening_only(guatemala: Assessment) -> None:
    by_id = {c.id: c for c in guatemala.criteria}
    holding = {c.id for c in guatemala.criteria if any(i.id == GT_ITEM for i in _items(c))}
    person_evidence = {
        c.id for c in guatemala.criteria if c.level == "person" and c.kind == "evidence"
    }
    assert holding and holding <= person_evidence
    # the same indicator serves a country-level condition, which never sees the person's item
    shared = [
        c
        for c in guatemala.criteria
        if c.level == "country"
        and any(ind.id.split("+").count("pers-nonstate-actors") for ind in c.indicators)
    ]
    assert shared, "the example's indicator should also serve a country-level criterion"
    for c in shared:
        assert all(i.id != GT_ITEM for i in _items(c)), c.id
    assert GT_ITEM in by_id[next(iter(holding))].evidence


def test_the_persons_item_is_weighed_like_any_item_with_the_interest_discount(
    guatemala: Assessment,
) -> None:
    (item,) = {i.id: i for c in guatemala.criteria for i in _items(c) if i.id == GT_ITEM}.values()
    assert item.personal and item.direction == "undermines" and item.value < 0
    assert item.factors["interest"] == 0.75
    assert item.factors["reliability"] == 0.4  # grade F
    assert "undercutter:uncorroborated" in item.factors
    assert all(not i.personal for c in guatemala.criteria for i in _items(c) if i.id != GT_ITEM)


def test_only_the_assessed_countrys_items_join(guatemala: Assessment) -> None:
    ids = {i.id for c in guatemala.criteria for i in _items(c)}
    assert GT_ITEM in ids and SV_ITEM not in ids
    salvador = assess(CORPUS, "el-salvador", profile_ref=EXAMPLE, as_of=AS_OF)
    ids = {i.id for c in salvador.criteria for i in _items(c)}
    assert SV_ITEM in ids and GT_ITEM not in ids
    honduras = assess(CORPUS, "honduras", profile_ref=EXAMPLE, as_of=AS_OF)
    assert not any(s.personal for s in honduras.sources)


def test_without_the_profile_nothing_of_the_persons_appears() -> None:
    plain = assess(CORPUS, "guatemala", as_of=AS_OF)
    assert all(not i.personal and i.id != GT_ITEM for c in plain.criteria for i in _items(c))
    assert all(s.id != DECLARATION for s in plain.sources)


def test_the_persons_item_moves_the_screening_toward_danger_and_nothing_else(
    guatemala: Assessment, tmp_path: Path
) -> None:
    bare = tmp_path / "bare.yaml"
    text = (default_data_root() / "profiles" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    bare.write_text(text.split("\nsources:")[0] + "\n", encoding="utf-8")
    without = {
        c.id: c for c in assess(CORPUS, "guatemala", profile_ref=str(bare), as_of=AS_OF).criteria
    }
    for c in guatemala.criteria:
        other = without[c.id]
        if any(i.id == GT_ITEM for i in _items(c)):
            assert c.score is not None and other.score is not None and c.score < other.score
        else:
            assert c.model_dump() == other.model_dump(), c.id


def test_the_persons_source_is_listed_and_marked(guatemala: Assessment) -> None:
    (source,) = [s for s in guatemala.sources if s.personal]
    assert source.id == DECLARATION and source.items == [GT_ITEM]


# -- every output marks it ----------------------------------------------------------------------

MARK = "the person's own evidence"


@pytest.mark.parametrize("fmt", ["markdown", "html", "text", "json"])
def test_every_output_marks_the_persons_evidence(guatemala: Assessment, fmt: str) -> None:
    from stc.render.assessment_formats import render_assessment

    text = render_assessment(guatemala, fmt, CORPUS, profile=EXAMPLE)  # type: ignore[arg-type]
    if fmt == "json":
        assert re.search(rf'"id": "{GT_ITEM}"', text) and '"personal": true' in text
    else:
        flat = " ".join(text.replace("&#39;", "'").replace("&#x27;", "'").split())
        assert MARK in flat, fmt
        if fmt == "markdown":
            assert re.search(rf"\*\*{GT_ITEM}\*\* \({MARK};", flat)


def test_the_exhibit_marks_the_persons_evidence_and_source(guatemala: Assessment) -> None:
    from stc.render.exhibit_model import build_exhibit

    doc = build_exhibit(
        guatemala, CORPUS.assessed_country("guatemala", EXAMPLE), CORPUS.framework().model
    )
    refs = [
        r
        for e in doc.elements
        for ind in e.indicators
        for group in (ind.supporting, ind.adverse, ind.no_value)
        for r in group
        if r.item == GT_ITEM
    ]
    assert refs and all(r.personal and "The person's own evidence" in r.note for r in refs)
    (entry,) = [x for x in doc.index if x.source == DECLARATION]
    assert MARK in entry.kind and entry.summary.startswith("The person's own evidence.")


def test_the_cli_marks_the_persons_evidence() -> None:
    result = run_stc("assess", "guatemala", "--profile", EXAMPLE, "--as-of", "2026-06-30")
    assert result.code == 0, result.err
    assert f"{GT_ITEM} [{MARK}]" in " ".join(result.out.replace("│", " ").split())


# -- bad person-evidence --------------------------------------------------------------------------

HEAD = "schema_version: 1\nid: p\nlabel: P\nnationality: [HN]\n"
SOURCE = """\
sources:
  - id: my-declaration
    title: Declaration
    publisher: The applicant
    date: 2025-01-01
    date_basis: stated
    kind: other
    unpublished: true
    read_at: the case file
    reliability: F
    reliability_reason: The applicant's own account.
    family: applicant
    interests: [litigant]
"""
ITEMS = """\
evidence:
  - country: XT
    items:
      - id: P-01
        finding: A finding.
        indicators: [pers-nonstate-actors]
        lr: weak-against
        lr_reason: A test rating.
        credibility: 3
        period: {start: 2024-01-01, end: 2024-12-31}
        source: my-declaration
        locator: para. 1
        excerpt: an excerpt
"""


def _run(data_root: Path, tmp_path: Path, text: str, *args: str) -> Run:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return run_stc("assess", "testland", "--data", str(data_root), "--profile", str(path), *args)


def _line(text: str, marker: str) -> int:
    return 1 + next(n for n, line in enumerate(text.splitlines()) if marker in line)


def test_a_good_persons_item_joins_testlands_screening(data_root: Path, tmp_path: Path) -> None:
    result = _run(data_root, tmp_path, HEAD + SOURCE + ITEMS, "--format", "json")
    assert result.code == 0, result.err
    assert '"personal": true' in result.out


@pytest.mark.parametrize(
    ("change", "marker", "obj", "message"),
    [
        (
            lambda t: t.replace("    unpublished: true\n", ""),
            "  - id: my-declaration",
            "Source(id='my-declaration')",
            "has no public address",
        ),
        (
            lambda t: t.replace("    interests: [litigant]\n", "    interests: []\n"),
            "  - id: my-declaration",
            "Source(id='my-declaration')",
            "list 'litigant'",
        ),
        (
            lambda t: t.replace("source: my-declaration", "source: elsewhere"),
            "source: elsewhere",
            "EvidenceItem(id='P-01')",
            "'elsewhere' is not in the bibliography",
        ),
        (
            lambda t: t.replace("excerpt: an excerpt", "excerpt: " + "word " * 26),
            "excerpt: word",
            "EvidenceItem(id='P-01')",
            "at most 25 are allowed",
        ),
        (
            lambda t: t.replace("[pers-nonstate-actors]", "[pers-gossip]"),
            "[pers-gossip]",
            "EvidenceItem(id='P-01')",
            "unknown indicator 'pers-gossip'",
        ),
        (
            lambda t: t.replace("id: P-01", "id: T-01"),
            "id: T-01",
            "EvidenceItem(id='T-01')",
            "also an item of the country data",
        ),
        (
            lambda t: t.replace("  - id: my-declaration", "  - id: test-ngo-2025").replace(
                "source: my-declaration", "source: test-ngo-2025"
            ),
            "  - id: test-ngo-2025",
            "Source(id='test-ngo-2025')",
            "also a source of the country data",
        ),
        (
            lambda t: t + t[t.index("  - country: XT") :],
            None,
            "PersonEvidence(country='XT')",
            "a second group for XT",
        ),
    ],
)
def test_bad_person_evidence_exits_2_naming_file_line_and_object(
    data_root: Path, tmp_path: Path, change, marker: str | None, obj: str, message: str
) -> None:
    text = change(HEAD + SOURCE + ITEMS)
    result = _run(data_root, tmp_path, text)
    err = result.err
    assert result.code == 2 and "Traceback" not in err, err
    line = _line(text, marker) if marker else r"\d+"
    assert re.search(rf"p\.yaml:{line}: {re.escape(obj)}.*{re.escape(message)}", err), err


def test_validate_checks_the_profiles_person_evidence(data_root: Path) -> None:
    bad = (
        HEAD.replace("id: p", "id: bad-person")
        + SOURCE.replace("    unpublished: true\n", "")
        + ITEMS
    )
    (data_root / "profiles" / "bad-person.yaml").write_text(bad, encoding="utf-8")
    result = run_stc("validate", "--data", str(data_root))
    assert result.code == 2, result.out + result.err
    assert re.search(
        r"profiles/bad-person\.yaml:\d+: Source\(id='my-declaration'\).*no public address",
        result.out + result.err,
    ), result.out + result.err
