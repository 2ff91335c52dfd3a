"""The workflow: the states of a submitted question and what its submitter hears about them, mails to brokers and
research groups, review labels, and what a broker reads when an action cannot go on."""

# States, and what the submitter hears in the chat (and answers to a question of the brokers)
STATE_LABELS = {
    "submitted": "ingediend",
    "in_review": "in behandeling",
    "changes_requested": "vraag van de makelaars",
    "approved": "goedgekeurd",
    "suggested": "voorgelegd aan onderzoeksgroepen",
    "matched": "onderzoeksgroep gevonden",
    "completed": "afgerond",
    "rejected": "afgewezen",
    "withdrawn": "ingetrokken",
}
STATUS_CHANGE = {
    "suggested": "Uw vraag {id} (“{title}”) is voorgelegd aan passende onderzoeksgroepen. U hoort het zodra een groep ermee aan de slag wil.",
    "matched": "Uw vraag {id} (“{title}”) heeft een onderzoeksgroep: {comment}.",
    "completed": "Uw vraag {id} (“{title}”) is afgerond: {comment}",
    "in_review": "Uw vraag {id} (“{title}”) is in behandeling: een van de kennismakelaars heeft hem goedgekeurd; de tweede kijkt er nog naar.",
    "approved": "Goed nieuws: uw vraag {id} (“{title}”) is goedgekeurd door beide kennismakelaars. Hij gaat nu naar passende onderzoeksgroepen.",
    "changes_requested": "De kennismakelaars hebben een vraag over {id} (“{title}”): {comment}\nU kunt hier antwoorden.",
    "rejected": "Uw vraag {id} (“{title}”) is niet doorgezet. Toelichting van de makelaars: {comment}",
    "withdrawn": "Uw vraag {id} is ingetrokken.",
    "other": "De status van uw vraag {id} (“{title}”) is nu: {state}.",
}
OPTION_ANSWER = "Beantwoorden"
ANSWER_PROMPT = "Typ uw antwoord op de vraag van de kennismakelaars over {id}:"
ANSWER_SENT = "Dank u. Uw antwoord is toegevoegd en de vraag {id} staat weer klaar voor de kennismakelaars."
ANSWER_NOT_OPEN = "Er staat geen vraag van de makelaars meer open voor {id}."
ANSWER_HEADING = "Aanvulling van de indiener"

# A broker linking a chat account for notices
LINKED = "Gekoppeld, {name}. Nieuwe vragen voor regio {region} hoort u voortaan hier in plaats van per e-mail."
LINK_FAILED = "Deze koppelcode is onbekend, al gebruikt of verlopen. Vraag in het dashboard een nieuwe aan (‘Meldingen in de chat’)."

# Mails to brokers and research groups
BROKER_NEW_DRAFT_SUBJECT = "Nieuwe onderzoeksvraag {id} van {organisation}"
BROKER_NEW_DRAFT = (
    "Er wacht een onderzoeksvraag op uw beoordeling.\n\n{id} · {organisation}\n{title}\n\nHoofdvraag: {question}\n\n"
    "Bekijken en beoordelen: {link}"
)
SUGGESTION_SUBJECT = "Voorstel voor een onderzoeksopdracht: {title}"
SUGGESTION_MAIL = (
    "{salutation}\n\nDe kennismakelaars van Vraagwijzer stellen u een onderzoeksopdracht voor.\n\n{title}\n"
    "Hoofdvraag: {question}\nOrganisatie: {organisation}\nVorm: {form} · Niveau: {level} · Planning: {timeline}\n"
    "Waarom uw groep: {why}\n\nBekijk de hele vraag en laat weten of u interesse heeft (geen account nodig):\n{link}\n"
)
THANKS_SUBJECT = "Dank voor uw reactie: {title}"
THANKS_MAIL = "{salutation}\n\nDank voor uw reactie namens {group} op “{title}”. Deze opdracht is inmiddels aan een andere groep gekoppeld.\n"
ANSWER_SUBJECT = "Reactie van een onderzoeksgroep op {id}"
ANSWER_MAIL = "{group} reageerde op {id}: {state}.{details}\n\nBekijken: {link}\n"
REMINDER_SUBJECT = "Herinnering: voorstel voor een onderzoeksopdracht: {title}"
REMINDER_MAIL = (
    "{salutation}\n\nTwee weken geleden stelden de kennismakelaars u de opdracht “{title}” voor. "
    "Wilt u laten weten of u interesse heeft? Ook ‘nu niet’ helpt ons verder.\n\n{link}\n"
)
NO_ANSWER_SUBJECT = "Geen antwoord op voorstel {id}"
NO_ANSWER_MAIL = (
    "{group} heeft na 20 werkdagen niet gereageerd op {id}; het voorstel is gesloten.\n\nBekijken: {link}\n"
)

# Why brokers reject a question, and why a group declines one
REJECT_LABELS = {
    "geen_onderzoeksvraag": "Geen vraag voor onderzoek door studenten",
    "al_onderzocht": "Al eerder onderzocht",
    "buiten_scope": "Buiten de scope van het programma",
    "onvoldoende_informatie": "Onvoldoende informatie",
    "anders": "Anders (zie toelichting)",
}
DECLINE_LABELS = {
    "geen_capaciteit": "Geen capaciteit dit semester",
    "buiten_expertise": "Buiten onze expertise",
    "planning_past_niet": "De planning past niet",
    "vorm_past_niet": "De vorm past niet",
    "anders": "Anders (zie toelichting)",
}

# What brokers and groups read when an action cannot go on
REMATCH_UNAVAILABLE = "Opnieuw matchen kan alleen in de volledige dienst."
REMATCH_REASON = "opnieuw gematcht"
GROUP_UNKNOWN = "Kies een bestaande onderzoeksgroep."
GROUP_ADDED_BY = "toegevoegd door {name}"
GROUP_ADDED = "groep toegevoegd"
GROUP_REMOVED = "groep verwijderd"
GROUP_NOT_SUGGESTED = "Deze groep staat niet bij de voorgestelde groepen."
GROUPS_WITHOUT_ADDRESS = (
    "Geen contactadres bekend voor {names}; vul het aan met `vraagwijzer import groups` of kies een andere groep."
)
OUTCOME_ONLY_BY_GROUP = "Alleen de groep die de opdracht uitvoert kan het resultaat doorgeven."

# How a mail to a research group opens: its contact person when known, else its colleagues
SALUTATION_PERSON = "Beste {name},"
SALUTATION_GROUP = "Beste collega's van {group},"
# A group's answer to a suggestion, as brokers and the group read it (pages and mails)
SUGGESTION_STATE_LABELS = {
    "sent": "nog geen antwoord",
    "question": "vraag gesteld",
    "interested": "interesse",
    "declined": "niet voor ons",
    "accepted": "voert de opdracht uit",
    "thanked": "bedankt, andere groep gekozen",
    "no_answer": "geen antwoord, gesloten",
}
ANSWER_MAIL_START = " Mogelijke start: {start}."
ANSWER_MAIL_CONTACT = " Contact: {contact}."
ANSWER_MAIL_REASON = " Reden: {reason}."
ANSWER_MAIL_TEXT = " {text}"
