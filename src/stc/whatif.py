"""What-if settings: `--set PARAM=VALUE` changes a framework's model parameters, proof
standards or burdens for one run, so a user can argue in the alternative.

The changed framework is validated again by its pydantic model, so a setting can never
produce a framework the data format forbids. The settings are recorded in every report.

Accepted settings (KEY=VALUE):

    standard=ID                    every evidence criterion uses proof standard ID
    standard.CRITERION=ID          one criterion uses proof standard ID
    burden=proponent|opponent      every evidence criterion puts the burden on that side
    burden.CRITERION=proponent|opponent
    min_support.STANDARD=LEVEL     the strength of support a proof standard needs
                                   (weak, moderate, moderately-strong, strong, very-strong)
    defeater_support=LEVEL         the strength at which a defeater is established
    half_life_days=N               recency half-life in days
    interest_discount=X            factor on sources speaking in their own interest
    source_kind.KIND=X             shrink factor of a source kind, in [0, 1]
    reliability.GRADE=X, credibility.N=X
    exclude_kinds=KIND[,KIND...]   items from these source kinds are recorded but not weighed
"""

from __future__ import annotations

import re
from typing import Any

from stc.errors import UsageError
from stc.models.criteria import Framework

SETTING_NAMES: tuple[str, ...] = (
    "standard",
    "burden",
    "min_support",
    "defeater_support",
    "half_life_days",
    "interest_discount",
    "source_kind",
    "reliability",
    "credibility",
    "exclude_kinds",
)
"""Every setting `--set` accepts (the part before any dot); docs/methodology.md § 14 documents
each (checked by a test)."""

_KEY = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_-]+)?$")
_SCALARS = {"half_life_days": int, "interest_discount": float}
_TABLES = {"source_kind": str, "reliability": str, "credibility": int}
_LEVELS = ("weak", "moderate", "moderately-strong", "strong", "very-strong")
BURDEN_PARTY = {
    "proponent": "whoever asserts that the condition is met (what-if setting)",
    "opponent": "whoever asserts that the condition is not met (what-if setting)",
}


def parse_settings(values: list[str] | None) -> dict[str, str]:
    """`KEY=VALUE` strings to an ordered mapping; a key given twice is an error."""
    settings: dict[str, str] = {}
    for raw in values or []:
        key, sep, value = raw.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise UsageError(f"--set {raw!r}: write it as KEY=VALUE (see `stc assess --help`)")
        if not _KEY.match(key):
            raise UsageError(f"--set {raw!r}: {key!r} is not a setting name")
        if key in settings:
            raise UsageError(f"--set {key}: given twice")
        settings[key] = value
    return settings


def _number(key: str, value: str, kind: type) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise UsageError(
            f"--set {key}={value}: expected {'a whole number' if kind is int else 'a number'}"
        ) from None


def _evidence_criteria(data: dict[str, Any], key: str, target: str | None) -> list[dict[str, Any]]:
    chosen = [
        c
        for c in data["criteria"]
        if c["kind"] == "evidence" and (target is None or c["id"] == target)
    ]
    if target is not None and not chosen:
        known = ", ".join(c["id"] for c in data["criteria"] if c["kind"] == "evidence")
        raise UsageError(
            f"--set {key}: no evidence criterion {target!r} in this framework; known: {known}"
        )
    return chosen


def _apply_one(data: dict[str, Any], key: str, value: str) -> None:
    name, _, target = key.partition(".")
    params = data["parameters"]
    if name == "standard":
        known = [s["id"] for s in data["proof_standards"]]
        if value not in known:
            raise UsageError(
                f"--set {key}={value}: unknown proof standard; known: {', '.join(known)}"
            )
        for crit in _evidence_criteria(data, key, target or None):
            crit["standard"] = value
    elif name == "burden":
        if value not in BURDEN_PARTY:
            raise UsageError(f"--set {key}={value}: the burden is 'proponent' or 'opponent'")
        for crit in _evidence_criteria(data, key, target or None):
            crit["burden"] = {
                "borne_by": value,
                "party": BURDEN_PARTY[value],
                "verification": "V1",
                "note": "Set for this run with --set.",
            }
    elif name == "min_support" and target:
        match = [s for s in data["proof_standards"] if s["id"] == target]
        if not match:
            raise UsageError(f"--set {key}: unknown proof standard {target!r}")
        if value not in _LEVELS:
            raise UsageError(
                f"--set {key}={value}: a strength of support is one of {', '.join(_LEVELS)}"
            )
        match[0]["min_support"] = value
    elif name == "defeater_support" and not target:
        if value not in _LEVELS:
            raise UsageError(
                f"--set {key}={value}: a strength of support is one of {', '.join(_LEVELS)}"
            )
        params["defeater_support"] = value
    elif name in _SCALARS and not target:
        params[name] = _number(key, value, _SCALARS[name])
    elif name in _TABLES and target:
        table_key: Any = _number(key, target, int) if _TABLES[name] is int else target
        if table_key not in params[name] and name != "source_kind":
            raise UsageError(
                f"--set {key}: {target!r} is not a level of {name}; known: "
                f"{', '.join(str(k) for k in params[name])}"
            )
        params[name][table_key] = _number(key, value, float)
    elif name == "exclude_kinds" and not target:
        params["excluded_source_kinds"] = sorted({k.strip() for k in value.split(",") if k.strip()})
    else:
        raise UsageError(f"--set {key}: not a setting (see `stc assess --help` for the list)")


def apply_settings(framework: Framework, settings: dict[str, str]) -> Framework:
    """A copy of the framework with the settings applied, validated again."""
    if not settings:
        return framework
    from pydantic import ValidationError

    data = framework.model_dump()
    for key, value in settings.items():
        _apply_one(data, key, value)
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        shown = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_url=False)
        )
        given = ", ".join(f"{k}={v}" for k, v in settings.items())
        raise UsageError(f"--set {given}: the changed framework is not valid: {shown}") from None


def describe(settings: dict[str, str]) -> list[str]:
    """Settings as sorted `KEY=VALUE` lines, for reports."""
    return [f"{k}={v}" for k, v in sorted(settings.items())]
