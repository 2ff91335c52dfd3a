"""The intake conversation: what the assistant asks, the commands, and what it tells the user along the way."""

# Greeting and help
WELCOME = (
    "Welkom bij Vraagwijzer. Ik help u een digitaal vraagstuk van uw organisatie om te zetten in een "
    "onderzoeksvraag voor studenten en onderzoekers van hogescholen en universiteiten. Dat duurt een paar "
    "minuten. U kunt altijd ‘terug’ typen, of /annuleer, /status, /privacy en /help gebruiken. "
    "Write in English if you prefer."
)
WELCOME_BACK = "Welkom terug. We gaan verder waar we waren."
HELP = (
    "Zo werkt het: ik stel een paar vragen over uw vraagstuk, laat zien wat er eerder is onderzocht en "
    "maak een onderzoeksvraag die u kunt aanpassen en indienen. De kennismakelaars van uw regio kijken "
    "ernaar en u hoort hier elke stap.\n"
    "Opdrachten: /start of /nieuw (nieuwe vraag), /annuleer (stoppen), /status (uw ingediende vragen), "
    "/privacy (wat we bewaren), /verwijder (uw gegevens wissen). Typ ‘terug’ om een antwoord te wijzigen. "
    "U kunt altijd pauzeren: alles wordt bewaard."
)

# The questions of the intake, and what the assistant says to an answer
ASK = {
    "organisation": "Bij welke rijksorganisatie werkt u? (bijvoorbeeld DUO, Belastingdienst of het ministerie van BZK)",
    "region": "In welke regio of plaats werkt u?",
    "problem": "Wat is het probleem? Beschrijf het in uw eigen woorden: wat gaat er mis, en voor wie?",
    "context": "Wat is de huidige situatie? Wat is al geprobeerd, en waarom speelt het juist nu?",
    "goal": "Wat moet er anders zijn als het is opgelost? Maak de zin af: ‘Wij willen …’",
    "stakeholders": "Wie merken het probleem of zijn erbij betrokken? (bijvoorbeeld burgers, medewerkers, ketenpartners)",
    "data": "Welke gegevens en systemen zijn er? Zijn er beperkingen, zoals privacy of een rubricering (BIO)?",
    "timeline": "Wanneer zou het onderzoek moeten plaatsvinden? (bijvoorbeeld volgend semester of voor de zomer)",
    "form": "Welke vorm past het best?",
    "level": "Welk niveau past bij de opdracht?",
}
FIELD_LABELS = {
    "organisation": "Organisatie",
    "region": "Regio",
    "problem": "Probleem",
    "context": "Situatie",
    "goal": "Doel",
    "stakeholders": "Betrokkenen",
    "data": "Gegevens",
    "timeline": "Planning",
    "form": "Vorm",
    "level": "Niveau",
}
FOLLOW_UP = {
    "problem": "Kunt u iets meer vertellen? Wat gaat er precies mis, voor wie, en sinds wanneer?",
    "context": "Nog iets meer context helpt: hoe gaat het nu, en wat is al geprobeerd?",
    "goal": "Wat zou er concreet beter zijn, en voor wie? Bijvoorbeeld: ‘de wachttijd voor burgers halveren’.",
}
ORGANISATION_CONFIRM = "Bedoelt u {name}?"
ORGANISATION_TAKEN = "Genoteerd: {name}. Klopt dat niet? Met /terug past u het aan."
ORGANISATION_RETRY = (
    "Ik heb de naam van uw organisatie nodig, bijvoorbeeld DUO, de Belastingdienst of het ministerie van BZK."
)
PROBLEM_FROM_EARLIER = "Uw eerdere beschrijving heb ik als probleem genoteerd. Met /terug past u die aan."
ORGANISATION_UNKNOWN = "Ik ken ‘{name}’ niet als rijksorganisatie. Klopt de naam?"
REGION_RETRY = "Die plaats ken ik niet. Kies de regio waar u werkt:"
REGION_SET = "Genoteerd: regio {label}."

# Options to choose from
FORM_LABELS = {
    "praktijkopdracht": "Praktijkopdracht",
    "afstudeeropdracht": "Afstudeeropdracht",
    "onderzoekslab": "Onderzoekslab",
    "minor": "Minor",
    "none": "Geen voorkeur",
}
LEVEL_LABELS = {"hbo": "hbo", "wo": "wo", "beide": "Beide / weet ik niet"}
REGION_OPTION_LABELS = {"oost": "Noord en Oost", "midden": "Midden", "west": "West"}
YES = "Ja"
NO = "Nee"
NOT_UNDERSTOOD_OPTION = "Kies een van de opties of typ uw antwoord."

# Earlier assignments that resemble the issue
SIMILAR_INTRO = "Dit is eerder onderzocht en lijkt op uw vraagstuk:"
SIMILAR_LINE = "{n}. {organisation} onderzocht in {year}: “{title}”. Resultaat: {outcome}"
SIMILAR_OTHER_ORGS = (
    "Een deel hiervan speelde bij een andere organisatie. Het kan lonen om contact te zoeken met die "
    "collega's elders in de overheid; de kennismakelaars kunnen u in contact brengen."
)
SIMILAR_QUESTION = "Is uw vraag nieuw, of bouwt hij voort op een van deze?"
SIMILAR_NONE = "Ik vond geen vergelijkbare eerdere opdrachten; uw vraag is dus nieuw terrein."
OPTION_NEW = "Mijn vraag is nieuw"
OPTION_BUILDS_ON = "Bouwt voort op {n}"

