"""Reading an agreement's timeline at a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stc.models.country import Agreement, AgreementEvent

# What each kind of event makes the agreement; None keeps the state it had.
_EFFECT: dict[str, str | None] = {
    "announced": "concluded, not in force",
    "signed": "concluded, not in force",
    "published": "concluded, not in force",
    "entered-into-force": "in force",
    "implemented": "in force",
    "resumed": "in force",
    "suspended": "suspended",
    "terminated": "terminated",
    "disputed": "disputed",
}
_WEAK = {"announced", "signed", "published"}
IN_FORCE = "in force"


@dataclass(frozen=True)
class AgreementState:
    agreement: Agreement
    status: str
    since: dt.date | None
    event: AgreementEvent | None


def state_at(agreement: Agreement, as_of: dt.date) -> AgreementState:
    """The status set by the last event on or before `as_of`. Announcing, signing or
    publishing never undoes a later state (a protocol signed while in force keeps it in force).
    `since` is when the current status began: an event that confirms the status the agreement
    already had (a protocol entering into force while the agreement is in force) does not
    move it, so an agreement in force since 2004 is not reported as in force since its protocol."""
    status, since, last = "not yet concluded", None, None
    for event in sorted(agreement.events, key=lambda e: (e.date, list(_EFFECT).index(e.event))):
        if event.date > as_of:
            break
        effect = _EFFECT[event.event]
        if event.event in _WEAK and status not in ("not yet concluded", "concluded, not in force"):
            continue
        if effect is not None:
            if effect != status:
                since = event.date
            status, last = effect, event
    return AgreementState(agreement, status, since, last)
