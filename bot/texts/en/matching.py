"""Matching: why a research group is suggested (bot/matching/reasons.py), and what a search cannot take."""

# Why a research group is suggested
THEME_LABELS = {
    "ai": "AI",
    "cybersecurity": "cybersecurity",
    "blockchain": "blockchain",
    "data-science": "data science",
    "e-governance": "e-governance",
    "iot-5g": "IoT and 5G",
    "privacy-ethiek": "privacy and ethics",
    "digitale-inclusie": "digital inclusion",
    "software-cloud": "software and cloud",
}
FORM_PLURAL = {
    "praktijkopdracht": "practical assignments",
    "afstudeeropdracht": "graduation projects",
    "onderzoekslab": "research labs",
    "minor": "minors",
}
REGION_LABELS = {"oost": "North and East", "midden": "Middle", "west": "West"}
REASON_EVIDENCE = "worked in {year} for {organisation} on a similar assignment: “{title}”"
REASON_THEMES = "themes: {themes}"
REASON_KEYWORDS = "keywords: {keywords}"
REASON_REGION = "in your region ({region})"
REASON_FORM = "takes on {forms}"
REASON_CAPACITY_ONE = "capacity: {capacity} more assignment this semester"
REASON_CAPACITY = "capacity: {capacity} more assignments this semester"
REASON_NO_CAPACITY = "no capacity left this semester"
ACCEPTED_SIMILAR = "took on a similar question from {organisation} in {year}"
DECLINED_SIMILAR = "declined a similar question from {organisation} in {year} (outside its expertise)"

# What a search cannot take
EMPTY_QUERY = "Please describe the problem; the text is empty or has no words."
UNKNOWN_VALUE = "Unknown {what} {value!r}; choose from: {allowed}."
