"""Citation forms, links to official text and the table of authorities."""

from __future__ import annotations

import datetime as dt

from stc.citations import format_citation, format_source, official_url, table_of_authorities
from stc.models.citation import (
    CaseCitation,
    FederalRegisterCitation,
    PublicLawCitation,
    RegulationCitation,
    SourceCitation,
    StatuteCitation,
    TreatyCitation,
)
from stc.models.country import Source


def test_bluebook_forms() -> None:
    assert (
        format_citation(
            StatuteCitation(
                type="statute", usc_title=8, usc_section="1158(a)(2)(A)", ina_section="208(a)(2)(A)"
            )
        )
        == "INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A)"
    )
    assert (
        format_citation(
            StatuteCitation(type="statute", usc_title=8, usc_section="1231", statutory_note=True)
        )
        == "8 U.S.C. § 1231 note"
    )
    assert (
        format_citation(RegulationCitation(type="regulation", cfr_title=8, section="208.30(e)(7)"))
        == "8 C.F.R. § 208.30(e)(7)"
    )
    assert (
        format_citation(
            FederalRegisterCitation(
                type="federal-register", volume=84, page=63994, date=dt.date(2019, 11, 19)
            )
        )
        == "84 Fed. Reg. 63,994 (Nov. 19, 2019)"
    )
    assert (
        format_citation(
            FederalRegisterCitation(
                type="federal-register",
                volume=84,
                page=63994,
                pinpoint=64003,
                date=dt.date(2019, 11, 19),
            )
        )
        == "84 Fed. Reg. 63,994, 64,003 (Nov. 19, 2019)"
    )
    assert (
        format_citation(
            FederalRegisterCitation(
                type="federal-register", volume=88, page=18227, date=dt.date(2023, 3, 28)
            )
        )
        == "88 Fed. Reg. 18,227 (Mar. 28, 2023)"
    )
    assert (
        format_citation(
            FederalRegisterCitation(
                type="federal-register", volume=90, page=42309, date=dt.date(2025, 9, 2)
            )
        )
        == "90 Fed. Reg. 42,309 (Sept. 2, 2025)"
    )
    assert (
        format_citation(
            CaseCitation(
                type="case", name="INS v. Stevic", reporter="467 U.S. 407", court="U.S.", year=1984
            )
        )
        == "INS v. Stevic, 467 U.S. 407 (1984)"
    )
    assert (
        format_citation(
            CaseCitation(
                type="case",
                name="Matter of Acosta",
                reporter="19 I&N Dec. 211",
                pinpoint="222",
                court="BIA",
                year=1985,
            )
        )
        == "Matter of Acosta, 19 I&N Dec. 211, 222 (BIA 1985)"
    )
    assert (
        format_citation(
            CaseCitation(
                type="case", name="U.T. v. Bondi", docket="1:20-cv-00116", court="D.D.C.", year=2020
            )
        )
        == "U.T. v. Bondi, No. 1:20-cv-00116 (D.D.C. 2020)"
    )
    # a neutral citation is not a docket number; a case known by name, court and year alone has
    # no empty slot
    assert (
        format_citation(
            CaseCitation(
                type="case", name="R (AAA) v SSHD", docket="[2023] UKSC 42", court="UKSC", year=2023
            )
        )
        == "R (AAA) v SSHD, [2023] UKSC 42 (UKSC 2023)"
    )
    assert (
        format_citation(
            CaseCitation(
                type="case",
                name="M.S.S. v Belgium and Greece",
                court="ECtHR (Grand Chamber)",
                year=2011,
            )
        )
        == "M.S.S. v Belgium and Greece (ECtHR (Grand Chamber) 2011)"
    )
    assert (
        format_citation(
            PublicLawCitation(
                type="public-law",
                name="Homeland Security Act of 2002",
                number="107-296",
                section="1512(d)",
                stat_volume=116,
                stat_page=2135,
                stat_pinpoint=2310,
                year=2002,
            )
        )
        == "Homeland Security Act of 2002, Pub. L. No. 107-296, § 1512(d), "
        "116 Stat. 2135, 2310 (2002)"
    )
    assert (
        format_citation(
            PublicLawCitation(
                type="public-law",
                number="105-277",
                division="G",
                section="2242",
                stat_volume=112,
                stat_page="2681-822",
                year=1998,
            )
        )
        == "Pub. L. No. 105-277, div. G, § 2242, 112 Stat. 2681-822 (1998)"
    )
    assert (
        format_citation(
            TreatyCitation(type="treaty", name="Convention Against Torture", article="3")
        )
        == "Convention Against Torture, art. 3"
    )


