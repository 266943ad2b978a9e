"""Errors in input data, each pointing at file, line and object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int
    obj: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        parts = [where, self.obj] if self.obj else [where]
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.message])


class DataErrors(Exception):
    """One or more errors in the input; the command line prints them and exits 2."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


class UsageError(Exception):
    """A request that cannot be served as asked (unknown country, bad option value)."""
