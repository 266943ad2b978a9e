"""Reading a key and answers files, and grading them (the commands' entry points)."""

from __future__ import annotations

from pathlib import Path

from stc.corpus import Corpus
from stc.errors import DataErrors, UsageError
from stc.exercise.grading import Feedback, grade, render


def feedbacks(
    corpus: Corpus, key_path: Path, paths: list[Path], names: list[str] | None = None
) -> list[Feedback]:
    """Each answers file graded against the key; `names` (one per file) replaces the file's
    path where the feedback names the file it read (a web page names no server path)."""
    from stc.exercise.analysis import study
    from stc.exercise.model import load_answers, load_key

    key = load_key(key_path)
    if key.country not in corpus.country_ids():
        raise UsageError(
            f"{key_path}: unknown country {key.country!r} in this data folder (known: "
            f"{', '.join(corpus.country_ids())})"
        )
    loaded = []
    errors = []
    for path in paths:
        try:
            loaded.append((path, load_answers(path, key)[0]))
        except DataErrors as exc:
            errors += exc.errors
    if errors:
        raise DataErrors(errors)
    s = study(corpus, key)
    shown = names or [str(path) for path in paths]
    return [grade(s, answers, name) for (_, answers), name in zip(loaded, shown, strict=True)]


def check_files(corpus: Corpus, key_path: Path, paths: list[Path]) -> list[str]:
    return [render(fb) for fb in feedbacks(corpus, key_path, paths)]


def summarise_files(corpus: Corpus, key_path: Path, paths: list[Path]) -> str:
    from stc.exercise.summary import render_summary

    return render_summary(feedbacks(corpus, key_path, paths))
