"""`stc site`: a static, self-contained web site of one framework's assessments.

    index.html              the heat map (countries × criteria), the countries and criteria
    countries/<id>.html     verdict tree with conclusions, agreement timeline, evidence, sources
    criteria/<id>.html      statutory wording beside the encoded rule, indicators, standard,
                            burden, citations, what is unverified, each country's outcome

Every page has inline CSS and relative links only: it works from `file://` with no server.
The same inputs give byte-identical files: the only date written is the as-of date, and
every list is in a fixed order. `write_site` builds in a temporary folder beside the target
and renames it into place, so a reader never sees a half-built site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stc.errors import UsageError

if TYPE_CHECKING:
    from stc.corpus import Corpus, CountryBundle
    from stc.models.citation import Citation
    from stc.models.country import Source
    from stc.models.criteria import Criterion, Framework
    from stc.models.result import Assessment

MARKER = ".stc-site"
MARKER_TEXT = "Written by `stc site`. `stc site` may replace this folder as a whole.\n"


@dataclass(frozen=True)
class SitePages:
    """The site as relative path → page text, before anything is written."""

    pages: dict[str, str]

    @property
    def size(self) -> int:
        return sum(len(t.encode("utf-8")) for t in self.pages.values())


def country_page(country_id: str) -> str:
    return f"countries/{country_id}.html"


def criterion_page(criterion_id: str) -> str:
    return f"criteria/{criterion_id}.html"


# ------------------------------------------------------------------------------ building


def build_site(
    corpus: Corpus,
    as_of: dt.date,
    *,
    framework_id: str | None = None,
    profile: str | None = None,
    country_ids: list[str] | None = None,
) -> SitePages:
    """Assess every country (or `country_ids`) under one framework and render every page."""
    from stc import __version__
    from stc.assessment import assess
    from stc.render.citation_meta import citation_meta
    from stc.render.heatmap import heatmap_view
    from stc.render.templating import template_env

    framework = corpus.framework(framework_id).model
    ids = sorted(country_ids if country_ids is not None else corpus.country_ids())
    assessments = [assess(corpus, cid, framework.id, profile, as_of) for cid in ids]
    env = template_env()
    common = {"as_of": as_of.isoformat(), "tool_version": __version__, "framework": framework}
    pages: dict[str, str] = {}

    hm = heatmap_view(
        assessments,
        framework,
        country_href={a.country.id: country_page(a.country.id) for a in assessments},
        criterion_href={c.id: criterion_page(c.id) for c in framework.criteria},
    )
    pages["index.html"] = env.get_template("site/index.html").render(
        **common,
        root="",
        title=f"Safe third country assessments as of {as_of.isoformat()}",
        hm=hm,
        parts=_parts(framework),
        caveats=[_caveat_view(c) for c in framework.caveats],
        profile=assessments[0].profile.title if assessments and assessments[0].profile else None,
    )
    for a in assessments:
        bundle = corpus.assessed_country(a.country.id, profile)
        title = a.country.title
        pages[country_page(a.country.id)] = env.get_template("site/country.html").render(
            **common,
            root="../",
            title=title,
            meta=citation_meta(
                f"{title}: safe third country assessment as of {as_of.isoformat()}",
                as_of.isoformat(),
            ),
            **_country_view(a, bundle, hm),
        )
    vocabulary = {i.id: i for i in corpus.vocabulary.model.indicators}
    defeater_defs = {d.id: d for d in corpus.vocabulary.model.defeaters}
    for criterion in framework.criteria:
        pages[criterion_page(criterion.id)] = env.get_template("site/criterion.html").render(
            **common,
            root="../",
            title=f"{criterion.title}",
            c=_criterion_view(criterion, framework, vocabulary, assessments, defeater_defs),
        )
    return SitePages(dict(sorted(pages.items())))


def _parts(framework: Framework) -> list[dict[str, Any]]:
    parts: dict[str, list[dict[str, str]]] = {}
    for c in framework.criteria:
        parts.setdefault(c.part, []).append(
            {"id": c.id, "title": c.title, "href": criterion_page(c.id)}
        )
    return [{"title": k, "criteria": v} for k, v in parts.items()]


def _citation_view(
    c: Citation, sources: Mapping[str, Source] | None = None, anchors: set[str] | None = None
) -> dict[str, Any]:
    """A citation's text, its link to official text (if any), and an in-page anchor for sources."""
    from stc.citations import format_citation, official_url
    from stc.models.citation import SourceCitation

    anchor = None
    if isinstance(c, SourceCitation) and anchors is not None and c.source in anchors:
        anchor = f"#src-{c.source}"
    url = official_url(c) if not isinstance(c, SourceCitation) else c.url
    return {
        "text": format_citation(c, sources),
        "url": url,
        "anchor": anchor,
        "verification": c.verification,
        "note": c.note,
    }


