"""Ways of storing and reading back a validated file, compared in one process; prints figures.

    python benchmarks/bench_cache_format.py [--items 1000] [--rounds 15]

For each file (a synthetic evidence file and bibliography as bench_corpus.py writes them, the
shipped US framework, vocabulary and Ecuador's country file), every method is run once per round,
in turn, so that the machine's drift touches them alike; the figure is the median over rounds,
in µs per evidence item or source (ms per file for the others). Reading:

  validate         `model_validate` of the YAML reader's values (what a cold run does after parsing)
  pickle.loads     the pickled model (the cache's layout v1)
  json rebuild     stc.load_cache's rebuilder on the stored JSON (layout v2)
  json+construct   json.loads, then `model_construct` recursively (nested models, lists, optional
                   models and dates only: files with other unions are skipped)
  json+validate    json.loads, then `model_validate` (every validator runs again)
  validate_json    `model_validate_json` of the stored JSON (likewise)

Writing: `pickle.dumps`, and the v2 write (`model_dump_json` and the read-back check).
Every method's result is checked equal to the validated model first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from pydantic import BaseModel  # noqa: E402

import bench_corpus  # noqa: E402
from stc import load_cache  # noqa: E402
from stc.models.country import Bibliography, Country, EvidenceFile  # noqa: E402
from stc.models.criteria import Framework  # noqa: E402
from stc.models.vocabulary import Vocabulary  # noqa: E402
from stc.yaml_reader import parse_yaml  # noqa: E402


@functools.cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def construct(annotation: Any, value: Any) -> Any:
    """`model_construct` all the way down, for the field types of the evidence and source files."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if value is None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        hints = _hints(annotation)
        return annotation.model_construct(**{k: construct(hints[k], v) for k, v in value.items()})
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [construct(item, v) for v in value]
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            raise TypeError("a union of several types")
        return construct(members[0], value)
    if annotation is dt.date:
        return dt.date.fromisoformat(value)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    data = bench_corpus.DATA
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "c000"
        rnd = random.Random(2026)
        bench_corpus.write_country(folder, 0, args.items, bench_corpus.indicator_ids(), rnd)
        files: list[tuple[str, Path, type[BaseModel], int]] = [
            ("synthetic evidence", folder / "evidence.yaml", EvidenceFile, args.items),
            ("synthetic sources", folder / "sources.yaml", Bibliography, max(5, args.items // 20)),
            ("US framework", data / "criteria" / "us-ina-208a2a.yaml", Framework, 0),
            ("vocabulary", data / "criteria" / "vocabulary.yaml", Vocabulary, 0),
            ("ecuador country", data / "countries" / "ecuador" / "country.yaml", Country, 0),
        ]
        print(f"stc: {Path(load_cache.__file__).parent}")
        print(
            f"median of {args.rounds} rounds; µs per item for the synthetic files, "
            "ms per file otherwise"
        )
        for label, path, model, count in files:
            if not path.is_file():
                continue
            report(label, path, model, count, args.rounds)


def report(label: str, path: Path, model: type[BaseModel], count: int, rounds: int) -> None:
    values = parse_yaml(path.read_bytes(), path.name).data
    validated = model.model_validate(values)
    pickled = pickle.dumps(validated, protocol=pickle.HIGHEST_PROTOCOL)
    rebuild = load_cache.rebuilder(model)
    name = f"{model.__module__}.{model.__qualname__}"
    payload = validated.model_dump_json(exclude_unset=True)
    blob = f'{{"model":{json.dumps(name)},"data":{payload}}}\n'.encode()
    plain = payload.encode()

    def write_v2() -> Any:
        dumped = validated.model_dump_json(exclude_unset=True, by_alias=False)
        stored = f'{{"model":{json.dumps(name)},"data":{dumped}}}\n'.encode()
        return rebuild(stored) == validated

    methods: dict[str, Callable[[], Any]] = {
        "validate": lambda: model.model_validate(values),
        "pickle.loads": lambda: pickle.loads(pickled),
        "json rebuild": lambda: rebuild(blob),
        "json+construct": lambda: construct(model, json.loads(plain)),
        "json+validate": lambda: model.model_validate(json.loads(plain)),
        "validate_json": lambda: model.model_validate_json(plain),
        "write: pickle.dumps": lambda: pickle.dumps(validated, protocol=pickle.HIGHEST_PROTOCOL),
        "write: json + check": write_v2,
    }
    for method, run in list(methods.items()):
        try:
            result = run()
        except TypeError:
            del methods[method]
            continue
        if not method.startswith("write") and result != validated:
            print(f"  {method}: NOT EQUAL to the validated model")
            del methods[method]
    times: dict[str, list[float]] = {m: [] for m in methods}
    for _ in range(rounds):
        for method, run in methods.items():
            start = time.perf_counter()
            run()
            times[method].append(time.perf_counter() - start)
    scale, unit = (1e6 / count, "µs/item") if count else (1e3, "ms")
    base = statistics.median(times["pickle.loads"])
    print(
        f"{label} ({path.name}, {len(blob) / 1e3:.0f} kB JSON, {len(pickled) / 1e3:.0f} kB pickle):"
    )
    for method, measured in times.items():
        median = statistics.median(measured)
        print(f"  {method:22s} {median * scale:9.2f} {unit}   {median / base:5.2f} x pickle.loads")


if __name__ == "__main__":
    main()
