"""The web pages of brokers and research groups (in Dutch for everyone): headings of refusals,
what an action did, the names of form fields in their error messages."""

PAGE_NOT_FOUND = ("Niet gevonden", "Deze pagina bestaat niet.")
DRAFT_NOT_FOUND = "Dit concept bestaat niet."
PAGE_NOT_ALLOWED = ("Niet mogelijk", "Zo kunt u deze pagina niet gebruiken; ga terug en probeer het opnieuw.")
NOT_LOGGED_IN = (
    "Niet ingelogd",
    "Log in met de inloglink die u van de beheerder krijgt (`vraagwijzer brokers login-link E-MAIL`).",
)
LOGIN_FAILED = "Inloggen mislukt"
LOGGED_OUT = ("Uitgelogd", "U bent uitgelogd.")
FORM_TOO_LARGE = ("Te groot", "Het formulier is te groot; maak de tekst korter.")
FORM_EXPIRED = ("Verboden", "Het formulier is verlopen; laad de pagina opnieuw.")
# What a broker's action did, shown on the draft page after it.
ACTION_DONE = {
    "approve": "Goedgekeurd.",
    "request-changes": "Vraag verstuurd.",
    "reject": "Afgewezen.",
    "take-over": "Overgenomen.",
    "edit": "Opgeslagen.",
    "rematch": "Opnieuw gematcht.",
    "suggest": "Voorgelegd.",
    "match": "Match bevestigd.",
    "complete": "Afgerond.",
    "groups/add": "Groep toegevoegd.",
    "groups/remove": "Groep verwijderd.",
}
ANSWER_RECEIVED = "Dank u, uw antwoord is ontvangen."
# Form fields as their error messages name them.
FORM_FIELDS = {
    "title": "Titel",
    "question": "Vraag aan de indiener",
    "text": "Toelichting",
    "date": "Datum",
    "summary": "Uitkomst",
    "link": "Link",
    "proposed_start": "Mogelijke start",
    "contact_name": "Contactpersoon",
}
FORM_NOT_TEXT = "{label}: verwacht tekst."
FORM_TOO_LONG = "{label}: de tekst is te lang ({length} tekens, hooguit {limit})."
FORM_CONTROL_CHARACTERS = "{label}: de tekst bevat onzichtbare stuurtekens (zoals een nul-teken); typ hem opnieuw."
FORM_BAD_DATE = "Datum: vul een bestaande datum in als JJJJ-MM-DD."
AGE_TODAY = "vandaag"
AGE_DAYS = "{days} dagen"
AGE_ONE_DAY = "1 dag"
DUO_SIDE = "kant {side}"

# The brokers' draft page: the next step first, reactions of groups and the history in words.
NEXT_STEP_HEADING = "Volgende stap"
NEXT_STEP = {
    "take_over": "Dit concept hoort bij regio {region}; neem het over om eraan te werken.",
    "review": "Beoordelen: keur goed voor kant {side}, of vraag de indiener om aanpassing.",
    "wait_side": "Wacht op goedkeuring van kant {other}.",
    "wait_submitter": "Wacht op het antwoord van de indiener op de vraag van de makelaars.",
    "suggest": "Voorleggen aan onderzoeksgroepen.",
    "wait_groups": "Wacht op antwoord van de groepen.",
    "confirm": "Een groep heeft interesse: bevestig de groep die de opdracht uitvoert.",
    "complete": "Afronden: leg de uitkomst vast.",
    "closed": "Dit concept is {state}; er hoeft niets meer te gebeuren.",
}
SIDE_LABELS = {"rijk": "Rijk", "ho": "HO"}
# What a research group did with a suggestion (its state), as the brokers read it.
REACTION_LABELS = {
    "sent": "voorgelegd, nog geen antwoord",
    "interested": "heeft interesse",
    "declined": "ziet ervan af",
    "question": "heeft een vraag",
    "accepted": "voert de opdracht uit",
    "thanked": "bedankt, andere groep gekozen",
    "no_answer": "geen antwoord (gesloten)",
}
CONFIRM_REJECT = "Vink ‘Ja, afwijzen’ aan om het afwijzen te bevestigen."
CONFIRM_REMOVE = "Vink ‘Ja, verwijderen’ aan om het verwijderen van de groep te bevestigen."
FIELD_CHANGED = "{field} gewijzigd"
GROUPS_CHANGED = "Voorgestelde groepen: {reason}"
HISTORY_SUBMITTER = "indiener"
HISTORY_EMPTY = "(leeg)"
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
QUALITY_CHECK = "Controle"

