"""Garbage-collector settings for batch work (loading and assessing a large corpus).

CPython's cyclic garbage collector runs a young-generation pass every 700 net container
allocations and, every ten of those, an older pass; each older pass walks every container object
alive, including the tens of thousands made by importing pydantic, typer, rich and the models.
Loading a corpus allocates millions of containers (dicts, lists, models) that stay alive until the
run ends, so those passes find nothing to free, and their cost grows with what has been loaded:
the collector was measured at 32-41 % of `stc compare` on a synthetic corpus of 100 countries of
1,000 evidence items each.

`tune_gc_for_batch()` does two things:

  - `gc.freeze()`: the objects alive when it is called (everything imported so far) move to a
    permanent generation that no pass walks again;
  - `gc.set_threshold(GEN0, GEN1, GEN2)`: a young pass every GEN0 net allocations instead of 700,
    and older passes correspondingly rarer.

Measured with `benchmarks/bench_corpus.py --countries 100 --items 1000` (one run each, best of
two timings, Python 3.11, this module's thresholds against Python's defaults):

  load only, no cache     16.8 s -> 11.1 s    load only, warm cache    3.33 s -> 1.58 s
  compare, no cache       20.8 s -> 15.0 s    compare, warm cache      8.26 s -> 5.15 s
  young-generation passes 82,793 -> 897; tracemalloc peak 486.4 / 328.5 MB (no cache / warm)
  in both; maximum resident set 1,073 -> 1,070 MB.

On 30 countries x 1,000 items (single runs), freezing alone, thresholds left at 700, 10, 10,
gained about a tenth (compare without the cache 5.98 s -> 5.37 s); a first threshold of 10,000
gave most of the gain (4.40 s), 50,000 or 100,000 about as much (4.19 s, 4.29 s), and turning
automatic collection off no more (4.47 s). Reference cycles are still collected, only later;
the traced peak did not move.

Call it once, after the imports, before loading data; it is meant for a process that exits when
the batch is done (a command-line run), not for a library caller's long-lived process.
"""

from __future__ import annotations

import gc

GEN0 = 50_000
GEN1 = 20
GEN2 = 100


def tune_gc_for_batch(gen0: int = GEN0, gen1: int = GEN1, gen2: int = GEN2) -> None:
    """Freeze what is alive now (the imports) and make collections rarer; see the module
    docstring for what was measured."""
    # Collect the young generations' garbage of the imports first, so that little but live
    # objects is frozen. Not a full collection: importing leaves almost no cyclic garbage in
    # the oldest generation (none in `stc assess`), and walking it took 9-13 ms of a 0.4 s run.
    gc.collect(1)
    gc.freeze()
    gc.set_threshold(gen0, gen1, gen2)
