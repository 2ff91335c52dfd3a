"""Small, readable knowledge records for tests; defaults are valid, override what matters."""

from __future__ import annotations

from typing import Any

from knowledge.records import Assignment, Group, Institution, Organisation, SubmittedDraft

NOW = "2026-11-28T10:00:00+00:00"


def institution(**over: Any) -> Institution:
    base: dict[str, Any] = dict(
        id="saxion",
        name="Saxion",
        short_name="Saxion",
        type="hbo",
        city="Enschede",
        province="Overijssel",
        region="oost",
    )
    return Institution(**{**base, **over})


def organisation(**over: Any) -> Organisation:
    base: dict[str, Any] = dict(
        id="duo",
        name="Dienst Uitvoering Onderwijs",
        short_name="DUO",
        city="Groningen",
        kind="uitvoeringsorganisatie",
        aliases=("duo",),
    )
    return Organisation(**{**base, **over})


def group(**over: Any) -> Group:
    base: dict[str, Any] = dict(
        id="grp-saxion-cyber",
        name="Lectoraat Cyber Resilience",
        kind="lectoraat",
        institution_id="saxion",
        themes=("cybersecurity",),
        keywords=("patchmanagement", "phishing"),
        description="Onderzoek naar beveiliging van werkplekken, updates en kwetsbaarheden.",
        forms=("praktijkopdracht", "afstudeeropdracht"),
        capacity_per_semester=3,
        contact_email="cyber@saxion.example",
    )
    return Group(**{**base, **over})


def assignment(**over: Any) -> Assignment:
    base: dict[str, Any] = dict(
        id="asg-1",
        organisation_id="duo",
        year=2023,
        title="Updates op laptops sneller uitrollen",
        problem="Onze laptops krijgen updates pas weken te laat.",
        research_question="Hoe kan DUO updates sneller uitrollen?",
        themes=("cybersecurity",),
        form="afstudeeropdracht",
        level="hbo",
        outcome="Advies overgenomen.",
        group_id="grp-saxion-cyber",
    )
    return Assignment(**{**base, **over})


def draft_document(**over: Any) -> dict[str, Any]:
    """The drafted question as a submitted draft stores it (``SubmittedDraft.draft``)."""
    base: dict[str, Any] = dict(
        title="Updates sneller (DUO)",
        organisation="DUO",
        region="oost",
        main_question="Welke maatregelen kan DUO nemen om updates sneller uit te rollen?",
        sub_questions=["Hoe ziet het nu uit?", "Wat willen medewerkers?", "Welke opties zijn er?"],
        background="laptops",
        objective="sneller",
        scope="DUO",
        deliverables=["Advies"],
        constraints=[],
        form=None,
        level="hbo",
        themes=["cybersecurity"],
        kind="adviserend",
        language="nl",
        similar_assignments=[],
        suggested_groups=[],
        quality=[],
    )
    return {**base, **over}


def submitted_draft(**over: Any) -> SubmittedDraft:
    """A draft a civil servant submitted in Telegram; the title follows the draft's, and
    ``updated_at`` follows ``created_at``, unless given."""
    draft = over["draft"] if "draft" in over else draft_document()
    created_at = over.get("created_at", NOW)
    base: dict[str, Any] = dict(
        id="VW-2026-TEST01",
        channel="telegram",
        user_ref="42",
        language="nl",
        state="submitted",
        organisation="DUO",
        region="oost",
        title=draft.get("title", "Updates sneller (DUO)"),
        intake={"problem": "laptops"},
        draft=draft,
        created_at=created_at,
        updated_at=created_at,
    )
    return SubmittedDraft(**{**base, **over})


def small_knowledge() -> dict[str, list[Any]]:
    """Three institutions in three regions, four groups, a handful of past assignments."""
    return {
        "institutions": [
            institution(),
            institution(
                id="hu", name="Hogeschool Utrecht", short_name="HU", city="Utrecht", province="Utrecht", region="midden"
            ),
            institution(
                id="tudelft",
                name="Technische Universiteit Delft",
                short_name="TU Delft",
                type="wo",
                city="Delft",
                province="Zuid-Holland",
                region="west",
            ),
        ],
        "organisations": [
            organisation(),
            organisation(
                id="uwv",
                name="Uitvoeringsinstituut Werknemersverzekeringen",
                short_name="UWV",
                city="Amsterdam",
                aliases=(),
            ),
        ],
        "groups": [
            group(),
            group(
                id="grp-hu-cyber",
                name="Lectoraat Digitale Weerbaarheid",
                institution_id="hu",
                description="Beveiliging van systemen en kwetsbaarheden, phishing en bewustzijn.",
                contact_email="weerbaar@hu.example",
            ),
            group(
                id="grp-hu-inclusie",
                name="Lectoraat Digitale Toegankelijkheid",
                institution_id="hu",
                themes=("digitale-inclusie",),
                keywords=("toegankelijkheid", "begrijpelijke taal"),
                description="Begrijpelijke brieven en toegankelijke websites voor ouderen en laaggeletterden.",
                forms=("praktijkopdracht", "minor"),
                contact_email="toegankelijk@hu.example",
            ),
            group(
                id="grp-tud-data",
                name="Leerstoel Datagedreven Beleid",
                kind="leerstoel",
                institution_id="tudelft",
                themes=("data-science", "ai"),
                keywords=("voorspellen", "dashboards"),
                description="Voorspellende modellen en dashboards voor beleid en uitvoering.",
                forms=("afstudeeropdracht", "onderzoekslab"),
                contact_email="data@tudelft.example",
            ),
        ],
        "assignments": [
            assignment(),
            assignment(
                id="asg-2",
                organisation_id="uwv",
                year=2021,
                title="Brieven die niemand snapt",
                problem="Burgers bellen ons omdat ze onze brieven over uitkeringen niet begrijpen.",
                research_question="Hoe kan UWV brieven begrijpelijker maken?",
                themes=("digitale-inclusie",),
                form="praktijkopdracht",
                group_id="grp-hu-inclusie",
            ),
            assignment(
                id="asg-3",
                year=2024,
                title="Aantal aanvragen voorspellen",
                problem="We weten nooit hoeveel aanvragen studiefinanciering er volgend jaar komen.",
                research_question="In welke mate kan DUO aanvragen voorspellen?",
                themes=("data-science",),
                level="wo",
                group_id="grp-tud-data",
            ),
        ],
    }