def _caveat_view(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "text": c.text,
        "citations": [_citation_view(x) for x in c.citations],
    }


def _country_view(a: Assessment, bundle: CountryBundle, hm: dict[str, Any]) -> dict[str, Any]:
    from stc.citations import copy_read, format_source

    sources = {k: e.source for k, e in bundle.sources.items()}
    country = bundle.country.model
    cited: set[str] = {s.id for s in a.sources}
    for agreement in country.agreements:
        for cit in [*agreement.citations, *(x for e in agreement.events for x in e.citations)]:
            if getattr(cit, "source", None) in sources:
                cited.add(cit.source)  # type: ignore[union-attr]
    for treaty in country.treaties:
        for cit in treaty.citations:
            if getattr(cit, "source", None) in sources:
                cited.add(cit.source)  # type: ignore[union-attr]
    uses = {s.id: s.items for s in a.sources}
    bibliography = [
        {
            "id": sid,
            "anchor": f"src-{sid}",
            "text": format_source(sources[sid]),
            "url": sources[sid].url,
            "read_at": sources[sid].read_at,
            "copy_read": copy_read(sources[sid].read_at, sources[sid].unpublished),
            "kind": sources[sid].kind,
            "reliability": sources[sid].reliability,
            "family": sources[sid].family,
            "interests": list(sources[sid].interests),
            "item_ids": uses.get(sid, []),
        }
        for sid in sorted(cited)
    ]
    timeline = []
    later = 0
    status = {s.id: s for s in a.agreements}
    for agreement in country.agreements:
        events = []
        for e in sorted(
            agreement.events, key=lambda e: e.date
        ):  # stable: same-day events keep file order
            if e.date > a.as_of:
                later += 1
                continue
            events.append(
                {
                    "date": e.date.isoformat(),
                    "event": e.event.replace("-", " "),
                    "description": e.description,
                    "verification": e.verification,
                    "note": e.note,
                    "citations": [_citation_view(x, sources, cited) for x in e.citations],
                }
            )
        s = status.get(agreement.id)
        timeline.append(
            {
                "id": agreement.id,
                "title": agreement.title,
                "partner": ", ".join(agreement.partners),
                "instrument": agreement.instrument,
                "statutory_basis": agreement.statutory_basis,
                "basis_note": agreement.basis_note,
                "status": s.status if s else "",
                "since": s.since.isoformat() if s and s.since else None,
                "terms_public": agreement.scope.terms_public,
                "events": events,
                "citations": [_citation_view(x, sources, cited) for x in agreement.citations],
            }
        )
    treaties = [
        {
            "title": t.title,
            "status": t.status,
            "date": t.date.isoformat() if t.date else None,
            "verification": t.verification,
            "citations": [_citation_view(x, sources, cited) for x in t.citations],
        }
        for t in country.treaties
    ]
    row = next(r for r in hm["rows"] if r["id"] == a.country.id)
    evidence: dict[str, dict[str, Any]] = {}
    for cell in row["cells"]:
        if cell is None:
            continue
        for ind in cell["indicators"]:
            for it in [*ind["weighed"], *ind["excluded"]]:
                entry = evidence.setdefault(it["id"], {**it, "uses": []})
                entry["uses"].append(
                    {
                        "criterion": cell["title"],
                        "indicator": ind["title"],
                        "value_label": it["value_label"],
                        "excluded": it["excluded"],
                    }
                )
    parts: dict[str, list[dict[str, Any]]] = {}
    for cell in row["cells"]:
        if cell is not None:
            parts.setdefault(cell["part"], []).append({**cell, "href": criterion_page(cell["id"])})
    return {
        "country": {
            "id": a.country.id,
            "title": a.country.title,
            "iso2": a.country.iso2,
            "role": country.role,
            "note": country.note,
        },
        "row": row,
        "hm": hm,
        "fingerprint": a.fingerprint,
        "parts": [{"title": k, "cells": v} for k, v in parts.items()],
        "timeline": timeline,
        "later_events": later,
        "treaties": treaties,
        "evidence": [evidence[k] for k in sorted(evidence)],
        "evidence_ids": sorted(evidence),
        "bibliography": bibliography,
        "caveats": a.caveats,
        "group_specific": a.group_specific,
    }


