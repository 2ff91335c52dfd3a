"""Matching: why a research group is suggested (bot/matching/reasons.py), and what a search cannot take."""

from knowledge import vocabulary

# Why a research group is suggested
THEME_LABELS = vocabulary.THEME_LABELS
FORM_PLURAL = {
    "praktijkopdracht": "praktijkopdrachten",
    "afstudeeropdracht": "afstudeeropdrachten",
    "onderzoekslab": "onderzoekslabs",
    "minor": "minoren",
}
REGION_LABELS = {"oost": "Noord en Oost", "midden": "Midden", "west": "West"}
REASON_EVIDENCE = "werkte in {year} voor {organisation} aan een vergelijkbare opdracht: “{title}”"
REASON_THEMES = "thema's: {themes}"
REASON_KEYWORDS = "trefwoorden: {keywords}"
REASON_REGION = "in uw regio ({region})"
REASON_FORM = "neemt {forms} aan"
REASON_CAPACITY_ONE = "capaciteit: nog {capacity} opdracht dit semester"
REASON_CAPACITY = "capaciteit: nog {capacity} opdrachten dit semester"
REASON_NO_CAPACITY = "geen capaciteit meer dit semester"
ACCEPTED_SIMILAR = "nam in {year} een vergelijkbare vraag van {organisation} aan"
DECLINED_SIMILAR = "zag in {year} af van een vergelijkbare vraag van {organisation} (buiten de expertise)"

# What a search cannot take
EMPTY_QUERY = "Geef een omschrijving van het probleem; de tekst is leeg of bevat geen woorden."
UNKNOWN_VALUE = "Onbekende {what} {value!r}; kies uit: {allowed}."
