"""Overlap across organisations: the brokers' pages and the askers' consent in their chat."""

# Reasons two questions are alike (with REASON_THEMES and REASON_KEYWORDS of matching).
OVERLAP_SAME_FORM = "allebei een {form}"
OVERLAP_SAME_LEVEL = "allebei {level}"

# The draft page and the clusters page (brokers).
OVERLAP_HEADING = "Lijkt op vragen van andere organisaties"
OVERLAP_INTRO = (
    "Deze vragen van andere organisaties lijken op deze vraag. Met “Samen oppakken” vraagt Vraagwijzer "
    "beide vraagstellers in hun chat of hun contact met de ander gedeeld mag worden; alleen als beiden ja "
    "zeggen, worden ze aan elkaar voorgesteld."
)
OVERLAP_LINE = "Lijkt op {id} van {organisation}"
OVERLAP_SCORE = "overeenkomst {score}"
OVERLAP_LINK_BUTTON = "Samen oppakken"
OVERLAP_LINK_LABEL = "Samen oppakken met {id}"
OVERLAP_LINKED = "Koppeling met {id}: {state}"
OVERLAP_LINK_STATES = {
    "asked": "beide vraagstellers is gevraagd of hun contact gedeeld mag worden",
    "introduced": "beide vraagstellers stemden in en zijn aan elkaar voorgesteld",
    "declined": "niet beide vraagstellers stemden in; er is niets gedeeld",
}
OVERLAP_ANSWERS = {None: "nog geen antwoord", "yes": "ja", "no": "nee"}
OVERLAP_ANSWER_LINE = "{id}: {answer}"
OVERLAP_NONE = "Geen vergelijkbare vragen van andere organisaties gevonden."
OVERLAP_DONE = "Gekoppeld; beide vraagstellers krijgen de vraag in hun chat."
CLUSTERS_TITLE = "Samenhang tussen organisaties"
CLUSTERS_INTRO = (
    "Groepen vergelijkbare vragen die door twee of meer organisaties zijn gesteld: open vragen en vragen die "
    "in het afgelopen jaar zijn afgerond. Twee vragen horen bij elkaar bij een overeenkomst van ten minste "
    "{threshold}; een groep is wat zo met elkaar verbonden is."
)
CLUSTERS_NONE = "Er zijn nu geen vragen die door meer dan één organisatie worden gesteld."
CLUSTER_HEADING = "{count} vragen van {organisations}"
CLUSTER_THEMES = "Gedeelde thema's: {themes}"
CLUSTER_KEYWORDS = "Gedeelde trefwoorden: {keywords}"
CLUSTER_COLUMNS = ("Vraag", "Organisatie", "Regio", "Titel", "Status")

# Refusals (brokers).
OVERLAP_UNKNOWN = "Kies een vraag uit de lijst met vergelijkbare vragen."
OVERLAP_NOT_OWN_REGION = "Alleen kennismakelaars van de regio van een van beide vragen kunnen ze koppelen."
OVERLAP_UNREACHABLE = "De vraagsteller van {id} is niet meer te bereiken (gegevens gewist); koppelen kan niet."
OVERLAP_CLOSED = "{id} is {state}; alleen open of recent afgeronde vragen kunnen worden gekoppeld."

# The audit history of both drafts.
OVERLAP_EVENT_LINKED = "Samen oppakken met {id} ({organisation}); beide vraagstellers gevraagd hun contact te delen"
OVERLAP_EVENT_YES = "Vraagsteller wil contact delen met de vraagsteller van {id}"
OVERLAP_EVENT_NO = "Vraagsteller wil geen contact delen met de vraagsteller van {id}"
OVERLAP_EVENT_INTRODUCED = "Beide vraagstellers stemden in en zijn aan elkaar voorgesteld ({first} en {second})"
OVERLAP_EVENT_DECLINED = "Samen oppakken van {first} en {second} beëindigd: niet beiden stemden in, niets gedeeld"

# The askers, in their chat.
OVERLAP_ASK = (
    "Goed nieuws over uw vraag {id} (“{title}”): {organisation} werkt aan een vergelijkbare vraag "
    "(“{other_title}”). De kennismakelaars denken dat u er samen meer aan hebt.\n"
    "Mogen wij uw contact doorgeven aan de vraagsteller daar? Alleen als u allebei ja zegt, krijgt u elkaars "
    "contact; anders wordt niets gedeeld."
)
OVERLAP_YES = "Ja, deel mijn contact"
OVERLAP_NO = "Nee"
OVERLAP_CONTACT_PROMPT = (
    "Hoe mag de andere vraagsteller u bereiken? Typ bijvoorbeeld uw naam en e-mailadres of telefoonnummer. "
    "Dit wordt alleen doorgegeven als de ander ook ja zegt, en daarna niet bewaard. Typ “terug” om te stoppen."
)
OVERLAP_CONTACT_EMPTY = "Typ hoe de ander u kan bereiken, of “terug” om te stoppen."
OVERLAP_WAITING = (
    "Dank u. Zodra de vraagsteller van {organisation} ook ja zegt, krijgt u allebei elkaars contact. "
    "Zegt de ander nee, dan wordt niets gedeeld."
)
OVERLAP_INTRODUCTION = (
    "U en de vraagsteller van {organisation} willen allebei contact over uw vragen.\n"
    "Hun vraag: “{other_title}” ({other_id}).\n"
    "Zo kunt u hen bereiken: {contact}"
)
OVERLAP_DECLINED_YOU = "Begrepen: uw contact wordt niet gedeeld. Uw vraag {id} loopt gewoon door."
OVERLAP_DECLINED_OTHER = (
    "Over uw vraag {id}: de vraagsteller van {organisation} gaat liever alleen verder. Er is niets gedeeld, "
    "ook uw contact niet. Uw vraag loopt gewoon door."
)
OVERLAP_ANSWER_CLOSED = "Op deze vraag is al geantwoord of hij is niet meer open."
