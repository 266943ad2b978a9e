"""What a terminal would show, as plain text for a file: rendered off screen into memory, with
no colour codes."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def off_screen(draw: Callable[[Console], None], width: int) -> str:
    """Run `draw` on a recording console that writes to memory, and return the text."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    draw(console)
    return console.export_text()


def renderables_text(renderables: Sequence[RenderableType], width: int = 160) -> str:
    def draw(console: Console) -> None:
        for r in renderables:
            console.print(r)

    return off_screen(draw, width)
