"""Typst compilation for the packet: its templates, a fixed document date, PDF/A on request."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib import resources
from typing import Literal, get_args

from stc.packet.model import Doc

PdfStandard = Literal["a-2b", "a-2u", "a-2a", "a-3b", "a-3u", "a-3a", "a-4"]
PDF_STANDARDS: tuple[PdfStandard, ...] = get_args(PdfStandard)
"""PDF/A levels the installed typst package writes (a-1b is refused: typst's output uses
transparency, which PDF/A-1 forbids)."""


def as_pdf_standard(value: str) -> PdfStandard:
    """The PDF/A level named `value`; a ValueError for any other."""
    for standard in PDF_STANDARDS:
        if standard == value:
            return standard
    raise ValueError(f"unknown PDF/A level {value!r}")


@dataclass(frozen=True)
class Typesetting:
    """How every PDF of one packet is compiled: the same date and standard throughout."""

    timestamp: int  # seconds since the epoch: the documents' creation date
    pdf_standard: str | None

    def compile(self, template: str, data: Doc | str) -> bytes:
        import typst

        source = _template("caption.typ") + "\n" + _template(template)
        payload = data if isinstance(data, str) else data.model_dump_json()
        if self.pdf_standard is None:
            return typst.compile(
                source.encode("utf-8"), sys_inputs={"data": payload}, timestamp=self.timestamp
            )
        return typst.compile(
            source.encode("utf-8"),
            sys_inputs={"data": payload},
            timestamp=self.timestamp,
            pdf_standards=[as_pdf_standard(self.pdf_standard)],
        )


def _template(name: str) -> str:
    return resources.files("stc.packet").joinpath(f"templates/{name}").read_text("utf-8")


def fixed_timestamp(as_of: dt.date) -> int:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else midnight UTC of
    the as-of date: the same inputs give the same bytes whenever they are built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    return int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC).timestamp())