def _combine_words(node: Any, vocabulary: Mapping[str, Any]) -> str:
    """The combination tree in words: every element of an `all` must be met, one of an `any`;
    a pool weighs several indicators' evidence together as one element."""
    from stc.models.criteria import AllOf, AnyOf, Pool

    def title(i: str) -> str:
        return vocabulary[i].title if i in vocabulary else i

    if isinstance(node, str):
        return title(node)
    if isinstance(node, Pool):
        return "pooled (" + " + ".join(title(i) for i in node.pool) + ")"
    if isinstance(node, AllOf):
        return "all of (" + "; ".join(_combine_words(n, vocabulary) for n in node.all_of) + ")"
    if isinstance(node, AnyOf):
        return "any of (" + "; ".join(_combine_words(n, vocabulary) for n in node.any_of) + ")"
    return str(node)  # pragma: no cover


def _criterion_view(
    criterion: Criterion,
    framework: Framework,
    vocabulary: Mapping[str, Any],
    assessments: list[Assessment],
    defeater_defs: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    from stc.render.heatmap import OUTCOME_SYMBOL, confidence_view, log_lr
    from stc.render.words import OUTCOME_LABEL
    from stc.scoring import LEVEL_WORDS, level_min

    standard = next((s for s in framework.proof_standards if s.id == criterion.standard), None)
    outcomes = []
    for a in assessments:
        r = next((x for x in a.criteria if x.id == criterion.id), None)
        if r is None:
            continue
        outcomes.append(
            {
                "country": a.country.title,
                "href": f"../{country_page(a.country.id)}#crit-{criterion.id}",
                "outcome": r.outcome,
                "label": OUTCOME_LABEL[r.outcome],
                "symbol": OUTCOME_SYMBOL[r.outcome],
                "score": r.score,
                "score_label": log_lr(r.score),
                "conclusion": r.conclusion,
                "established": [
                    f"{d.title} (authority: {'; '.join(d.citations)})"
                    for d in r.defeaters
                    if d.established
                ],
                "confidence": confidence_view(r.confidence),
                "reasons": r.reasons,
            }
        )
    return {
        "id": criterion.id,
        "title": criterion.title,
        "part": criterion.part,
        "statutory_wording": criterion.statutory_wording,
        "rule": criterion.rule,
        "level": criterion.level,
        "kind": criterion.kind,
        "mandatory": criterion.mandatory,
        "combine": _combine_words(criterion.combine, vocabulary)
        if criterion.combine is not None
        else None,
        "fact": (
            criterion.fact.test + (f": {criterion.fact.treaty}" if criterion.fact.treaty else "")
        )
        if criterion.fact
        else None,
        "reserved_to": criterion.reserved_to,
        "effective": criterion.effective,
        "verification": criterion.verification,
        "unverified": criterion.unverified,
        "note": criterion.note,
        "citations": [_citation_view(c) for c in criterion.citations],
        "standard": {
            "title": standard.title,
            "min_support": LEVEL_WORDS[standard.min_support],
            "min_log_lr": f"{level_min(standard.min_support):g}",
            "min_confidence": standard.min_confidence,
            "description": standard.description,
            "citations": [_citation_view(c) for c in standard.citations],
        }
        if standard
        else None,
        "burden": criterion.burden,
        "indicators": [
            {
                "id": i.id,
                "title": vocabulary[i.id].title if i.id in vocabulary else i.id,
                "question": vocabulary[i.id].question if i.id in vocabulary else "",
                "verification": i.verification,
                "note": i.note,
                "citations": [_citation_view(c) for c in i.citations],
            }
            for i in criterion.indicators
        ],
        "defeaters": [
            {
                "id": d.id,
                "title": (defeater_defs or {})[d.id].title
                if d.id in (defeater_defs or {})
                else d.id,
                "verification": d.verification,
                "note": d.note,
                "citations": [_citation_view(c) for c in d.citations],
            }
            for d in criterion.defeaters
        ],
        "defeater_support": LEVEL_WORDS[framework.parameters.defeater_support],
        "outcomes": outcomes,
    }


# ------------------------------------------------------------------------------ writing


def write_site(site: SitePages, out: Path) -> None:
    """Write the site to `out` atomically: build a sibling temporary folder, then rename it.

    An existing `out` is replaced only if it is empty or was written by `stc site`
    (it holds the marker file), so a mistyped -o never deletes someone's folder."""
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise UsageError(f"{out}: exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise UsageError(
                f"{out}: folder is not empty and was not written by `stc site`; choose another -o"
            )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{parent}: no such folder")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    old: Path | None = None
    try:
        for rel, text in sorted({**site.pages, MARKER: MARKER_TEXT}.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        for folder in sorted({p for p in tmp.rglob("*") if p.is_dir()} | {tmp}):
            os.chmod(folder, 0o755)
        for f in tmp.rglob("*"):
            if f.is_file():
                os.chmod(f, 0o644)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=parent))
            os.rmdir(old)
            os.replace(out, old)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not out.exists():
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
