"""The fixed slugs of the product contract: themes, regions, forms and levels."""

from __future__ import annotations

THEMES: tuple[str, ...] = (
    "ai",
    "cybersecurity",
    "blockchain",
    "data-science",
    "e-governance",
    "iot-5g",
    "privacy-ethiek",
    "digitale-inclusie",
    "software-cloud",
)

THEME_LABELS: dict[str, str] = {
    "ai": "AI",
    "cybersecurity": "cybersecurity",
    "blockchain": "blockchain",
    "data-science": "datascience",
    "e-governance": "e-governance",
    "iot-5g": "IoT en 5G",
    "privacy-ethiek": "privacy en ethiek",
    "digitale-inclusie": "digitale inclusie",
    "software-cloud": "software en cloud",
}

REGIONS: tuple[str, ...] = ("oost", "midden", "west")

PROVINCE_REGION: dict[str, str] = {
    "groningen": "oost",
    "friesland": "oost",
    "fryslan": "oost",
    "fryslân": "oost",
    "drenthe": "oost",
    "overijssel": "oost",
    "gelderland": "oost",
    "utrecht": "midden",
    "flevoland": "midden",
    "noord-brabant": "midden",
    "limburg": "midden",
    "noord-holland": "west",
    "zuid-holland": "west",
    "zeeland": "west",
}

FORMS: tuple[str, ...] = ("praktijkopdracht", "afstudeeropdracht", "onderzoekslab", "minor")
LEVELS: tuple[str, ...] = ("hbo", "wo", "beide")
INSTITUTION_TYPES: tuple[str, ...] = ("hbo", "wo")


def region_of_province(province: str) -> str | None:
    """The region slug of a Dutch province name, or None when it is not a Dutch province."""
    return PROVINCE_REGION.get(province.strip().lower())
