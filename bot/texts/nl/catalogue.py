"""The public catalogue of approved questions (/opdrachten): its pages, the interest form, the
Atom feeds per theme, the subscriptions per theme and their mails, and the brokers' mail about
interest shown there."""

CATALOGUE_HEADING = "Onderzoeksopdrachten van het Rijk"
CATALOGUE_INTRO = (
    "Digitale vraagstukken van de Rijksoverheid, door twee kennismakelaars beoordeeld en klaar voor "
    "onderzoek door hogescholen en universiteiten. Heeft uw onderzoeksgroep interesse? Laat het weten bij de opdracht."
)
CATALOGUE_SEARCH = "Zoeken"
CATALOGUE_SEARCH_LABEL = "Zoek op woorden"
CATALOGUE_FILTER_THEME = "Thema"
CATALOGUE_FILTER_LEVEL = "Niveau"
CATALOGUE_FILTER_FORM = "Vorm"
CATALOGUE_FILTER_REGION = "Regio"
CATALOGUE_ANY = "Alle"
CATALOGUE_APPLY = "Toon opdrachten"
CATALOGUE_RESET = "Alles wissen"
CATALOGUE_COUNT = {0: "Geen opdrachten gevonden.", 1: "1 opdracht gevonden.", "n": "{n} opdrachten gevonden."}
CATALOGUE_NONE_HINT = "Probeer minder filters of andere woorden."
CATALOGUE_MORE = "Meer opdrachten tonen"
CATALOGUE_LEXICAL_ONLY = "Zoeken op woorden (zonder betekenis-zoeken: het taalmodel is niet geladen)."
CATALOGUE_STATE = {
    "approved": "Zoekt een onderzoeksgroep",
    "suggested": "Zoekt een onderzoeksgroep",
    "matched": "Onderzoeksgroep gevonden",
    "completed": "Afgerond",
}
CATALOGUE_PUBLISHED = "In de catalogus sinds {day}"
CATALOGUE_MAIN_QUESTION = "Hoofdvraag"
CATALOGUE_SUB_QUESTIONS = "Deelvragen"
CATALOGUE_ORGANISATION = "Organisatie"
CATALOGUE_FORM = "Vorm"
CATALOGUE_LEVEL = "Niveau"
CATALOGUE_REGION = "Regio"
CATALOGUE_THEMES = "Thema's"
CATALOGUE_TIMELINE = "Planning"
CATALOGUE_LEVEL_LABELS = {"hbo": "hbo", "wo": "wo", "beide": "hbo of wo"}
CATALOGUE_NO_PREFERENCE = "geen voorkeur"
CATALOGUE_BACK = "← Alle opdrachten"
CATALOGUE_NOT_FOUND = "Deze opdracht staat niet (meer) in de catalogus."
CATALOGUE_FEED_LINK = "Nieuwe opdrachten over {theme} als feed (Atom)"
CATALOGUE_FEEDS_HEADING = "Feeds per thema"
CATALOGUE_FEED_TITLE = "Vraagwijzer: onderzoeksopdrachten over {theme}"
CATALOGUE_FEED_SUBTITLE = (
    "Goedgekeurde digitale vraagstukken van de Rijksoverheid voor onderzoek in het hoger onderwijs."
)
CATALOGUE_FEED_SUMMARY = "{organisation}. Hoofdvraag: {question}"
CATALOGUE_FEED_UNKNOWN_THEME = "Dit thema bestaat niet. Bekende thema's: {themes}."

