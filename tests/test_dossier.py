"""Country documentation: the generated block of docs/countries/<id>.md is current."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, run_stc
from stc.corpus import Corpus, default_data_root
from stc.render.dossier import END, START, splice

COUNTRIES = Corpus(default_data_root()).country_ids()


@pytest.mark.parametrize("country", COUNTRIES)
def test_country_doc_exists_and_its_generated_block_is_current(country: str) -> None:
    doc = REPO / "docs" / "countries" / f"{country}.md"
    assert doc.is_file(), f"docs/countries/{country}.md is missing"
    text = doc.read_text(encoding="utf-8")
    assert START in text and END in text, (
        "no generated block: run `stc dossier COUNTRY --as-of DATE --update FILE`"
    )
    made = re.search(r"stc dossier \S+ --as-of (\d{4}-\d{2}-\d{2})", text)
    assert made, "the generated block does not say its as-of date"
    fresh = run_stc("dossier", country, "--as-of", made.group(1))
    assert fresh.code == 0, fresh.err
    block = text[text.index(START) : text.index(END) + len(END)]
    assert block + "\n" == fresh.out, (
        f"docs/countries/{country}.md is stale: run `stc dossier {country} "
        f"--as-of {made.group(1)} --update docs/countries/{country}.md`"
    )
    assert "Unverified leads" in text or "unverified leads" in text


def test_splice_keeps_the_hand_written_parts() -> None:
    doc = "# X\n\nintro\n\n<!-- assessment: generated -->\n\n## Unverified leads\n- a\n"
    once = splice(doc, f"{START}\nA\n{END}\n")
    assert once.startswith("# X\n\nintro\n\n") and once.endswith("## Unverified leads\n- a\n")
    twice = splice(once, f"{START}\nB\n{END}\n")
    assert (
        "\nB\n" in twice and "\nA\n" not in twice and twice.endswith("## Unverified leads\n- a\n")
    )
