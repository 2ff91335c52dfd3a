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
# The article an organisation's name takes in running text; empty for names read without one.
ARTICLES: tuple[str, ...] = ("het", "de", "")


def region_of_province(province: str) -> str | None:
    """The region slug of a Dutch province name, or None when it is not a Dutch province."""
    return PROVINCE_REGION.get(province.strip().lower())


# Larger municipalities by province, to derive a region from where someone works.
CITY_PROVINCE: dict[str, str] = {
    **dict.fromkeys(["groningen", "veendam", "delfzijl", "hoogezand", "stadskanaal", "winschoten"], "groningen"),
    **dict.fromkeys(["leeuwarden", "drachten", "heerenveen", "sneek", "harlingen"], "friesland"),
    **dict.fromkeys(["assen", "emmen", "hoogeveen", "meppel"], "drenthe"),
    **dict.fromkeys(["zwolle", "enschede", "hengelo", "deventer", "almelo", "kampen", "hardenberg"], "overijssel"),
    **dict.fromkeys(
        [
            "arnhem",
            "nijmegen",
            "apeldoorn",
            "ede",
            "wageningen",
            "doetinchem",
            "zutphen",
            "harderwijk",
            "tiel",
            "velp",
            "culemborg",
        ],
        "gelderland",
    ),
    **dict.fromkeys(
        [
            "utrecht",
            "amersfoort",
            "zeist",
            "nieuwegein",
            "veenendaal",
            "houten",
            "de bilt",
            "bilthoven",
            "woerden",
            "soest",
        ],
        "utrecht",
    ),
    **dict.fromkeys(["almere", "lelystad", "dronten", "emmeloord"], "flevoland"),
    **dict.fromkeys(
        [
            "eindhoven",
            "tilburg",
            "breda",
            "den bosch",
            "'s-hertogenbosch",
            "s-hertogenbosch",
            "helmond",
            "oss",
            "roosendaal",
            "bergen op zoom",
            "waalwijk",
        ],
        "noord-brabant",
    ),
    **dict.fromkeys(["maastricht", "heerlen", "venlo", "roermond", "sittard", "geleen", "weert"], "limburg"),
    **dict.fromkeys(
        [
            "amsterdam",
            "haarlem",
            "zaandam",
            "alkmaar",
            "hilversum",
            "amstelveen",
            "hoorn",
            "diemen",
            "hoofddorp",
            "den helder",
            "purmerend",
        ],
        "noord-holland",
    ),
    **dict.fromkeys(
        [
            "den haag",
            "'s-gravenhage",
            "s-gravenhage",
            "rotterdam",
            "leiden",
            "delft",
            "zoetermeer",
            "dordrecht",
            "rijswijk",
            "gouda",
            "schiedam",
            "alphen aan den rijn",
            "westland",
            "voorburg",
            "leidschendam",
        ],
        "zuid-holland",
    ),
    **dict.fromkeys(["middelburg", "vlissingen", "goes", "terneuzen", "zierikzee"], "zeeland"),
}


def region_of_place(text: str) -> str | None:
    """The region of a city or province named in a text ("ik werk in Zwolle" -> "oost")."""
    lowered = " " + " ".join(text.lower().replace(",", " ").split()) + " "
    for place in sorted(CITY_PROVINCE, key=len, reverse=True):
        if f" {place} " in lowered:
            return PROVINCE_REGION[CITY_PROVINCE[place]]
    for province, region in PROVINCE_REGION.items():
        if f" {province} " in lowered:
            return region
    return None