def _source(kind: str, **extra) -> Source:  # type: ignore[no-untyped-def]
    base = {
        "id": "s",
        "title": "Country Reports on Human Rights Practices: Canada",
        "publisher": "U.S. Department of State",
        "date": dt.date(2024, 4, 22),
        "date_basis": "stated",
        "kind": kind,
        "url": "https://example.org/r",
        "reliability": "A",
        "reliability_reason": "r",
        "family": "f",
    }
    base.update(extra)
    return Source(**base)


def test_source_forms_by_kind() -> None:
    assert (
        format_source(_source("us-government"), "§ 2.f")
        == "U.S. Department of State, Country Reports on Human Rights Practices: Canada "
        "(Apr. 22, 2024), § 2.f, https://example.org/r"
    )
    press = _source(
        "press",
        title="Ecuador and the US near a deal",
        publisher="CNN",
        author="Kylie Atwood",
        date=dt.date(2025, 9, 4),
    )
    assert (
        format_source(press, "¶3")
        == "Ecuador and the US near a deal, Kylie Atwood, CNN (Sept. 4, 2025), ¶3, https://example.org/r"
    )
    undated = _source("ngo", date_basis="inferred", url=None, read_at="seed copy")
    assert (
        format_source(undated)
        == "U.S. Department of State, Country Reports on Human Rights Practices: Canada "
        "(undated; about Apr. 2024)"
    )
    read_on = _source("ngo", date_basis="accessed", url=None, read_at="seed copy")
    assert format_source(read_on).endswith("(undated; last visited Apr. 22, 2024)")
    cited = SourceCitation(type="source", source="s", locator="p. 4")
    assert format_citation(cited, {"s": _source("un", publisher="UNHCR")}).startswith(
        "UNHCR, Country Reports"
    )
    assert format_citation(cited) == "[s], p. 4"


def test_official_links_come_from_citeurl() -> None:
    assert (
        official_url(
            StatuteCitation(
                type="statute", usc_title=8, usc_section="1158(a)(2)(A)", ina_section="208(a)(2)(A)"
            )
        )
        == "https://www.law.cornell.edu/uscode/text/8/1158#a_2_A"
    )
    assert (
        official_url(
            FederalRegisterCitation(
                type="federal-register", volume=84, page=63994, date=dt.date(2019, 11, 19)
            )
        )
        == "https://www.govinfo.gov/link/fr/84/63994"
    )
    assert "ecfr" in (
        official_url(RegulationCitation(type="regulation", cfr_title=8, section="208.18(a)")) or ""
    )
    assert (
        official_url(
            CaseCitation(
                type="case",
                name="X",
                reporter="1 I&N Dec. 1",
                court="BIA",
                year=1990,
                url="https://example.org/case",
            )
        )
        == "https://example.org/case"
    )


def test_table_of_authorities_merges_ina_with_usc_and_keeps_best_verification() -> None:
    ina = StatuteCitation(
        type="statute",
        usc_title=8,
        usc_section="1158(a)(2)(A)",
        ina_section="208(a)(2)(A)",
        verification="V2",
    )
    bare = StatuteCitation(type="statute", usc_title=8, usc_section="1158(a)(2)(A)")
    fr_pin = FederalRegisterCitation(
        type="federal-register",
        volume=84,
        page=63994,
        pinpoint=64003,
        date=dt.date(2019, 11, 19),
        verification="V3-weak",
    )
    fr = FederalRegisterCitation(
        type="federal-register", volume=84, page=63994, date=dt.date(2019, 11, 19)
    )
    case = CaseCitation(
        type="case", name="Matter of Acosta", reporter="19 I&N Dec. 211", court="BIA", year=1985
    )
    table = table_of_authorities(
        [(bare, "A"), (ina, "B"), (fr_pin, "C"), (fr, "D"), (case, "E")], with_links=False
    )
    assert list(table) == ["Cases", "Statutes", "Federal Register"]
    [statute] = table["Statutes"]
    assert (
        statute.text == "INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A)"
        and statute.cited_at == ["A", "B"]
        and statute.verification == "V1"
    )
    [register] = table["Federal Register"]
    assert register.text == "84 Fed. Reg. 63,994 (Nov. 19, 2019)" and register.verification == "V1"


def test_the_copy_read_is_named_by_its_address_never_by_a_local_path() -> None:
    from stc.citations import copy_read

    assert copy_read(None) is None
    assert (
        copy_read("https://www.ecoi.net/de/dokument/2124730.html (ecoi.net reproduction)")
        == "copy read at https://www.ecoi.net/de/dokument/2124730.html"
    )
    assert copy_read("shared/seeds/000_e5.txt (a copy supplied to the project)") == (
        "read in a copy kept by the project"
    )
