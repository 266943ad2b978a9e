"""`stc init DIR`: a copy of the data shipped with stc (criteria, countries, profiles) in a folder
the user owns, to edit and to use with `--data DIR`.

A non-empty folder is refused unless `force` is given; even then no file is overwritten
silently: a file that exists with other content is first copied to `.stc-backups/` in the
folder, and every such file is named in the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from stc.errors import UsageError
from stc.output import write_atomic

PARTS = ("criteria", "countries", "profiles")


@dataclass
class InitReport:
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (file, its backup)


def init_workspace(target: Path, force: bool, source: Path | None = None) -> InitReport:
    from stc.corpus import default_data_root

    origin = source or default_data_root()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(
            f"{target}: the folder is not empty; choose an empty or new folder, or add --force "
            "to copy into it (a file that differs is backed up to .stc-backups/ first)"
        )
    if target.resolve() == origin.resolve():
        raise UsageError(f"{target}: this is the data folder stc is copying from")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report = InitReport()
    for part in PARTS:
        for path in sorted((origin / part).rglob("*")):
            if not path.is_file() or path.suffix not in (".yaml", ".yml"):
                continue
            relative = path.relative_to(origin)
            shown = relative.as_posix()
            dest = target / relative
            data = path.read_bytes()
            if dest.is_file():
                old = dest.read_bytes()
                if old == data:
                    report.unchanged.append(shown)
                    continue
                backup = target / ".stc-backups" / relative.parent / f"{relative.name}.{stamp}"
                backup.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(backup, old)
                report.replaced.append((shown, backup.relative_to(target).as_posix()))
            elif dest.exists():
                raise UsageError(f"{dest}: exists and is not a file; nothing more was copied")
            else:
                report.copied.append(shown)
            dest.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(dest, data)
    return report