# The draft shown in the chat, and what the user can do with it
DRAFT_INTRO = "Dit is de onderzoeksvraag die ik op basis van uw antwoorden heb opgesteld:"
DRAFT_MAIN = "Hoofdvraag: {question}"
DRAFT_SUBS = "Deelvragen:"
DRAFT_GROUPS = "Onderzoeksgroepen die zouden kunnen passen:"
DRAFT_GROUP_LINE = "• {name} ({institution}): {why}"
DRAFT_QUALITY_OK = "Kwaliteitscontrole: de hoofdvraag voldoet aan alle regels."
DRAFT_QUALITY_ADVICE = "Tips om de vraag sterker te maken:"
DRAFT_QUESTION = "Wilt u de vraag indienen bij de kennismakelaars, een onderdeel wijzigen, of een andere formulering?"
OPTION_SUBMIT = "Indienen"
OPTION_EDIT = "Onderdeel wijzigen"
OPTION_REWORD = "Andere formulering"
OPTION_CANCEL = "Annuleren"
EDIT_WHICH = "Welk onderdeel wilt u wijzigen?"
REWORDED = "Een andere formulering:"
KIND_NAMES = {
    "adviserend": "een adviesvraag",
    "ontwerpend": "een ontwerpvraag",
    "evaluerend": "een evaluatievraag",
    "verklarend": "een verklarende vraag",
    "voorspellend": "een voorspellende vraag",
    "beschrijvend": "een beschrijvende vraag",
}
KIND_OPTIONS = {
    "adviserend": "Een advies",
    "ontwerpend": "Een ontwerp",
    "evaluerend": "Een evaluatie",
    "verklarend": "Een verklaring",
    "voorspellend": "Een voorspelling",
    "beschrijvend": "Een beschrijving",
}
KIND_CHOICE = "Ik heb er {kind} van gemaakt. Liever een andere soort onderzoek? Kies hieronder."
SUBMITTED = (
    "Ingediend. Uw vraag heeft nummer {id}. De kennismakelaars van regio {region} bekijken hem; "
    "u hoort hier elke stap. Met /status ziet u altijd hoe het ervoor staat."
)

# Commands: stopping or starting over, status, privacy, erasing, pausing, going back, the language
CONFIRM_DISCARD = {
    "cancel": "Als u stopt, worden uw antwoorden over {fields} gewist. Weet u het zeker?",
    "new": "Als u opnieuw begint, worden uw antwoorden over {fields} gewist. Weet u het zeker?",
}
AND = "en"
CONFIRM_KEPT = "Goed, uw antwoorden blijven bewaard. We gaan verder waar u was."
CANCELLED = "Geannuleerd. Uw antwoorden zijn gewist. Met /nieuw begint u opnieuw."
NOTHING_TO_CANCEL = "Er loopt nu geen vraag. Met /nieuw begint u een nieuwe."
STATUS_NONE = "U heeft nog geen vragen ingediend."
STATUS_HEADER = "Uw ingediende vragen:"
STATUS_LINE = "• {id} ({date}): {title} — {state}"
STATUS_IN_PROGRESS = "U bent ook bezig met een nieuwe vraag; stuur een bericht om verder te gaan."
# The privacy statement in parts (heading, text): the chat's /privacy sends the submitter's parts,
# the page /privacy shows all of them (web/pages/public.py).
PRIVACY_SUBMITTER = (
    (
        "Wat Vraagwijzer bewaart",
        "Uw antwoorden in het gesprek met Vraagwijzer en de onderzoeksvraag die u indient, met een verwijzing naar "
        "uw chatkanaal zodat wij u op de hoogte kunnen houden. Persoonsgegevens zoals een BSN, e-mailadres, "
        "telefoonnummer, IBAN of de naam van een persoon haalt Vraagwijzer uit uw tekst voordat iets wordt "
        "opgeslagen.",
    ),
    ("Waarom", "Om uw vraagstuk bij de juiste onderzoeksgroep te krijgen."),
    (
        "Wie ziet wat",
        "Het duo kennismakelaars van uw regio beoordeelt uw ingediende vraag. Kennismakelaars van alle regio's "
        "kunnen de vraag in hun wachtrij zien, omdat zij het werk van elkaar kunnen overnemen. Onderzoeksgroepen "
        "die de kennismakelaars kiezen krijgen de vraag te lezen, zonder uw naam of chat-account.",
    ),
    (
        "De openbare catalogus",
        "Een vraag die beide kennismakelaars hebben goedgekeurd, staat openbaar in de catalogus van opdrachten "
        "voor onderzoeksgroepen (/opdrachten), tenzij de kennismakelaars hem vertrouwelijk hebben gemaakt. Daar "
        "staan alleen de vraag zelf (titel, hoofdvraag en deelvragen), de organisatie, de regio, de vorm, het "
        "niveau, de thema's en de planning: zonder uw naam, uw chat-account of andere persoonsgegevens.",
    ),
    (
        "Hoe lang",
        "Een gesprek dat u niet meer gebruikt wordt na de bewaartermijn gewist (standaard 90 dagen; de beheerder "
        "stelt die in met VRAAGWIJZER_RETENTION_DAYS). Ingediende vragen blijven bewaard zolang het programma ze "
        "nodig heeft.",
    ),
    (
        "Wissen en inzien",
        "Met /verwijder wist u uw gesprekken; ingediende vragen blijven dan zonder uw naam of chat-account bewaard "
        "voor de makelaars. Wilt u een kopie van wat over u bewaard is? Vraag het de kennismakelaars of de "
        "beheerder; u krijgt een export.",
    ),
)
PRIVACY_CATALOGUE_VISITORS = (
    (
        "Interesse doorgeven in de catalogus",
        "Geeft u bij een opdracht in de catalogus interesse door, dan gaan de naam van uw onderzoeksgroep, uw "
        "e-mailadres en uw toelichting naar de kennismakelaars van de regio van die opdracht. Zij bewaren uw "
        "reactie bij de vraag om contact met u op te nemen, zolang de vraag in Vraagwijzer staat; uw adres is niet "
        "openbaar. Wilt u dat uw reactie eerder wordt gewist, mail dan de kennismakelaars.",
    ),
    (
        "Nieuwe opdrachten per e-mail",
        "Meldt u zich aan voor nieuwe opdrachten per e-mail, dan bewaren wij alleen uw e-mailadres en de thema's "
        "die u kiest. Een aanmelding die u niet binnen 7 dagen bevestigt, wordt gewist. Een bevestigde aanmelding "
        "blijft bewaard tot u zich afmeldt, met de link in elke mail; daarna zijn uw e-mailadres en thema's "
        "verwijderd.",
    ),
)
PRIVACY = "\n\n".join(f"{heading}\n{text}" for heading, text in PRIVACY_SUBMITTER)

