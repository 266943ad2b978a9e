"""The forums an exhibit can be prepared for (page labels and cover wording differ)."""

from __future__ import annotations

FORUM_IDS: tuple[str, ...] = ("eoir", "bia", "ddc")
"""Immigration Court (EOIR), Board of Immigration Appeals, US District Court for the District of
Columbia; stc.render.exhibit_model.FORUMS describes each."""
