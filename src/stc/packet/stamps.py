"""Page stamps laid over the packet's pages: one number per page, consecutive across the
packet, at the foot on the right; and a part label at the head of a part's first page."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from stc.packet.typeset import Typesetting

if TYPE_CHECKING:
    from pypdf import PageObject

_INCH = 72.0
_STAMP = (2.4, 0.3)  # width, height in inches
_LABEL = (6.5, 0.3)


def stamp_label(prefix: str, number: int) -> str:
    return f"{prefix}-{number:06d}"


def _overlays(
    labels: list[str], size: tuple[float, float], right: bool, ts: Typesetting
) -> list[PageObject]:
    from pypdf import PdfReader

    data = json.dumps({"labels": labels, "width": size[0], "height": size[1], "right": right})
    return list(PdfReader(io.BytesIO(ts.compile("stamp.typ", data))).pages)


def _lay(page: PageObject, overlay: PageObject, size: tuple[float, float], top: bool) -> None:
    from pypdf import Transformation

    if page.get("/Rotate"):
        page.transfer_rotation_to_content()
    box = page.mediabox
    w, h = size[0] * _INCH, size[1] * _INCH
    if top:
        tx, ty = float(box.left) + 0.5 * _INCH, float(box.top) - h - 0.2 * _INCH
    else:
        tx, ty = float(box.right) - w - 0.4 * _INCH, float(box.bottom) + 0.2 * _INCH
    page.merge_transformed_page(overlay, Transformation().translate(tx, ty))
    page.compress_content_streams()


def stamp_overlays(labels: list[str], ts: Typesetting) -> list[PageObject]:
    """One overlay page per label, typeset together (one font subset for all)."""
    return _overlays(labels, _STAMP, True, ts)


def stamp_page(page: PageObject, overlay: PageObject) -> None:
    """Lay a stamp over a page (a writer's page: the overlay's resources are copied once per
    file), at the foot on the right."""
    _lay(page, overlay, _STAMP, top=False)


def label_first_pages(pages: list[PageObject], labels: list[str], ts: Typesetting) -> None:
    """Lay label i at the head of page i (a part's first page)."""
    for page, overlay in zip(pages, _overlays(labels, _LABEL, False, ts), strict=True):
        _lay(page, overlay, _LABEL, top=True)