# The public pages (web chat, research groups' pages, privacy, accessibility): footer and contact.
# An example address: set the programme's real contact address here before going live.
CONTACT_ADDRESS = "vraagwijzer@rijksoverheid.example"
HEADER_CATALOGUE = "Opdrachten"
FOOTER_CATALOGUE = "Opdrachten voor onderzoeksgroepen"
FOOTER_PRIVACY = "Privacyverklaring"
FOOTER_ACCESSIBILITY = "Toegankelijkheid"
FOOTER_CONTACT = "Contact"
PRIVACY_HEADING = "Privacyverklaring"
ACCESSIBILITY_HEADING = "Toegankelijkheidsverklaring"
ACCESSIBILITY = (
    (
        "Wat we nastreven",
        "Vraagwijzer wil voldoen aan WCAG 2.1 niveau AA. De pagina's zijn gewone HTML-pagina's die ook zonder "
        "JavaScript werken, met een link ‘Naar de inhoud’, koppen in volgorde, en formuliervelden met een "
        "zichtbaar label.",
    ),
    (
        "Wat we hebben getest",
        "Wij hebben de chat, de pagina's voor onderzoeksgroepen en de pagina's voor kennismakelaars zelf getest: "
        "met alleen het toetsenbord, op labels en namen zoals een schermlezer ze voorleest, met een automatische "
        "controle (axe-core) en in een smal scherm van 320 pixels breed. Er is nog geen onderzoek door een "
        "onafhankelijke partij gedaan en er is nog niet getest met gebruikers van hulpmiddelen.",
    ),
    (
        "Wat we nog niet goed doen",
        "Nieuwe berichten in de chat worden niet altijd door elke schermlezer voorgelezen. De pagina's voor "
        "kennismakelaars zijn gemaakt voor een groot scherm; op een telefoon moet u daar soms opzij schuiven. "
        "Documenten die u kunt downloaden (Word) zijn niet apart op toegankelijkheid gecontroleerd.",
    ),
    (
        "Een probleem melden",
        "Loopt u ergens tegenaan? Mail ons op {address} met de pagina en wat er misging. Wij antwoorden binnen vijf "
        "werkdagen en lossen het probleem zo snel mogelijk op.",
    ),
)
# The research group's page of one suggestion.
CHOICES_HEADING = "Uw antwoord"
CHOICES_INTRO = "Kies één van de antwoorden hieronder. Elk antwoord heeft zijn eigen velden."
CHOICE_INTERESTED = "Interesse"
CHOICE_INTERESTED_HELP = "Uw groep wil deze opdracht graag oppakken. De kennismakelaars nemen daarna contact met u op."
CHOICE_DECLINE = "Niet voor ons"
CHOICE_DECLINE_HELP = "Uw groep doet deze opdracht niet. Een reden helpt de kennismakelaars bij volgende voorstellen."
CHOICE_QUESTION = "Vraag stellen"
CHOICE_QUESTION_HELP = "Eerst iets weten? Uw vraag gaat naar de kennismakelaars; u kunt daarna nog steeds antwoorden."
ANSWER_SHOWN = "Uw antwoord: {state}."
ANSWER_NEXT = {
    "interested": "De kennismakelaars nemen contact met u op over de start en de afspraken.",
    "declined": "Dank u voor het laten weten. U hoeft niets meer te doen.",
    "question": "De kennismakelaars nemen contact met u op met een antwoord.",
    "accepted": "Uw groep voert deze opdracht uit.",
    "thanked": "Deze opdracht is aan een andere groep gekoppeld. Dank voor uw reactie.",
    "no_answer": "Dit voorstel is gesloten omdat er geen antwoord kwam. Heeft u toch interesse? Neem contact op.",
}
ANSWER_CLOSED = "Op dit voorstel kan niet meer geantwoord worden: de vraag is {state}."
CONTACT_HEADING = "Contact"
CONTACT_BROKERS = "De kennismakelaars van regio {region}:"
CONTACT_NO_BROKERS = "Mail Vraagwijzer: "
