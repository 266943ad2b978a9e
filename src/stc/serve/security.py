"""Request checks for `stc serve`: the Host header (so a web page on another site cannot reach
the server through a rebound DNS name), the Origin of every form post, a CSRF token per browser
session, ids that name only what the data folder holds, and paths that stay inside the
workspace (symbolic links followed before the check)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

SESSION_COOKIE = "stc_session"
CSRF_FIELD = "csrf"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


class Refused(Exception):
    """A request refused for safety; the page says why, in plain words."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def new_session() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(secret: bytes, session: str) -> str:
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def check_csrf(secret: bytes, session: str | None, token: str | None) -> None:
    if not session or not token or not hmac.compare_digest(csrf_token(secret, session), token):
        raise Refused(
            403,
            "This form was not sent from a page of this server (its security token is missing "
            "or out of date). Reload the page and send the form again.",
        )


def check_host(host: str | None, allowed: frozenset[str]) -> None:
    if (host or "").lower() not in allowed:
        raise Refused(400, "This server answers only at its own address.")


def check_origin(origin: str | None, referer: str | None, allowed: frozenset[str]) -> None:
    """A form post must come from a page of this server: its Origin (or, without one, its
    Referer) must name an allowed host."""
    for value in (origin, referer):
        if value and value != "null":
            if urlsplit(value).netloc.lower() not in allowed:
                raise Refused(403, "A page of another site tried to send this form; refused.")
            return
        if value == "null":
            raise Refused(403, "A page of another site tried to send this form; refused.")


def checked_id(value: str, known: list[str], what: str) -> str:
    """`value` when it is one of `known` (ids read from the data folder); a 404 otherwise."""
    if not _ID.match(value) or value not in known:
        raise Refused(404, f"There is no {what} {value!r} in this data folder.")
    return value


def inside(root: Path, *parts: str) -> Path:
    """root/parts…, refused unless it resolves (links followed) inside root."""
    for part in parts:
        if not part or "/" in part or "\\" in part or part in (".", "..") or "\0" in part:
            raise Refused(404, "No such file in this data folder.")
    base = root.resolve()
    target = root.joinpath(*parts)
    resolved = target.resolve()
    if not resolved.is_relative_to(base):
        raise Refused(404, "No such file in this data folder.")
    return target
