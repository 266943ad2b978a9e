"""The scope gate follows the in-force gate: a disputed agreement leaves both undecided."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stc.facts import FACT_RULES
from stc.models.country import Country
from stc.models.criteria import FactTest
from stc.models.profile import Profile

PROFILE = Profile(schema_version=1, id="p", label="P", nationality=["HN"])
SIGNED = dt.date(2025, 1, 10)
DISPUTED = dt.date(2025, 2, 1)
CITE = [{"type": "source", "source": "s"}]


def _country(events: list[dict[str, Any]]) -> Country:
    return Country.model_validate(
        {
            "schema_version": 1,
            "id": "x",
            "name": "X",
            "iso2": "XX",
            "role": "target",
            "agreements": [
                {
                    "id": "a",
                    "title": "An agreement",
                    "instrument": "memorandum",
                    "statutory_basis": "yes",
                    "scope": {"terms_public": True, "nationalities": ["HN"]},
                    "events": events,
                }
            ],
        }
    )


def _outcomes(country: Country, as_of: dt.date) -> tuple[str, str]:
    gate = FACT_RULES["agreement-in-force"](
        FactTest(test="agreement-in-force"), country, None, as_of, ["US"]
    )
    scope = FACT_RULES["within-agreement-scope"](
        FactTest(test="within-agreement-scope"), country, PROFILE, as_of, ["US"]
    )
    return gate.outcome, scope.outcome


def test_disputed_agreement_leaves_scope_undecided_not_failed() -> None:
    country = _country(
        [
            {"date": SIGNED, "event": "entered-into-force", "description": "d", "citations": CITE},
            {"date": DISPUTED, "event": "disputed", "description": "d", "citations": CITE},
        ]
    )
    assert _outcomes(country, SIGNED) == ("met", "met")
    assert _outcomes(country, DISPUTED) == ("insufficient", "insufficient")


def test_agreement_not_yet_in_force_still_fails_scope() -> None:
    country = _country([{"date": SIGNED, "event": "signed", "description": "d", "citations": CITE}])
    assert _outcomes(country, DISPUTED) == ("not-met", "not-met")
