"""One whole intake as turns, each with the reply that completes it: the benchmark of bot turns
and the kill-and-restart test replay it, in Telegram and in the web chat."""

from __future__ import annotations

# (turn type, "text" | "button", value, fragment of the reply that completes the turn)
SCRIPT: list[tuple[str, str, str, str]] = [
    ("command", "text", "/start", "Bij welke rijksorganisatie"),
    ("text", "text", "duo", "In welke regio"),
    ("text", "text", "ik werk in Zwolle", "Wat is het probleem"),
    ("text", "text", "Onze laptops krijgen updates pas weken te laat, niemand weet welke", "huidige situatie"),
    ("matching", "text", "We houden het bij in excel; sinds de BIO-eisen moet het sneller", "Is uw vraag nieuw"),
    ("button", "button", "similar:new", "Wat moet er anders zijn"),
    ("text", "text", "we willen updates binnen een week uitrollen op alle laptops", "Wie merken"),
    ("text", "text", "medewerkers en de servicedesk", "Welke gegevens"),
    ("text", "text", "CMDB en excel, geen persoonsgegevens", "Wanneer zou"),
    ("text", "text", "volgend semester", "Welke vorm"),
    ("button", "button", "form:afstudeeropdracht", "Welk niveau"),
    ("matching", "button", "level:hbo", "Wilt u de vraag indienen"),
    ("submit", "button", "review:submit", "Ingediend"),
]
