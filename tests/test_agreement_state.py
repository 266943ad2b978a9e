"""Reading an agreement's timeline: the status on a date and since when it has held."""

from __future__ import annotations

import datetime as dt

from stc.agreements import state_at
from stc.models.country import Agreement


def _agreement(events: list[tuple[str, str]]) -> Agreement:
    cite = [{"type": "source", "source": "s1", "locator": "¶1"}]
    return Agreement.model_validate(
        {
            "id": "a",
            "title": "An agreement",
            "instrument": "Treaty",
            "statutory_basis": "yes",
            "scope": {"terms_public": True},
            "events": [
                {"date": d, "event": e, "description": f"{e} on {d}", "citations": cite}
                for d, e in events
            ],
        }
    )


def test_a_protocol_entering_into_force_does_not_move_since() -> None:
    a = _agreement(
        [
            ("2002-12-05", "signed"),
            ("2004-12-29", "entered-into-force"),
            ("2022-03-29", "signed"),
            ("2023-03-25", "entered-into-force"),
        ]
    )
    s = state_at(a, dt.date(2026, 1, 1))
    assert s.status == "in force"
    assert s.since == dt.date(2004, 12, 29)
    # the latest event is still the one the status is cited to
    assert s.event is not None and s.event.date == dt.date(2023, 3, 25)


def test_since_restarts_after_a_suspension() -> None:
    a = _agreement(
        [
            ("2019-11-19", "entered-into-force"),
            ("2021-02-06", "suspended"),
            ("2025-07-15", "resumed"),
        ]
    )
    assert state_at(a, dt.date(2020, 1, 1)).since == dt.date(2019, 11, 19)
    assert state_at(a, dt.date(2022, 1, 1)).since == dt.date(2021, 2, 6)
    assert state_at(a, dt.date(2026, 1, 1)).status == "in force"
    assert state_at(a, dt.date(2026, 1, 1)).since == dt.date(2025, 7, 15)
