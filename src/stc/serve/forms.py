"""The evidence and source forms: which fields they show, and how the text a user typed becomes
the entry written to the YAML file (and back). Nothing here validates: the entry is validated
by the same loader `stc validate` uses, so the messages are the command line's."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from stc.models.common import About, Band, Grade, Interest, SourceKind, Verification

FieldKind = Literal["text", "textarea", "list", "select", "date", "number", "check"]


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: FieldKind
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    wide: bool = False


@dataclass(frozen=True)
class EntryForm:
    """One kind of entry (an evidence item, a source): its fields, in the file's key order."""

    kind: Literal["item", "source"]
    file_name: str
    list_key: str
    model_name: str
    fields: tuple[FormField, ...]
    extra_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _unpublished_needs_read_at() -> bool:
    """Whether the Source model refuses an unpublished source with neither url nor read_at.
    Read from the model, so the form asks exactly what the model requires."""
    from pydantic import ValidationError

    from stc.models.country import Source

    try:
        Source.model_validate(
            {
                "id": "x",
                "title": "x",
                "publisher": "x",
                "date": "2020-01-01",
                "date_basis": "stated",
                "kind": get_args(SourceKind)[0],
                "unpublished": True,
                "reliability": get_args(Grade)[0],
                "reliability_reason": "x",
                "family": "x",
            }
        )
    except ValidationError:
        return True
    return False


UNPUBLISHED_NEEDS_READ_AT = _unpublished_needs_read_at()

ITEM_FORM = EntryForm(
    kind="item",
    file_name="evidence.yaml",
    list_key="items",
    model_name="EvidenceItem",
    fields=(
        FormField("id", "Item id", "text", "Short and unique, e.g. ECU-CLINIC-01.", required=True),
        FormField(
            "finding",
            "Finding",
            "textarea",
            "What the source shows, in your own words, with its figures.",
            required=True,
            wide=True,
        ),
        FormField(
            "indicators",
            "Indicators",
            "list",
            "Indicator ids from the vocabulary, separated by commas.",
            required=True,
        ),
        FormField(
            "lr",
            "Band",
            "select",
            "How much more to be expected the finding is if the country is safe than if not.",
            choices=("", *get_args(Band)),
        ),
        FormField("lr_reason", "Reason for the band", "textarea", "One line.", wide=True),
        FormField("measure_quantity", "Measured quantity", "text", "Instead of a band."),
        FormField("measure_value", "Measured value", "number"),
        FormField("data", "Dependence key", "text", "Items reporting the same data share it."),
        FormField("about", "About", "select", choices=get_args(About)),
        FormField("establishes", "Establishes (defeaters)", "list"),
        FormField(
            "credibility",
            "Credibility",
            "select",
            "1 confirmed … 5 improbable, 6 cannot be judged.",
            choices=("", "1", "2", "3", "4", "5", "6"),
            required=True,
        ),
        FormField("period_start", "Period from", "date", "YYYY-MM-DD", required=True),
        FormField("period_end", "Period to", "date", "YYYY-MM-DD", required=True),
        FormField("groups", "Groups", "list", "Empty means everyone."),
        FormField("source", "Source", "select", required=True),
        FormField("locator", "Pinpoint", "text", "Page, section, paragraph.", required=True),
        FormField(
            "excerpt",
            "Excerpt",
            "textarea",
            "Verbatim, at most 25 words.",
            required=True,
            wide=True,
        ),
        FormField(
            "language",
            "Excerpt language",
            "text",
            "Two letters, only where not the source's (en for an English abstract).",
        ),
        FormField("excerpt_translation", "Excerpt in English", "textarea", wide=True),
        FormField("conflicts_with", "Conflicts with", "list", "Ids of items it contradicts."),
        FormField("undercutters", "Undercutters", "list"),
        FormField("verification", "Verification", "select", choices=get_args(Verification)),
        FormField("note", "Note", "textarea", wide=True),
    ),
)