# Interest from the catalogue
INTEREST_HEADING = "Wij hebben interesse"
INTEREST_INTRO = (
    "Wilt u met uw onderzoeksgroep aan deze opdracht werken? Laat het de kennismakelaars weten. "
    "Zij nemen contact met u op en koppelen u aan de organisatie. Uw adres is niet openbaar."
)
INTEREST_GROUP = "Onderzoeksgroep of instelling"
INTEREST_GROUP_HINT = "Bijvoorbeeld: Lectoraat Cyber Resilience, Saxion"
INTEREST_EMAIL = "E-mailadres voor contact"
INTEREST_MESSAGE = "Korte toelichting (niet verplicht)"
INTEREST_SEND = "Interesse doorgeven"
INTEREST_CLOSED = "Voor deze opdracht is al een onderzoeksgroep gevonden; interesse doorgeven kan niet meer."
INTEREST_PICK_HEADING = "Welke groep bedoelt u?"
INTEREST_PICK_INTRO = (
    "We vonden “{typed}” niet precies. Kies uw groep, of geef door dat het een groep is die wij nog niet kennen."
)
INTEREST_PICK_NEW = "Geen van deze: “{typed}” is een nieuwe groep"
INTEREST_PICK_SEND = "Bevestigen"
INTEREST_THANKS = (
    "Dank u. De kennismakelaars van regio {region} hebben uw interesse ontvangen namens {group} "
    "en nemen contact met u op via {email}."
)
INTEREST_THANKS_NEW = (
    "Dank u. De kennismakelaars van regio {region} hebben uw interesse ontvangen. {group} staat nog niet in "
    "onze kennisbank; zij nemen contact met u op via {email}."
)
INTEREST_ERRORS = {
    "group_missing": "Vul de naam van uw onderzoeksgroep of instelling in.",
    "group_long": "De naam van de groep is te lang: hooguit 150 tekens.",
    "email_missing": "Vul een e-mailadres in waarop de kennismakelaars u kunnen bereiken.",
    "email_bad": "Dit e-mailadres klopt niet; controleer het (bijvoorbeeld naam@hogeschool.nl).",
    "message_long": "De toelichting is te lang: hooguit 1000 tekens.",
    "pick_missing": "Kies een groep uit de lijst, of ‘nieuwe groep’.",
    "not_text": "Vul tekst in.",
}
INTEREST_ERROR_SUMMARY = "Controleer het formulier:"
INTEREST_SUBJECT = "Interesse via de catalogus voor {id}"
INTEREST_MAIL = (
    "Via de openbare catalogus toont {group} interesse in {id} (“{title}”).\n"
    "Contact: {email}{message}\n\n{next}\n\nBekijken: {link}\n"
)
INTEREST_MAIL_MESSAGE = "\nToelichting: {message}"
INTEREST_MAIL_KNOWN = "De groep staat bij de reacties op het concept; bevestig haar daar als zij de opdracht uitvoert."
INTEREST_MAIL_NEW = (
    "Deze groep staat nog niet in de kennisbank (‘nieuwe groep’, zo getypt). Neem contact op; voeg haar toe "
    "(vraagwijzer import groups) om haar daarna als onderzoeksgroep te kunnen bevestigen."
)
INTEREST_NEW_GROUPS = "Interesse van groepen die nog niet in de kennisbank staan"

