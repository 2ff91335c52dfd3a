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
