"""The data folder `stc serve` works on: opened once, opened again when a file in it changes
(a save here, or an edit in another program), and editable only when it is the user's own
folder (not the data installed with stc)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from stc.corpus import Corpus
from stc.serve.security import Refused, checked_id, inside


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every YAML file: cheap, and changed by any save."""
    found: list[tuple[str, int, int]] = []
    for folder in ("criteria", "countries", "profiles"):
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".yaml"):
                    st = os.stat(os.path.join(dirpath, name))
                    found.append((os.path.join(dirpath, name), st.st_size, st.st_mtime_ns))
    return tuple(found)


class Workspace:
    def __init__(self, root: Path, editable: bool) -> None:
        self.root = root
        self.editable = editable
        self._lock = threading.Lock()
        self._corpus: Corpus | None = None
        self._stamp: tuple[tuple[str, int, int], ...] = ()

    def corpus(self) -> Corpus:
        with self._lock:
            stamp = _stamp(self.root)
            if self._corpus is None or stamp != self._stamp:
                self._corpus = Corpus(self.root)
                self._stamp = stamp
            return self._corpus

    def country_ids(self) -> list[str]:
        """Countries whose folder lies inside the workspace (a link leading out is ignored)."""
        ids = []
        for cid in self.corpus().country_ids():
            try:
                inside(self.root / "countries", cid)
            except Refused:
                continue
            ids.append(cid)
        return ids

    def country(self, value: str) -> str:
        return checked_id(value, self.country_ids(), "country")

    def profile(self, value: str) -> str:
        return checked_id(value, self.corpus().profile_ids(), "profile")

    def framework(self, value: str) -> str:
        return checked_id(value, self.corpus().framework_ids(), "framework")

    def _editable(self) -> None:
        if not self.editable:
            raise Refused(
                403,
                "The data installed with stc cannot be edited here. Make your own copy with "
                "`stc init FOLDER`, then start `stc serve --data FOLDER`.",
            )

    def file(self, country: str, name: str) -> Path:
        """countries/<country>/<name>, only inside the workspace and only for editing."""
        self._editable()
        path = inside(self.root, "countries", self.country(country), name)
        if path.is_symlink() or not path.is_file():
            raise Refused(404, "No such file in this data folder.")
        return path

    def shared_file(self) -> Path:
        """countries/sources.yaml (the sources several countries cite), only for editing."""
        self._editable()
        path = inside(self.root, "countries", "sources.yaml")
        if path.is_symlink() or not path.is_file():
            raise Refused(
                404,
                "This data folder has no shared sources file (countries/sources.yaml); add each "
                "source to the country that cites it.",
            )
        return path
