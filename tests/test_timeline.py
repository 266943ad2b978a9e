"""`stc timeline`: the verdict at each change point equals a plain assessment at that date."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import run_stc
from stc.analysis.timeline import build_timeline, change_points
from stc.assessment import assess
from stc.corpus import Corpus

END = dt.date(2025, 12, 31)


def test_every_point_equals_an_assessment_at_that_date(data_root: Path) -> None:
    corpus = Corpus(data_root)
    t = build_timeline(corpus, "testland", None, None, END)
    assert [p.date for p in t.points] == sorted({p.date for p in t.points})
    assert t.points[-1].date == END
    for p in t.points:
        a = assess(corpus, "testland", None, None, p.date)
        assert p.verdict == a.verdict.outcome
        assert p.outcomes == {c.id: c.outcome for c in a.criteria}
        assert [x.status for x in p.agreements] == [s.status for s in a.agreements]


def test_agreement_events_are_change_points_and_move_the_gate(data_root: Path) -> None:
    corpus = Corpus(data_root)
    points = change_points(corpus, "testland", None)
    events = {e.date for a in corpus.country("testland").country.model.agreements for e in a.events}
    assert events <= set(points)
    t = build_timeline(corpus, "testland", None, None, END)
    gate = {p.date: p.outcomes["agreement-in-force"] for p in t.points}
    assert gate[dt.date(2024, 3, 1)] == "met"  # entered into force
    assert gate[dt.date(2025, 6, 1)] == "not-met"  # suspended
    assert gate[dt.date(2025, 9, 1)] == "met"  # resumed
    turning = {p.date for p in t.turning_points()}
    assert {dt.date(2024, 3, 1), dt.date(2025, 6, 1), dt.date(2025, 9, 1)} <= turning


def test_from_date_starts_there(data_root: Path) -> None:
    t = build_timeline(Corpus(data_root), "testland", None, None, END, start=dt.date(2025, 1, 1))
    assert t.points[0].date == dt.date(2025, 1, 1) and all(
        p.date >= dt.date(2025, 1, 1) for p in t.points
    )


def test_cli_formats(data_root: Path) -> None:
    args = ("timeline", "testland", "--data", str(data_root), "--as-of", END.isoformat())
    js = run_stc(*args, "--format", "json")
    assert js.code == 0, js.err
    doc = json.loads(js.out)
    assert doc["format"] == "stc.timeline.v1" and doc["points"][-1]["date"] == END.isoformat()
    assert run_stc(*args, "--format", "json").out == js.out
    md = run_stc(*args, "--format", "markdown").out
    assert "| 2025-06-01 |" in md and "suspended" in md
    every = run_stc(*args, "--format", "markdown", "--every").out
    assert every.count("\n| 2") >= md.count("\n| 2")
    html = run_stc(*args, "--format", "html").out
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    rects = root.findall("{http://www.w3.org/2000/svg}rect")
    assert rects and all(r.find("{http://www.w3.org/2000/svg}title") is not None for r in rects)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "<script" not in html
    table = run_stc(*args)
    assert table.code == 0 and "through time" in table.out


def test_cli_bad_dates(data_root: Path) -> None:
    bad = run_stc(
        "timeline",
        "testland",
        "--data",
        str(data_root),
        "--from",
        "2026-01-01",
        "--as-of",
        "2025-01-01",
    )
    assert bad.code == 2 and "after the as-of date" in bad.err
    worse = run_stc("timeline", "testland", "--data", str(data_root), "--from", "yesterday")
    assert worse.code == 2 and "YYYY-MM-DD" in worse.err
