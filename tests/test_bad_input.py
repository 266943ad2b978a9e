"""Malformed data files: each must end with exit 2 and a message naming file and line,
never a traceback, and must leave the input untouched."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run_stc

# the error names the criterion's line, where its indicators and their combination meet
FFP_LINE = 1 + next(
    n
    for n, line in enumerate(
        (Path(__file__).resolve().parents[1] / "criteria" / "us-ina-208a2a.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    if line == "  - id: full-and-fair-procedure"
)

GOOD_ITEM = """\
  - id: T-99
    finding: A finding.
    indicators: [proc-access]
    lr: strong-against
    lr_reason: A test rating.
    credibility: 2
    period: {start: 2025-01-01, end: 2025-01-31}
    source: test-ngo-2025
    locator: p. 1
    excerpt: "an excerpt"
"""


def _item(**changes: str) -> str:
    """GOOD_ITEM with some fields replaced (the changed line is marked '# HERE')."""
    lines = []
    for line in GOOD_ITEM.splitlines():
        key = line.strip().lstrip("- ").split(":")[0]
        if key in changes:
            prefix = line[: len(line) - len(line.lstrip())] + (
                "- " if line.strip().startswith("- ") else ""
            )
            lines.append(f"{prefix}{key}: {changes.pop(key)}  # HERE")
        else:
            lines.append(line)
    for key, value in changes.items():
        lines.append(f"    {key}: {value}  # HERE")
    return "\n".join(lines) + "\n"


def append(rel: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return mutate


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new + "  # HERE", 1), encoding="utf-8")

    return mutate


def raw(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace text as given (the new text carries its own '# HERE' marker)."""

    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(data)

    return mutate


EV = "countries/testland/evidence.yaml"
SRC = "countries/testland/sources.yaml"
CTRY = "countries/testland/country.yaml"
FW = "criteria/us-ina-208a2a.yaml"
VOC = "criteria/vocabulary.yaml"

BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
    for i in range(8)
)