DELETE_CONFIRM = (
    "Weet u zeker dat u uw gegevens wilt wissen? Ingediende vragen blijven bewaard, maar zonder koppeling aan u."
)
DELETED = "Uw gesprekken zijn gewist ({drafts} ingediende vraag/vragen zijn losgekoppeld van uw account)."
DELETE_KEPT = "Niets gewist."
PAUSED = "Prima, ik bewaar alles. Stuur gerust later een bericht, dan gaan we verder."
BACK_NOTHING = "We zijn bij het begin; er is niets om naar terug te gaan."
LANGUAGE_SET = "Ik ga verder in het Nederlands."

# Notices about a message itself, and when something goes wrong
REDACTED = "Let op: ik heb {kinds} uit uw bericht verwijderd; dat soort persoonsgegevens is hier niet nodig."
REDACTED_KINDS = {
    "bsn": "een BSN",
    "email": "een e-mailadres",
    "phone": "een telefoonnummer",
    "iban": "een IBAN",
    "name": "een naam",
}
UNSUPPORTED = (
    "Ik kan alleen tekst lezen, geen foto's, spraakberichten, stickers of bestanden. "
    "Wilt u het in een paar zinnen typen?"
)
EMPTY = "Ik heb geen tekst ontvangen. Typ uw antwoord in een paar woorden."
TOO_LONG = "Uw bericht is erg lang; ik heb de eerste {limit} tekens bewaard."
TOO_MANY_MESSAGES = (
    "U stuurt veel berichten snel achter elkaar. Ik lees weer mee over een paar seconden; "
    "wat u al had beantwoord is bewaard."
)
BUSY = (
    "Het is even erg druk. Uw eerdere antwoorden zijn bewaard; stuur uw laatste bericht over een paar seconden opnieuw."
)
ERROR = "Er ging iets mis aan mijn kant. Uw antwoorden zijn bewaard; probeer het zo nog eens."

# The command menu a chat app shows (Telegram's "/" menu): (command word, what it does).
COMMAND_MENU = [
    ("start", "Begin of ga verder"),
    ("help", "Uitleg"),
    ("nieuw", "Nieuwe vraag"),
    ("annuleer", "Stoppen met deze vraag"),
    ("status", "Mijn ingediende vragen"),
    ("privacy", "Wat er bewaard wordt"),
    ("verwijder", "Mijn gegevens wissen"),
]

# The draft when form and level leave no research group; buttons of an earlier step (issue #13)
DRAFT_GROUPS_WIDENED = "Geen groep past bij vorm en niveau; dichtstbijzijnde groepen zonder dat filter:"
DRAFT_GROUP_UNFILTERED = " (zonder filter op vorm en niveau)"
STALE_OPTION = "Die knop hoort bij een eerdere stap."
STALE_SUBMITTED = "Deze vraag is al ingediend als {id}. Met /status ziet u hoe het ervoor staat."
STALE_IDLE = "Er loopt nu geen vraag. Met /nieuw begint u een nieuwe."
