"""Nederlandse teksten: alles wat een gebruiker of beheerder van Vraagwijzer leest."""

from __future__ import annotations

from knowledge.vocabulary import THEME_LABELS

FORM_PLURAL = {
    "praktijkopdracht": "praktijkopdrachten",
    "afstudeeropdracht": "afstudeeropdrachten",
    "onderzoekslab": "onderzoekslabs",
    "minor": "minoren",
}
REGION_LABELS = {"oost": "Noord en Oost", "midden": "Midden", "west": "West"}

# Matching
EMPTY_QUERY = "Geef een omschrijving van het probleem; de tekst is leeg of bevat geen woorden."
UNKNOWN_VALUE = "Onbekende {what} {value!r}; kies uit: {allowed}."


def group_reasons(
    *,
    shared_themes: list[str],
    shared_keywords: list[str],
    evidence: list[tuple[int, str, str]],
    same_region: bool,
    region: str,
    form: str | None,
    capacity: int,
) -> list[str]:
    """Reasons a broker can check for suggesting a research group."""
    reasons = []
    for year, organisation, title in evidence:
        reasons.append(f"werkte in {year} voor {organisation} aan een vergelijkbare opdracht: “{title}”")
    if shared_themes:
        reasons.append("thema's: " + ", ".join(THEME_LABELS.get(t, t) for t in shared_themes))
    if shared_keywords:
        reasons.append("trefwoorden: " + ", ".join(shared_keywords))
    if same_region:
        reasons.append(f"in uw regio ({REGION_LABELS.get(region, region)})")
    if form:
        reasons.append(f"neemt {FORM_PLURAL.get(form, form)} aan")
    if capacity > 0:
        reasons.append(f"capaciteit: {capacity} opdracht{'en' if capacity != 1 else ''} per semester")
    else:
        reasons.append("geen capaciteit meer dit semester")
    return reasons


# Command line
ERROR_PREFIX = "Fout"
INDEX_UP_TO_DATE = "De indexen zijn actueel ({assignments} opdrachten, {groups} groepen)."
INDEX_BUILT = (
    "Index {name}: {total} documenten, {embedded} berekend, {reused} hergebruikt, "
    "{removed} verwijderd in {seconds:.1f} s."
)
IMPORTED = "{count} {kind} geïmporteerd uit {path}."
EXPORTED = "{count} {kind} geëxporteerd naar {path}."
BATCH_LINE_ERROR = "regel {line}: {reason}"
BAD_BATCH_JSON = "regel {line}: geen geldige JSON ({reason})"
NO_MATCHES = "Geen passende onderzoeksgroepen gevonden."
TABLE_GROUPS = "Onderzoeksgroepen"
TABLE_ASSIGNMENTS = "Vergelijkbare eerdere opdrachten"
BAD_SETTING = "Ongeldige instelling {name}={value!r}: {reason}"
DATA_DIR_UNUSABLE = "De datamap {path} is niet bruikbaar ({reason}); zet VRAAGWIJZER_DATA_DIR op een schrijfbare map."
