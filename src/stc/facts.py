"""Fact criteria: decided from the country file and the profile, not by weighing evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stc.agreements import IN_FORCE, state_at
from stc.models.common import Confidence
from stc.models.country import Agreement, Country
from stc.models.criteria import FactTest
from stc.models.result import Outcome
from stc.render.words import verification as verification_words

if TYPE_CHECKING:
    from stc.models.profile import Profile

_CONFIDENCE_OF_VERIFICATION: dict[str, Confidence] = {
    "V1": "high",
    "V2": "moderate",
    "V3-weak": "low",
    "not-seen": "very-low",
}


@dataclass(frozen=True)
class FactFinding:
    outcome: Outcome
    reasons: list[str]
    confidence: Confidence | None = None


def _with_senders(country: Country, senders: list[str] | str) -> list[Agreement]:
    """The agreements one of whose other parties is a sending state of the framework."""
    return [a for a in country.agreements if senders == "any" or set(a.partners) & set(senders)]


def _senders_text(senders: list[str] | str) -> str:
    if senders == "any":
        return "any sending state"
    return (
        ", ".join(senders)
        if len(senders) <= 3
        else f"one of the {len(senders)} sending states of this framework"
    )


def _agreement_in_force(
    test: FactTest,
    country: Country,
    profile: Profile | None,
    as_of: dt.date,
    senders: list[str] | str,
) -> FactFinding:
    agreements = _with_senders(country, senders)
    if not agreements:
        return FactFinding(
            "not-met",
            [f"No agreement between {country.name} and {_senders_text(senders)} is recorded."],
            "moderate",
        )
    states = [state_at(a, as_of) for a in agreements]
    lines = [
        f"{s.agreement.title}: {s.status}"
        + (f" since {s.since.isoformat()}" if s.since else "")
        + f" (statutory basis: {s.agreement.statutory_basis})"
        for s in states
    ]
    qualifying = [
        s for s in states if s.status == IN_FORCE and s.agreement.statutory_basis == "yes"
    ]
    if qualifying:
        best = qualifying[0]
        verification = best.event.verification if best.event else "not-seen"
        note = (
            []
            if verification == "V1"
            else [
                "The event that put it in force was not read in its primary text "
                f"({verification_words(verification)})."
            ]
        )
        return FactFinding(
            "met",
            [f"An agreement under the statute is in force on {as_of.isoformat()}.", *lines, *note],
            _CONFIDENCE_OF_VERIFICATION[verification],
        )
    doubtful = [
        s
        for s in states
        if s.status == "disputed"
        or (s.status == IN_FORCE and s.agreement.statutory_basis == "disputed")
    ]
    if doubtful:
        return FactFinding(
            "insufficient",
            [
                f"Whether an agreement under the statute is in force on {as_of.isoformat()} is "
                "disputed.",
                *lines,
            ],
            "low",
        )
    return FactFinding(
        "not-met",
        [f"No agreement under the statute is in force on {as_of.isoformat()}.", *lines],
        "high",
    )


def _within_scope(
    test: FactTest,
    country: Country,
    profile: Profile | None,
    as_of: dt.date,
    senders: list[str] | str,
) -> FactFinding:
    assert profile is not None
    states = [state_at(a, as_of) for a in _with_senders(country, senders)]
    active = [s for s in states if s.status == IN_FORCE and s.agreement.statutory_basis != "no"]
    if not active:
        disputed = [
            s for s in states if s.status == "disputed" and s.agreement.statutory_basis != "no"
        ]
        if disputed:
            # the gate reports this as undecided; the scope cannot be "not met" for want of an
            # agreement whose being in force is itself in dispute
            return FactFinding(
                "insufficient",
                [
                    f"Whether {disputed[0].agreement.title} is in force on {as_of.isoformat()} is "
                    "disputed, so whether the applicant is within its scope cannot be told."
                ],
            )
        return FactFinding(
            "not-met",
            [f"No agreement is in force on {as_of.isoformat()}, so no one is within its scope."],
        )
    scope = active[0].agreement.scope
    title = active[0].agreement.title
    if set(profile.nationality) & set(scope.excluded_nationalities):
        return FactFinding("not-met", [f"{title} excludes the applicant's nationality."])
    if not scope.terms_public or scope.nationalities is None:
        why = (
            "its terms deciding who may be transferred are not public"
            if not scope.terms_public
            else "its terms list no nationalities"
        )
        return FactFinding(
            "insufficient",
            [f"Whether the applicant is within the scope of {title} cannot be told: {why}."],
        )
    if set(profile.nationality) & set(scope.nationalities):
        return FactFinding("met", [f"The applicant's nationality is among those {title} covers."])
    return FactFinding(
        "not-met",
        [
            f"{title} covers {', '.join(scope.nationalities)}; the applicant holds "
            f"{', '.join(profile.nationality) or 'no nationality'}."
        ],
    )


def _not_national(
    test: FactTest,
    country: Country,
    profile: Profile | None,
    as_of: dt.date,
    senders: list[str] | str,
) -> FactFinding:
    assert profile is not None
    if profile.stateless:
        if profile.last_habitual_residence is None:
            return FactFinding(
                "insufficient",
                [
                    "The applicant is stateless and the profile gives no country of last "
                    "habitual residence."
                ],
            )
        if profile.last_habitual_residence == country.iso2:
            return FactFinding(
                "not-met",
                [f"The applicant is stateless and last habitually resided in {country.name}."],
            )
        return FactFinding(
            "met",
            [
                "The applicant is stateless and last habitually resided in "
                f"{profile.last_habitual_residence}, not {country.name}."
            ],
        )
    if country.iso2 in profile.nationality:
        return FactFinding("not-met", [f"The applicant is a national of {country.name}."])
    return FactFinding(
        "met",
        [
            f"The applicant's nationality ({', '.join(profile.nationality)}) is not "
            f"{country.name}'s ({country.iso2})."
        ],
    )


def _not_unaccompanied_child(
    test: FactTest,
    country: Country,
    profile: Profile | None,
    as_of: dt.date,
    senders: list[str] | str,
) -> FactFinding:
    assert profile is not None
    if profile.unaccompanied_child:
        return FactFinding(
            "not-met", ["The applicant is an unaccompanied child: the bar does not apply."]
        )
    if profile.unaccompanied_child is False:
        return FactFinding(
            "met", ["The profile states the applicant is not an unaccompanied child."]
        )
    if profile.age is not None and profile.age >= 18:
        return FactFinding("met", [f"The applicant is {profile.age}, an adult."])
    return FactFinding(
        "insufficient",
        ["The profile does not say whether the applicant is an unaccompanied child."],
    )


def _treaty_party(
    test: FactTest,
    country: Country,
    profile: Profile | None,
    as_of: dt.date,
    senders: list[str] | str,
) -> FactFinding:
    for treaty in country.treaties:
        if treaty.treaty == test.treaty:
            if treaty.status == "party" and (treaty.date is None or treaty.date <= as_of):
                when = f" since {treaty.date.isoformat()}" if treaty.date else ""
                return FactFinding(
                    "met",
                    [f"{country.name} is a party to {treaty.title}{when}."],
                    _CONFIDENCE_OF_VERIFICATION[treaty.verification],
                )
            return FactFinding(
                "not-met",
                [
                    f"{country.name} is not a party to {treaty.title} on {as_of.isoformat()} "
                    f"(recorded: {treaty.status})."
                ],
            )
    return FactFinding(
        "insufficient", [f"The country file records no status for treaty {test.treaty!r}."]
    )


FactRule = Callable[[FactTest, Country, "Profile | None", dt.date, "list[str] | str"], FactFinding]

FACT_RULES: dict[str, FactRule] = {
    "agreement-in-force": _agreement_in_force,
    "within-agreement-scope": _within_scope,
    "not-country-of-nationality": _not_national,
    "not-unaccompanied-child": _not_unaccompanied_child,
    "treaty-party": _treaty_party,
}

NEEDS_PROFILE = frozenset(
    {"within-agreement-scope", "not-country-of-nationality", "not-unaccompanied-child"}
)