# Subscriptions per theme
SUBSCRIBE_HEADING = "Nieuwe opdrachten per e-mail"
SUBSCRIBE_INTRO = (
    "Eén keer per week een overzicht van nieuwe opdrachten in de thema's die u kiest. "
    "We bewaren alleen uw e-mailadres en de thema's; afmelden kan met één klik in elke mail."
)
SUBSCRIBE_EMAIL = "Uw e-mailadres"
SUBSCRIBE_THEMES = "Thema's"
SUBSCRIBE_SEND = "Aanmelden"
SUBSCRIBE_ERRORS = {
    "email_missing": "Vul uw e-mailadres in.",
    "email_bad": "Dit e-mailadres klopt niet; controleer het (bijvoorbeeld naam@hogeschool.nl).",
    "themes_missing": "Kies minstens één thema.",
}
SUBSCRIBE_SENT_HEADING = "Bevestig uw aanmelding"
SUBSCRIBE_SENT = (
    "We hebben een mail gestuurd naar {email}. Klik op de link in die mail om uw aanmelding te bevestigen; "
    "pas dan ontvangt u het wekelijkse overzicht. Geen mail gekregen? Kijk in uw map met ongewenste mail. "
    "Een aanmelding die niet binnen 7 dagen is bevestigd, vervalt."
)
CONFIRM_SUBJECT = "Bevestig uw aanmelding voor nieuwe onderzoeksopdrachten"
CONFIRM_MAIL = (
    "Goedendag,\n\nU (of iemand met uw e-mailadres) heeft zich aangemeld voor een wekelijks overzicht van nieuwe "
    "onderzoeksopdrachten van het Rijk over: {themes}.\n\nBevestig uw aanmelding met deze link (7 dagen geldig, "
    "één keer te gebruiken):\n{link}\n\nHeeft u zich niet aangemeld? Dan hoeft u niets te doen; de aanmelding vervalt vanzelf.\n"
)
CONFIRM_HEADING = "Aanmelding bevestigen"
CONFIRM_INTRO = "U meldt {email} aan voor een wekelijks overzicht van nieuwe opdrachten over: {themes}."
CONFIRM_BUTTON = "Ja, aanmelding bevestigen"
CONFIRMED_HEADING = "Aanmelding bevestigd"
CONFIRMED = (
    "Dank u. U ontvangt voortaan elke week een overzicht van nieuwe opdrachten over: {themes}. "
    "Afmelden kan met één klik onderaan elke mail."
)
LINK_INVALID_HEADING = "Deze link werkt niet meer"
LINK_INVALID = (
    "De link is al gebruikt, verlopen of onvolledig. Meld u opnieuw aan op de pagina met onderzoeksopdrachten."
)
UNSUBSCRIBE_HEADING = "Afmelden"
UNSUBSCRIBE_INTRO = "Wilt u {email} afmelden? U ontvangt dan geen overzicht van nieuwe opdrachten meer."
UNSUBSCRIBE_BUTTON = "Ja, afmelden"
UNSUBSCRIBED_HEADING = "Afgemeld"
UNSUBSCRIBED = "U bent afgemeld. Uw e-mailadres en thema's zijn verwijderd."
DIGEST_SUBJECT = {1: "1 nieuwe onderzoeksopdracht over {themes}", "n": "{n} nieuwe onderzoeksopdrachten over {themes}"}
DIGEST_MAIL = (
    "Goedendag,\n\nNieuw in de catalogus van Vraagwijzer deze week, over {themes}:\n\n{items}\n"
    "Alle opdrachten: {catalogue}\n\nAfmelden (één klik): {unsubscribe}\n"
)
DIGEST_ITEM = "{title}\n{organisation} · {themes}\nHoofdvraag: {question}\n{link}\n"

# The brokers' draft page: keeping a draft out of the public catalogue
CONFIDENTIAL_HEADING = "Openbare catalogus"
CONFIDENTIAL_LABEL = "Vertrouwelijk: niet in de openbare catalogus"
CONFIDENTIAL_HELP = (
    "Goedgekeurde vragen staan in de openbare catalogus (/opdrachten) voor hogescholen en universiteiten, "
    "zonder namen of andere persoonsgegevens. Vink aan om deze vraag daar weg te laten."
)
CONFIDENTIAL_NOW_HIDDEN = "Deze vraag staat niet in de openbare catalogus (vertrouwelijk)."
CONFIDENTIAL_NOW_PUBLIC = "Deze vraag staat in de openbare catalogus."
CONFIDENTIAL_NOT_YET = "Deze vraag komt na goedkeuring in de openbare catalogus, tenzij u hem vertrouwelijk maakt."
CONFIDENTIAL_SAVE = "Opslaan"
CONFIDENTIAL_DONE = "Zichtbaarheid in de openbare catalogus opgeslagen."
