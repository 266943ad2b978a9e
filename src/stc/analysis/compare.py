"""Countries side by side under one framework."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Literal

from pydantic import BaseModel, ConfigDict

from stc.assessment import assess
from stc.corpus import Corpus
from stc.models.result import Assessment

COMPARISON_FORMAT = "stc.comparison.v1"


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    outcome: str
    score: float | None
    confidence: str | None


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    country: str
    name: str
    verdict: str
    fingerprint: str
    criteria: dict[str, Cell]


class Comparison(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["stc.comparison.v1"] = COMPARISON_FORMAT
    tool_version: str
    framework: str
    as_of: dt.date
    profile: str | None
    criteria: list[str]
    rows: list[Row]


def _row(a: Assessment) -> Row:
    return Row(
        country=a.country.id,
        name=a.country.title,
        verdict=a.verdict.outcome,
        fingerprint=a.fingerprint,
        criteria={c.id: Cell(outcome=c.outcome, score=c.score, confidence=c.confidence) for c in a.criteria},
    )


def compare(corpus: Corpus, country_ids: list[str], framework_id: str | None, as_of: dt.date, profile: str | None) -> Comparison:
    """One row per country; each full assessment is dropped once its row is made."""
    from stc import __version__

    rows = [_row(assess(corpus, cid, framework_id, profile, as_of)) for cid in country_ids]
    fw = corpus.framework(framework_id).model
    return Comparison(tool_version=__version__, framework=fw.id, as_of=as_of, profile=profile, criteria=[c.id for c in fw.criteria], rows=rows)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe;
    numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(cmp: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["country", "name", "framework", "as_of", "verdict"]
    for cid in cmp.criteria:
        header += [f"{cid}.outcome", f"{cid}.score", f"{cid}.confidence"]
    writer.writerow(header)
    for row in cmp.rows:
        line: list[object] = [row.country, row.name, cmp.framework, cmp.as_of.isoformat(), row.verdict]
        for cid in cmp.criteria:
            cell = row.criteria[cid]
            line += [cell.outcome, "" if cell.score is None else round(cell.score, 4), cell.confidence or ""]
        writer.writerow([safe_cell(v) for v in line])
    return buffer.getvalue()


_SHORT = {"met": "met", "not-met": "not met", "insufficient": "insufficient", "not-decidable": "not decidable"}


def to_markdown(cmp: Comparison, titles: dict[str, str]) -> str:
    """A publishable table: criteria down the side, countries across, with a legend."""
    from stc.render.markdown import esc
    from stc.render.words import VERDICT_LABEL

    head = "| Criterion | " + " | ".join(esc(r.name) for r in cmp.rows) + " |"
    lines = [
        f"# Comparison under `{cmp.framework}`, as of {cmp.as_of.isoformat()}",
        "",
        f"Profile: {esc(cmp.profile) if cmp.profile else 'none (country-level criteria decide the verdict; person-level criteria are not decidable)'}.",
        "",
        head,
        "|---|" + "---|" * len(cmp.rows),
        "| **Verdict** | " + " | ".join(f"**{VERDICT_LABEL[r.verdict]}**" for r in cmp.rows) + " |",
    ]
    for cid in cmp.criteria:
        cells = []
        for r in cmp.rows:
            c = r.criteria[cid]
            score = f" ({c.score:+.2f}, {c.confidence})" if c.score is not None else ""
            cells.append(_SHORT[c.outcome] + score)
        lines.append(f"| {esc(titles.get(cid, cid))} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Scores lie in [−1, 1]; a positive score favours safety. Confidence follows GRADE-like rules "
        "(see the methodology). Outcomes are assessments of the recorded evidence, not the determination "
        "the statute reserves to the Attorney General.",
        "",
        "Input fingerprints: " + "; ".join(f"{esc(r.name)} `{r.fingerprint}`" for r in cmp.rows) + f". Made by stc {cmp.tool_version}.",
        "",
    ]
    return "\n".join(lines)
