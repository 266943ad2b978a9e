"""The archive manifest (`<archive>/manifest.json`): which stored file holds each source's text,
where and when it was downloaded."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stc.models.common import Slug

SHA256 = r"^[0-9a-f]{64}$"
UTC_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"


class ManifestEntry(BaseModel):
    """One archived source: the stored file is `objects/<sha256[:2]>/<sha256>`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    sha256: str = Field(pattern=SHA256, description="SHA-256 of the stored bytes, hexadecimal.")
    content_type: str = Field(
        min_length=1,
        description='Media type without parameters: "application/pdf", "text/html", ….',
    )
    charset: str | None = Field(
        default=None, description="Character set the server declared for a text document."
    )
    retrieved: str = Field(
        pattern=UTC_DATETIME, description="When it was downloaded: ISO 8601 UTC, e.g. …T09:30:00Z."
    )
    fetched_from: str = Field(
        min_length=1, description="The address actually downloaded (after redirects)."
    )
    original: bool = Field(
        description=(
            "True if downloaded from the publisher's address (the source's url, redirects "
            "followed); False if from the copy recorded in read_at."
        )
    )


class ArchiveManifest(BaseModel):
    """Source id → its archived document. Written with sorted keys, atomically."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_version: Literal[1] = 1
    documents: dict[Slug, ManifestEntry] = Field(default_factory=dict)