SOURCE_FORM = EntryForm(
    kind="source",
    file_name="sources.yaml",
    list_key="sources",
    model_name="Source",
    fields=(
        FormField("id", "Source id", "text", "Short and unique.", required=True),
        FormField("title", "Title", "text", required=True, wide=True),
        FormField("publisher", "Publisher", "text", required=True),
        FormField("author", "Author", "text"),
        FormField("date", "Date", "date", "YYYY-MM-DD", required=True),
        FormField(
            "date_basis",
            "Date basis",
            "select",
            "stated, inferred from the contents, or the date read.",
            choices=("stated", "inferred", "accessed"),
            required=True,
        ),
        FormField("kind", "Kind", "select", choices=("", *get_args(SourceKind)), required=True),
        FormField(
            "url",
            "Address (URL)",
            "text",
            "The original publisher's address. Leave it empty for an unpublished document.",
            wide=True,
        ),
        FormField(
            "read_at",
            "Read at",
            "text",
            "Where you read it, if not at the address. For an unpublished document, where its "
            "text is kept (e.g. the clinic's case file)."
            if UNPUBLISHED_NEEDS_READ_AT
            else "Where you read it, if not at the address (not needed for an unpublished "
            "document).",
        ),
        FormField(
            "unpublished",
            "Unpublished (a declaration, an affidavit: no public address)",
            "check",
        ),
        FormField(
            "reliability", "Reliability", "select", choices=("", *get_args(Grade)), required=True
        ),
        FormField("reliability_reason", "Reason for the grade", "textarea", required=True),
        FormField("family", "Independence family", "text", required=True),
        FormField("interests", "Interests", "list", ", ".join(get_args(Interest))),
        FormField("language", "Language", "text", "Two letters, e.g. en, es."),
        FormField("note", "Note", "textarea", wide=True),
    ),
)

FORMS: dict[str, EntryForm] = {"item": ITEM_FORM, "source": SOURCE_FORM}


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]


def _date_or_text(text: str) -> Any:
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _number_or_text(text: str) -> Any:
    try:
        return float(text) if not text.isdigit() else int(text)
    except ValueError:
        return text


def entry_from_form(form: EntryForm, values: dict[str, str]) -> dict[str, Any]:
    """The YAML entry for what was typed, in the file's key order: empty fields left out,
    lists split on commas or new lines, dates and numbers as YAML would read them, every other
    value kept as typed (so a wrong value reaches the validator and is reported in its words)."""
    out: dict[str, Any] = {}
    for f in form.fields:
        text = values.get(f.name, "").replace("\r\n", "\n").strip()
        if f.name == "measure_quantity":
            value = values.get("measure_value", "").strip()
            if text or value:
                out["measure"] = {"quantity": text, "value": _number_or_text(value)}
            continue
        if f.name == "period_start":
            end = values.get("period_end", "").strip()
            if text or end:
                period = {"start": _date_or_text(text)} if text else {}
                if end:
                    period["end"] = _date_or_text(end)
                out["period"] = period
            continue
        if f.name in ("measure_value", "period_end") or not text:
            continue
        if f.kind == "check":
            out[f.name] = True
        elif f.kind == "list":
            out[f.name] = _split(text)
        elif f.kind == "date":
            out[f.name] = _date_or_text(text)
        elif f.name == "credibility":
            out[f.name] = int(text) if text.isdigit() else text
        else:
            out[f.name] = text
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def form_from_entry(form: EntryForm, entry: dict[str, Any]) -> dict[str, str]:
    """The form's values for an entry read from the file."""
    values = {f.name: _text(entry.get(f.name)) for f in form.fields}
    if form.kind == "item":
        period = entry.get("period") or {}
        values["period_start"] = _text(period.get("start"))
        values["period_end"] = _text(period.get("end"))
        measure = entry.get("measure") or {}
        values["measure_quantity"] = _text(measure.get("quantity"))
        values["measure_value"] = _text(measure.get("value"))
    return values


def field_for_error(form: EntryForm, error_field: str) -> str | None:
    """The form field an error's field path belongs to (`period.end` → period_end)."""
    head, _, rest = error_field.partition(".")
    head = head.split("[")[0]
    if form.kind == "source" and not head:
        return "read_at"  # the source as a whole: it says neither where it is nor was read
    if form.kind == "item" and head == "period":
        return "period_end" if rest.startswith("end") else "period_start"
    if form.kind == "item" and head == "measure":
        return "measure_value" if rest.startswith("value") else "measure_quantity"
    return head if any(f.name == head for f in form.fields) else None
