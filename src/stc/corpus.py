"""The data folder: criteria, countries and profiles, loaded lazily and checked as a whole.

Layout (the same for the data shipped with stc and for a folder given with --data or STC_DATA):
    criteria/vocabulary.yaml         shared indicators, groups, undercutters
    criteria/<framework>.yaml        one legal framework each
    countries/sources.yaml           sources cited by several countries (optional)
    countries/<id>/country.yaml      treaties and agreements
    countries/<id>/sources.yaml      bibliography
    countries/<id>/evidence.yaml     evidence items
    profiles/<id>.yaml               applicant profiles
"""

from __future__ import annotations

import hashlib
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from stc.errors import DataError, DataErrors, UsageError
from stc.loaded import CountryBundle, Loaded, M
from stc.models.country import Bibliography, Country, EvidenceFile
from stc.models.criteria import Framework
from stc.models.vocabulary import Vocabulary

if TYPE_CHECKING:
    from stc.models.profile import Profile

DATA_ENV = "STC_DATA"
VOCABULARY_FILE = "vocabulary.yaml"
SHARED_SOURCES = Path("countries") / "sources.yaml"


def default_data_root() -> Path:
    """The data shipped with stc: inside the installed package, or the source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parents[1]):
        if (candidate / "criteria" / VOCABULARY_FILE).is_file():
            return candidate
    raise UsageError("no data folder found; pass --data DIR or set STC_DATA")


def resolve_data_root(option: Path | None) -> Path:
    if option is not None:
        root, how = option, "--data"
    elif os.environ.get(DATA_ENV):
        root, how = Path(os.environ[DATA_ENV]), DATA_ENV
    else:
        return default_data_root()
    if not (root / "criteria" / VOCABULARY_FILE).is_file():
        raise UsageError(
            f"{how} {root}: not a stc data folder (criteria/{VOCABULARY_FILE} is missing)"
        )
    return root


class Corpus:
    """Lazy access to one data folder; every accessor validates what it loads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._countries: dict[str, CountryBundle] = {}
        self._assessed: dict[tuple[str, str], CountryBundle] = {}
        self._frameworks: dict[str, Loaded[Framework]] = {}

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def load(self, path: Path, model: type[M]) -> Loaded[M]:
        from stc.load_cache import load_validated

        result, doc = load_validated(path, self.display(path), model)
        return Loaded(result, doc, path)

    # -- criteria ---------------------------------------------------------------------------

    @cached_property
    def vocabulary(self) -> Loaded[Vocabulary]:
        from stc.references import check_vocabulary

        loaded = self.load(self.root / "criteria" / VOCABULARY_FILE, Vocabulary)
        check_vocabulary(loaded)
        return loaded

    def framework_ids(self) -> list[str]:
        folder = self.root / "criteria"
        return sorted(p.stem for p in folder.glob("*.yaml") if p.name != VOCABULARY_FILE)

    def framework(self, framework_id: str | None = None) -> Loaded[Framework]:
        from stc.references import check_framework

        chosen = framework_id or self.default_framework_id()
        if chosen not in self._frameworks:
            path = self.root / "criteria" / f"{chosen}.yaml"
            if not path.is_file():
                raise UsageError(
                    f"unknown framework {chosen!r}; known: {', '.join(self.framework_ids())}"
                )
            loaded = self.load(path, Framework)
            check_framework(loaded, self.vocabulary.model)
            self._frameworks[chosen] = loaded
        return self._frameworks[chosen]

    @cached_property
    def _default_framework(self) -> str:
        """The one framework that is not a comparator (the statute the tool is about)."""
        from stc.load_cache import load_top_level_scalar

        primary = []
        for fid in self.framework_ids():
            # only the top of each file is read (`comparator` stands before the criteria), or
            # the value is taken from the cache when the file's bytes are unchanged
            path = self.root / "criteria" / f"{fid}.yaml"
            if load_top_level_scalar(path, f"criteria/{fid}.yaml", "comparator") is False:
                primary.append(fid)
        if len(primary) != 1:
            raise UsageError("cannot choose a default framework: pass --framework ID")
        return primary[0]

    def default_framework_id(self) -> str:
        return self._default_framework

    # -- countries --------------------------------------------------------------------------

    def country_ids(self) -> list[str]:
        folder = self.root / "countries"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if (p / "country.yaml").is_file())

    @cached_property
    def shared_sources(self) -> Loaded[Bibliography] | None:
        path = self.root / SHARED_SOURCES
        return self.load(path, Bibliography) if path.is_file() else None

    def country(self, country_id: str) -> CountryBundle:
        from stc.references import check_country

        if country_id not in self._countries:
            folder = self.root / "countries" / country_id
            if not (folder / "country.yaml").is_file():
                known = ", ".join(self.country_ids()) or "none"
                raise UsageError(f"unknown country {country_id!r}; known: {known}")
            errors: list[DataError] = []
            parts: dict[str, Loaded] = {}
            for name, model in (
                ("country", Country),
                ("sources", Bibliography),
                ("evidence", EvidenceFile),
            ):
                try:
                    parts[name] = self.load(folder / f"{name}.yaml", model)
                except DataErrors as exc:
                    errors.extend(exc.errors)
            if errors:
                raise DataErrors(errors)
            bundle = CountryBundle(
                country_id, parts["country"], parts["sources"], parts["evidence"]
            )
            check_country(bundle, self.shared_sources, self.vocabulary.model, self.display(folder))
            self._countries[country_id] = bundle
        return self._countries[country_id]

    def assessed_country(self, country_id: str, profile_ref: str | None) -> CountryBundle:
        """The country's folder as assessed for a profile: with the person's own items about
        the country and their sources joined in (marked as the person's by the engine), so
        every output that looks up an item or source finds them. Without a profile, or without
        the person's evidence about this country, the country's bundle itself."""
        bundle = self.country(country_id)
        if profile_ref is None:
            return bundle
        if (country_id, profile_ref) not in self._assessed:
            self._assessed[country_id, profile_ref] = self._with_person(bundle, profile_ref)
        return self._assessed[country_id, profile_ref]

    def _with_person(self, bundle: CountryBundle, profile_ref: str) -> CountryBundle:
        import dataclasses

        from stc.loaded import SourceEntry
        from stc.references import check_person_evidence

        loaded = self.profile(profile_ref)
        own = loaded.model.items_for(bundle.country.model.iso2)
        if not own:
            return bundle
        check_person_evidence(loaded, bundle, self.shared_sources)
        used = {i.source for i in own}
        sources = dict(bundle.sources)
        for index, source in enumerate(loaded.model.sources):
            if source.id in used:
                sources[source.id] = SourceEntry(source, loaded.doc, index)
        evidence = EvidenceFile(schema_version=2, items=[*bundle.evidence.model.items, *own])
        return dataclasses.replace(
            bundle,
            evidence=Loaded(evidence, bundle.evidence.doc, bundle.evidence.path),
            sources=sources,
        )

    # -- profiles ---------------------------------------------------------------------------

    def profile_ids(self) -> list[str]:
        folder = self.root / "profiles"
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def profile(self, ref: str) -> Loaded[Profile]:
        """A profile by file path or by id in the data folder's profiles/."""
        from stc.models.profile import Profile  # imported only by a run that reads a profile
        from stc.references import check_profile

        path = Path(ref)
        if not path.is_file():
            path = self.root / "profiles" / f"{ref}.yaml"
        if not path.is_file():
            known = ", ".join(self.profile_ids()) or "none"
            raise UsageError(
                f"no profile {ref!r} (neither a file nor a profile id; known ids: {known})"
            )
        loaded = self.load(path, Profile)
        check_profile(loaded, self.vocabulary.model)
        return loaded


def fingerprint(paths: list[Path]) -> str:
    """sha256 over the bytes of every input file, in a fixed order; names are not hashed,
    so the same data gives the same fingerprint wherever it lives."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        data = path.read_bytes()
        digest.update(f"{path.parent.name}/{path.name}:{len(data)}\n".encode())
        digest.update(data)
    return "sha256:" + digest.hexdigest()