# (name, file, mutation, expected line or None to take the '# HERE' line, message fragment)
CASES: list[tuple[str, str, Callable[[Path], None], int | None, str]] = [
    (
        "syntax error",
        EV,
        append(EV, "  - id: T-99\n\tfinding: tab  # HERE\n"),
        None,
        "YAML syntax error",
    ),
    ("wrong type", EV, append(EV, _item(credibility='"high"')), None, "credibility"),
    ("unknown key", EV, append(EV, _item(colour="red")), None, "unknown key"),
    (
        "unknown key lists the allowed ones",
        EV,
        append(EV, _item(colour="red")),
        None,
        "(allowed: id, finding, indicators, lr, lr_reason",
    ),
    (
        "unknown key in a nested object",
        EV,
        append(EV, _item(period="{start: 2025-01-01, end: 2025-02-01, hue: red}")),
        None,
        "unknown key (allowed: start, end)",
    ),
    (
        "duplicate key",
        EV,
        append(EV, GOOD_ITEM + "    lr: weak-for  # HERE\n"),
        None,
        "duplicate key 'lr'",
    ),
    (
        "dangling source",
        EV,
        append(EV, _item(source="nowhere-2024")),
        None,
        "not in the bibliography",
    ),
    ("duplicate item id", EV, append(EV, _item(id="T-01")), None, "duplicate id"),
    (
        "future date",
        EV,
        append(EV, _item(period="{start: 2025-01-01, end: 2099-01-01}")),
        None,
        "in the future",
    ),
    ("alias bomb", EV, write(EV, BOMB), 2, "aliases"),
    (
        "huge file",
        EV,
        write(EV, b"schema_version: 1\nitems: []\n" + b"#" * (9 * 1024 * 1024)),
        1,
        "the limit is",
    ),
    ("empty file", EV, write(EV, b""), 1, "empty"),
    ("only comments", EV, write(EV, b"# nothing here\n# at all\n"), 1, "empty"),
    ("binary file", EV, write(EV, b"schema_version: 1\nitems:\x00\x01\x02\n"), 2, "binary"),
    (
        "wrong encoding",
        EV,
        write(EV, "schema_version: 1\nitems: []\nnote: caf\u00e9\n".encode("latin-1")),
        3,
        "not UTF-8",
    ),
    ("top-level list", EV, write(EV, b"- a\n- b\n"), 1, "expected a mapping"),
    ("missing schema_version", EV, write(EV, b"items: []\n"), 1, "schema_version: required"),
    ("wrong schema_version", EV, write(EV, b"schema_version: 1\nitems: []\n"), 1, "schema_version"),
    (
        "unknown indicator",
        EV,
        append(EV, _item(indicators="[proc-nonsense]")),
        None,
        "unknown indicator",
    ),
    ("unknown group", EV, append(EV, _item(groups="[martians]")), None, "unknown group"),
    (
        "excerpt too long",
        EV,
        append(EV, _item(excerpt='"' + " ".join(["word"] * 26) + '"')),
        None,
        "26 words",
    ),
    (
        "period reversed",
        EV,
        append(EV, _item(period="{start: 2025-02-01, end: 2025-01-01}")),
        None,
        "ends before it starts",
    ),
    (
        "date in words",
        EV,
        append(EV, _item(period="{start: July 2025, end: 2025-08-01}")),
        None,
        "YYYY-MM-DD",
    ),
    (
        "impossible date",
        EV,
        append(EV, _item(period='{start: "2025-02-30", end: 2025-03-01}')),
        None,
        "not a calendar date",
    ),
    (
        "dangling conflict",
        EV,
        append(EV, _item(conflicts_with="[T-404]")),
        None,
        "not another item",
    ),
    (
        "unknown undercutter",
        EV,
        append(EV, _item(undercutters="[biased]")),
        None,
        "unknown undercutter",
    ),
    (
        "deep nesting",
        EV,
        write(EV, b"schema_version: 1\nitems: " + b"[" * 80 + b"]" * 80 + b"\n"),
        2,
        "nesting deeper",
    ),
    (
        "merge key",
        EV,
        write(EV, b"schema_version: 1\nbase: &b {x: 1}\nitems:\n  - <<: *b\n"),
        4,
        "merge keys",
    ),
    (
        "boolean key",
        FW,
        replace(FW, "borne_by: proponent", '"on": proponent\n      yes: proponent'),
        None,
        "boolean",
    ),
    (
        "source url",
        SRC,
        replace(SRC, "url: https://example.org/ngo", "url: example.org/ngo"),
        None,
        "url",
    ),
    (
        "duplicate source id",
        SRC,
        replace(SRC, "id: test-un-2025", "id: test-ngo-2025"),
        None,
        "duplicate source id",
    ),
    (
        "country id mismatch",
        CTRY,
        replace(CTRY, "id: testland", "id: otherland"),
        None,
        "folder name",
    ),
    ("unknown event kind", CTRY, replace(CTRY, "event: suspended", "event: paused"), None, "event"),
    (
        "malformed regulation section",
        FW,
        replace(FW, "section: 208.18(a)", "section: 208.18(a"),
        None,
        "section",
    ),
    (
        "federal register without date",
        FW,
        raw(
            FW,
            "  - type: federal-register\n    volume: 84\n    page: 63994\n    date: 2019-11-19\n",
            "  - type: federal-register  # HERE\n    volume: 84\n    page: 63994\n",
        ),
        None,
        "date",
    ),
    (
        "statute title not a number",
        FW,
        replace(FW, "usc_title: 6", "usc_title: six"),
        None,
        "usc_title",
    ),
    (
        "unknown citation type",
        CTRY,
        replace(
            CTRY,
            "- {type: source, source: test-gov-2024, locator: p. 1}",
            "- {type: blog, source: x}",
        ),
        None,
        "citations",
    ),
    (
        "unknown standard",
        FW,
        replace(FW, "standard: preponderance", "standard: gut-feeling"),
        None,
        "unknown proof standard",
    ),
    (
        "indicator listed but not combined",
        FW,
        replace(FW, "- id: proc-access", "- id: proc-vibes"),
        FFP_LINE,
        "combine must use every listed indicator exactly once",
    ),
    (
        "unknown defeater in framework",
        FW,
        replace(FW, "- id: no-legal-obligation", "- id: no-vibes"),
        None,
        "unknown defeater",
    ),
    (
        "duplicate vocabulary id",
        VOC,
        replace(VOC, "- id: proc-capacity", "- id: proc-access"),
        None,
        "duplicate id",
    ),
]


def _here_line(path: Path) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "# HERE" in line:
            return n
    raise AssertionError("no marked line")


@pytest.mark.parametrize(
    ("name", "rel", "mutate", "line", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_exits_2_naming_file_and_line(
    data_root: Path, name: str, rel: str, mutate, line: int | None, fragment: str
) -> None:
    mutate(data_root)
    target = data_root / rel
    before = target.read_bytes()
    expected_line = line if line is not None else _here_line(target)
    result = run_stc(
        "assess", "testland", "--data", str(data_root), "--as-of", "2025-04-15", "--format", "json"
    )
    assert result.code == 2, result.err
    assert "Traceback" not in result.err + result.out
    assert result.out == ""
    pattern = re.compile(rf"^{re.escape(rel)}:(\d+): ", re.M)
    lines = [int(m.group(1)) for m in pattern.finditer(result.err)]
    assert lines, result.err
    assert expected_line in lines, result.err
    assert fragment.lower() in result.err.lower(), result.err
    assert target.read_bytes() == before  # inputs are never modified


def test_error_names_the_object(data_root: Path) -> None:
    append(EV, _item(source="nowhere-2024"))(data_root)
    result = run_stc("validate", "--data", str(data_root))
    assert result.code == 2
    assert re.search(
        r"countries/testland/evidence\.yaml:\d+: EvidenceItem\(id='T-99'\): "
        r"source: source 'nowhere-2024' is not in the bibliography",
        result.err,
    ), result.err


def test_bad_profile(data_root: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "schema_version: 1\nid: p\nlabel: P\nnationality: [VE]\nstateless: true\n"
        "groups: [martians]\n",
        encoding="utf-8",
    )
    result = run_stc("assess", "testland", "--data", str(data_root), "--profile", str(profile))
    assert result.code == 2 and "Traceback" not in result.err
    assert re.search(
        r"p\.yaml:1: Profile\(id='p'\): a stateless person has no nationality", result.err
    ), result.err


def test_bad_usage_exits_2(data_root: Path) -> None:
    for args in (
        ["assess", "nowhere"],
        ["assess", "testland", "--as-of", "2025-13-01"],
        ["assess", "testland", "--as-of", "yesterday"],
        ["assess", "testland", "--framework", "nope"],
        ["assess", "testland", "--profile", "nobody"],
    ):
        result = run_stc(*args, "--data", str(data_root))
        assert result.code == 2, (args, result.err)
        assert result.err.startswith("error: ") and "Traceback" not in result.err


def test_alias_bomb_is_refused_quickly(data_root: Path) -> None:
    import time

    from stc.errors import DataErrors
    from stc.yaml_reader import read_yaml

    path = data_root / "bomb.yaml"
    path.write_bytes(BOMB)
    start = time.perf_counter()
    with pytest.raises(DataErrors):
        read_yaml(path)
    assert time.perf_counter() - start < 1.0


def test_citation_read_back_by_an_independent_parser() -> None:
    """check_citation flags a citation citeurl does not read back whole (built past the model's
    own checks, as a looser pattern would let it through)."""
    from stc.citations import check_citation
    from stc.models.citation import RegulationCitation, StatuteCitation

    good = RegulationCitation(type="regulation", cfr_title=8, section="208.30(e)(7)")
    assert check_citation(good) is None
    bad = StatuteCitation.model_construct(
        type="statute",
        usc_title=8,
        usc_section="1158(a)(2)(A)a",
        ina_section=None,
        statutory_note=False,
        url=None,
        verification="V1",
        note=None,
    )
    assert "not read back whole" in (check_citation(bad) or "")


def test_a_top_level_value_is_read_from_the_top_of_the_file(tmp_path: Path) -> None:
    """The default framework is found from each criteria file's `comparator` alone, without
    parsing the rest of the file; values are read as the full reader reads them."""
    from stc.errors import DataErrors
    from stc.yaml_reader import read_top_level_scalar, read_yaml

    path = tmp_path / "f.yaml"
    path.write_text(
        "schema_version: 2\nnested:\n  comparator: true\n  list: [a, b]\ncomparator: no\n"
        "title: x\nitems:\n  - {a: 1}\n  - [unclosed\n",
        encoding="utf-8",
    )
    assert read_top_level_scalar(path, "f.yaml", "comparator") is False  # not nested's
    assert read_top_level_scalar(path, "f.yaml", "title") == "x"
    assert read_top_level_scalar(path, "f.yaml", "schema_version") == 2
    assert read_top_level_scalar(path, "f.yaml", "nested") is None  # a mapping, not a scalar
    with pytest.raises(DataErrors):  # the error after the key is the full read's to report
        read_yaml(path, "f.yaml")
    with pytest.raises(DataErrors):  # an absent key is looked for down to the error
        read_top_level_scalar(path, "f.yaml", "absent")

    good = tmp_path / "g.yaml"
    good.write_text("a: [1, {b: 2}]\nkey: 2026-01-02\n", encoding="utf-8")
    assert read_top_level_scalar(good, "g.yaml", "key") == read_yaml(good).data["key"]
    assert read_top_level_scalar(good, "g.yaml", "absent") is None

    broken = tmp_path / "h.yaml"
    broken.write_text("a: [1\ncomparator: false\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        read_top_level_scalar(broken, "h.yaml", "comparator")
    assert raised.value.errors[0].file == "h.yaml" and "syntax" in str(raised.value.errors[0])

    aliased = tmp_path / "i.yaml"
    aliased.write_text("a: &x 1\nb: *x\ncomparator: false\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        read_top_level_scalar(aliased, "i.yaml", "comparator")
    assert "alias" in str(raised.value.errors[0])
