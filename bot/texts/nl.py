"""Nederlandse teksten: alles wat een gebruiker of beheerder van Vraagwijzer leest."""

from __future__ import annotations

from knowledge import vocabulary

THEME_LABELS = vocabulary.THEME_LABELS

FORM_PLURAL = {
    "praktijkopdracht": "praktijkopdrachten",
    "afstudeeropdracht": "afstudeeropdrachten",
    "onderzoekslab": "onderzoekslabs",
    "minor": "minoren",
}
REGION_LABELS = {"oost": "Noord en Oost", "midden": "Midden", "west": "West"}

# Matching
EMPTY_QUERY = "Geef een omschrijving van het probleem; de tekst is leeg of bevat geen woorden."
UNKNOWN_VALUE = "Onbekende {what} {value!r}; kies uit: {allowed}."


# Why a research group is suggested (bot/matching/reasons.py).
REASON_EVIDENCE = "werkte in {year} voor {organisation} aan een vergelijkbare opdracht: “{title}”"
REASON_THEMES = "thema's: {themes}"
REASON_KEYWORDS = "trefwoorden: {keywords}"
REASON_REGION = "in uw regio ({region})"
REASON_FORM = "neemt {forms} aan"
REASON_CAPACITY_ONE = "capaciteit: nog {capacity} opdracht dit semester"
REASON_CAPACITY = "capaciteit: nog {capacity} opdrachten dit semester"
REASON_NO_CAPACITY = "geen capaciteit meer dit semester"
ACCEPTED_SIMILAR = "nam in {year} een vergelijkbare vraag van {organisation} aan"
DECLINED_SIMILAR = "zag in {year} af van een vergelijkbare vraag van {organisation} (buiten de expertise)"


# Command line
ERROR_PREFIX = "Fout"
INDEX_UP_TO_DATE = "De indexen zijn actueel ({assignments} opdrachten, {groups} groepen)."
INDEX_BUILT = (
    "Index {name}: {total} documenten, {embedded} berekend, {reused} hergebruikt, "
    "{removed} verwijderd in {seconds:.1f} s."
)
IMPORTED = "{count} {kind} geïmporteerd uit {path}."
EXPORTED = "{count} {kind} geëxporteerd naar {path}."
BATCH_LINE_ERROR = "regel {line}: {reason}"
BAD_BATCH_JSON = "regel {line}: geen geldige JSON ({reason})"
NO_MATCHES = "Geen passende onderzoeksgroepen gevonden."
TABLE_GROUPS = "Onderzoeksgroepen"
TABLE_ASSIGNMENTS = "Vergelijkbare eerdere opdrachten"
NOT_A_CHOICE = "{value!r} is geen geldige keuze; kies uit {choices}."
NOT_IN_RANGE = "{value!r} is geen geheel getal {bounds}."
RANGE_BETWEEN = "van {low} t/m {high}"
RANGE_FROM = "vanaf {low}"
USAGE_BAD_VALUE = "Ongeldige waarde voor {name}: {message}"
USAGE_MISSING = "{name} ontbreekt."
USAGE_NO_SUCH_OPTION = "Onbekende optie {option}."
USAGE_OTHER = "Ongeldige aanroep: {message}"
USAGE_HINT = "(zie vraagwijzer --help)"
BAD_SETTING = "Ongeldige instelling {name}={value!r}: {reason}"
DATA_DIR_UNUSABLE = "De datamap {path} is niet bruikbaar ({reason}); zet VRAAGWIJZER_DATA_DIR op een schrijfbare map."
DISK_NEARLY_FULL = (
    "Op de schijf van {path} is nog maar {free} MB vrij (minimaal {need} MB nodig); maak ruimte of kies een "
    "andere VRAAGWIJZER_DATA_DIR."
)


# Drafting: the research question
DEFAULT_ORGANISATION = "de organisatie"
GENERIC_AIM = "het beschreven probleem oplossen"
GENERIC_FOCUS = "het beschreven probleem"
UNTITLED = "Onderzoeksvraag"
SIMILAR_WHY = "vergelijkbaar vraagstuk bij {organisation} ({year})"
TIMELINE = "Planning: {timeline}"
DELIVERABLES = {
    "adviserend": (
        "Adviesrapport met onderbouwde maatregelen",
        "Implementatieplan op hoofdlijnen",
        "Presentatie aan de opdrachtgever",
    ),
    "ontwerpend": ("Ontwerp met ontwerpkeuzes en eisen", "Getest prototype", "Advies voor invoering en beheer"),
    "evaluerend": (
        "Evaluatierapport met criteria en bevindingen",
        "Aanbevelingen voor verbetering",
        "Presentatie aan de opdrachtgever",
    ),
    "verklarend": (
        "Onderzoeksrapport met verklarend model",
        "Overzicht van oorzaken en aangrijpingspunten",
        "Presentatie aan de opdrachtgever",
    ),
    "voorspellend": (
        "Voorspelmodel met toelichting",
        "Rapport over nauwkeurigheid en beperkingen",
        "Advies voor gebruik in de planning",
    ),
    "beschrijvend": (
        "Beschrijvend rapport met analyse van de gegevens",
        "Overzicht van knelpunten en kansen",
        "Presentatie aan de opdrachtgever",
    ),
}
QUALITY_ADVICE = {
    "open_question": "Stel de hoofdvraag open (Hoe, Welke, Wat, In hoeverre ...), zodat het antwoord meer is dan ja of nee.",
    "question_mark": "Formuleer de hoofdvraag als één vraag die eindigt met een vraagteken.",
    "one_problem": "Kies één probleem; ‘en/of’ wijst op twee vragen. Maak van de tweede een deelvraag.",
    "names_organisation": "Noem de organisatie of het domein in de hoofdvraag.",
    "specific": "Maak het doel concreter: wat moet er anders zijn, voor wie, en hoe merkt u dat?",
    "no_solution": "Noem in het doel wat er beter moet, niet de oplossing (zoals een app of chatbot); die oplossing wordt een van de opties in het onderzoek.",
    "length": "Maak de hoofdvraag korter (hooguit ongeveer 35 woorden).",
    "sub_questions": "Er zijn 3 tot 6 deelvragen nodig die samen de hoofdvraag beantwoorden.",
    "researchable": "De planning is te krap voor onderzoek door studenten; reken op minstens een semester.",
    "finite_verb": "Maak er een volledige vraagzin van, met een werkwoord (bijvoorbeeld ‘Hoe kan … verbeteren?’).",
    "te_infinitive": "Zet ‘te’ direct voor elk werkwoord in de ‘om … te’-zin (‘om de achterstand weg te werken’), nooit voor een zelfstandig naamwoord of na ‘kunnen’.",
    "dangling_end": "Maak de zin af: hij eindigt nu op een voegwoord, voorzetsel, lidwoord of komma.",
    "placeholder": "Vervang de invultekst door wat er bij deze organisatie speelt.",
    "pronoun_antecedent": "Schrijf voluit wie er bedoeld wordt in plaats van ‘ze’ of ‘zij’ (bijvoorbeeld ‘burgers’).",
    "first_person": "Schrijf de vraag vanuit de organisatie, zonder ‘wij’, ‘ons’ of ‘ik’.",
    "pasted_clause": "Er staat een werkwoordzin waar een zelfstandig naamwoord hoort; herschrijf dat deel (bijvoorbeeld ‘het verminderen van …’).",
    "list_without_and": "Zet ‘en’ voor het laatste onderdeel van de opsomming (‘A, B en C’).",
    "distinct_sub_questions": "Twee deelvragen lijken te veel op elkaar; maak ze verschillend of voeg ze samen.",
    "specific_sub_questions": "Maak de deelvragen specifieker: noem wat er al is geprobeerd, wie betrokken zijn en welke gegevens er zijn.",
    "sub_question_language": "Herschrijf de genoemde deelvragen.",
}
# The intake conversation
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
ORGANISATION_FREE = "Die organisatie ken ik niet, maar ik noteer ‘{name}’."
ORGANISATION_RETRY = (
    "Ik heb de naam van uw organisatie nodig, bijvoorbeeld DUO, de Belastingdienst of het ministerie van BZK."
)
ORGANISATION_UNKNOWN = "Ik ken ‘{name}’ niet als rijksorganisatie. Klopt de naam?"
CONFIRM_DISCARD = {
    "cancel": "Als u stopt, worden uw antwoorden over {fields} gewist. Weet u het zeker?",
    "new": "Als u opnieuw begint, worden uw antwoorden over {fields} gewist. Weet u het zeker?",
}
CONFIRM_KEPT = "Goed, uw antwoorden blijven bewaard. We gaan verder waar u was."
AND = "en"
REGION_RETRY = "Die plaats ken ik niet. Kies de regio waar u werkt:"
REGION_SET = "Genoteerd: regio {label}."
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
SUBMITTED = (
    "Ingediend. Uw vraag heeft nummer {id}. De kennismakelaars van regio {region} bekijken hem; "
    "u hoort hier elke stap. Met /status ziet u altijd hoe het ervoor staat."
)
CANCELLED = "Geannuleerd. Uw antwoorden zijn gewist. Met /nieuw begint u opnieuw."
NOTHING_TO_CANCEL = "Er loopt nu geen vraag. Met /nieuw begint u een nieuwe."
STATUS_NONE = "U heeft nog geen vragen ingediend."
STATUS_HEADER = "Uw ingediende vragen:"
STATUS_LINE = "• {id} ({date}): {title} — {state}"
STATUS_IN_PROGRESS = "U bent ook bezig met een nieuwe vraag; stuur een bericht om verder te gaan."
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
PRIVACY = (
    "Wat Vraagwijzer bewaart: uw antwoorden in dit gesprek en de onderzoeksvraag die u indient, met een "
    "verwijzing naar dit chatkanaal zodat wij u op de hoogte kunnen houden. Persoonsgegevens zoals een BSN, "
    "e-mailadres, telefoonnummer, IBAN of de naam van een persoon haal ik uit uw tekst voordat iets wordt "
    "opgeslagen. Waarom: om uw "
    "vraagstuk bij de juiste onderzoeksgroep te krijgen. Wie: alleen de kennismakelaars van uw regio zien "
    "ingediende vragen. Met /verwijder wist u uw gesprekken; ingediende vragen blijven dan zonder uw naam of "
    "chat-account bewaard voor de makelaars."
)
DELETE_CONFIRM = (
    "Weet u zeker dat u uw gegevens wilt wissen? Ingediende vragen blijven bewaard, maar zonder koppeling aan u."
)
DELETED = "Uw gesprekken zijn gewist ({drafts} ingediende vraag/vragen zijn losgekoppeld van uw account)."
DELETE_KEPT = "Niets gewist."
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
PAUSED = "Prima, ik bewaar alles. Stuur gerust later een bericht, dan gaan we verder."
BACK_NOTHING = "We zijn bij het begin; er is niets om naar terug te gaan."
LANGUAGE_SET = "Ik ga verder in het Nederlands."
TOO_MANY_MESSAGES = (
    "U stuurt veel berichten snel achter elkaar. Ik lees weer mee over een paar seconden; "
    "wat u al had beantwoord is bewaard."
)
BUSY = (
    "Het is even erg druk. Uw eerdere antwoorden zijn bewaard; stuur uw laatste bericht over een paar seconden opnieuw."
)
ERROR = "Er ging iets mis aan mijn kant. Uw antwoorden zijn bewaard; probeer het zo nog eens."
NOT_UNDERSTOOD_OPTION = "Kies een van de opties of typ uw antwoord."
RESUME_OR_NEW = "U was bezig met een vraag. Wilt u verder gaan of opnieuw beginnen?"
OPTION_RESUME = "Verder gaan"
OPTION_RESTART = "Opnieuw beginnen"
LINKED = "Gekoppeld, {name}. Nieuwe vragen voor regio {region} hoort u voortaan hier in plaats van per e-mail."
LINK_FAILED = "Deze koppelcode is onbekend, al gebruikt of verlopen. Vraag in het dashboard een nieuwe aan (‘Meldingen in de chat’)."
CHOOSE_OR_TYPE = "Kies een knop of typ uw antwoord."
EDITED = "Ik lees alleen nieuwe berichten. Stuur uw aanpassing als nieuw bericht, of typ ‘terug’."
CONSOLE_HINT = "Typ uw antwoord, of het nummer van een optie. Ctrl-D of /stop om te stoppen (alles wordt bewaard)."
RUN_TELEGRAM = "Telegram-bot gestart ({mode}); stoppen met Ctrl-C."
DOCUMENT_LABELS = {
    "main_question": "Hoofdvraag",
    "sub_questions": "Deelvragen",
    "background": "Achtergrond",
    "objective": "Doel",
    "scope": "Afbakening",
    "deliverables": "Op te leveren",
    "constraints": "Randvoorwaarden",
    "form": "Vorm",
    "level": "Niveau",
    "themes": "Thema's",
    "similar": "Vergelijkbare eerdere opdrachten",
    "groups": "Voorgestelde onderzoeksgroepen",
    "quality": "Kwaliteitscontrole",
    "region": "Regio",
    "details": "Gegevens",
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
BROKER_NEW_DRAFT_SUBJECT = "Nieuwe onderzoeksvraag {id} van {organisation}"
BROKER_NEW_DRAFT = (
    "Er wacht een onderzoeksvraag op uw beoordeling.\n\n{id} · {organisation}\n{title}\n\nHoofdvraag: {question}\n\n"
    "Bekijken en beoordelen: {link}"
)
LOGIN_MAIL_SUBJECT = "Uw inloglink voor Vraagwijzer"
RUN_TEAMS = "Teams: /api/messages staat aan ({mode})."
RUN_TEAMS_AUTHENTICATED = "alleen berichten met een geldig token van de Bot Service, app-id {client_id}"
RUN_TEAMS_ANONYMOUS = (
    "ZONDER aanmelding, alleen voor lokaal testen (VRAAGWIJZER_TEAMS_ANONYMOUS=1); nooit zo op internet zetten"
)
RUN_NO_TEAMS = (
    "Teams staat uit: geen CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID gezet "
    "(of VRAAGWIJZER_TEAMS_ANONYMOUS=1 om lokaal te testen)."
)
TEAMS_PACKAGE_NEEDS = "Voor het Teams-app-pakket is {name} nodig."
TEAMS_PACKAGE_WRITTEN = (
    "Teams-app-pakket geschreven: {path}. Upload het in het Teams-beheercentrum of via Apps > Apps beheren > "
    "Een app uploaden."
)
TEAMS_BOTH_MODES = (
    "Kies één Teams-modus: met CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID (echte tenant) "
    "of VRAAGWIJZER_TEAMS_ANONYMOUS=1 (lokaal testen), niet allebei."
)
RUN_NO_TELEGRAM = "Geen TELEGRAM_BOT_TOKEN gezet: alleen de webdienst draait (dashboard en webchat)."
RUN_WEB = (
    "Vraagwijzer draait op {url} (webchat: {url}/chat). Makelaars loggen in met een link van "
    "`vraagwijzer brokers login-link E-MAIL`, bijvoorbeeld: .venv/bin/vraagwijzer brokers login-link rijk.oost@vraagwijzer.example"
)
CHAT_TITLE = "Vraagwijzer"
CHAT_INTRO = "Beschrijf een digitaal vraagstuk van uw organisatie; ik help er een onderzoeksvraag van te maken."
CHAT_START = "Beginnen"
CHAT_SEND = "Versturen"
CHAT_LABEL = "Uw antwoord"
# The web chat's refusals (a page, in Dutch for everyone, as the other pages).
CHAT_TOO_LARGE = ("Te groot", "Uw bericht is te lang.")
CHAT_EXPIRED = ("Verboden", "Het formulier is verlopen; laad de pagina opnieuw.")
PURGED = "Bewaartermijn {days} dagen: gewist {counts}."
RUN_STOPPED = "Vraagwijzer is gestopt."
SUGGESTION_SUBJECT = "Voorstel voor een onderzoeksopdracht: {title}"
SUGGESTION_MAIL = (
    "Beste {group},\n\nDe kennismakelaars van Vraagwijzer stellen u een onderzoeksopdracht voor.\n\n{title}\n"
    "Hoofdvraag: {question}\nOrganisatie: {organisation}\nVorm: {form} · Niveau: {level} · Planning: {timeline}\n"
    "Waarom uw groep: {why}\n\nBekijk de hele vraag en laat weten of u interesse heeft (geen account nodig):\n{link}\n"
)
THANKS_SUBJECT = "Dank voor uw reactie: {title}"
THANKS_MAIL = (
    "Beste {group},\n\nDank voor uw reactie op “{title}”. Deze opdracht is inmiddels aan een andere groep gekoppeld.\n"
)
ANSWER_SUBJECT = "Reactie van een onderzoeksgroep op {id}"
ANSWER_MAIL = "{group} reageerde op {id}: {state}. {text}\n\nBekijken: {link}\n"
REMINDER_SUBJECT = "Herinnering: voorstel voor een onderzoeksopdracht: {title}"
REMINDER_MAIL = (
    "Beste {group},\n\nTwee weken geleden stelden de kennismakelaars u de opdracht “{title}” voor. "
    "Wilt u laten weten of u interesse heeft? Ook ‘nu niet’ helpt ons verder.\n\n{link}\n"
)
NO_ANSWER_SUBJECT = "Geen antwoord op voorstel {id}"
NO_ANSWER_MAIL = (
    "{group} heeft na 20 werkdagen niet gereageerd op {id}; het voorstel is gesloten.\n\nBekijken: {link}\n"
)


# Quality checks of the research question: what each check is called, and what to do when it fails.
QUALITY_LABELS = {
    "open_question": "Open vraag",
    "question_mark": "Eén vraag met vraagteken",
    "finite_verb": "Volledige zin (met werkwoord)",
    "te_infinitive": "‘te’ op de goede plaats",
    "dangling_end": "Zin loopt niet af",
    "placeholder": "Geen invultekst",
    "pronoun_antecedent": "Duidelijk naar wie ‘ze’ verwijst",
    "first_person": "Geen ‘wij’ of ‘ik’",
    "one_problem": "Eén probleem",
    "length": "Niet te lang",
    "pasted_clause": "Geen losse werkwoordzin",
    "list_without_and": "Opsomming met ‘en’",
    "names_organisation": "Organisatie genoemd",
    "specific": "Concreet doel",
    "no_solution": "Geen oplossing ingebakken",
    "sub_questions": "3 tot 6 deelvragen",
    "distinct_sub_questions": "Deelvragen verschillend",
    "specific_sub_questions": "Deelvragen over dit vraagstuk",
    "sub_question_language": "Deelvragen goed geformuleerd",
    "researchable": "Haalbare planning",
}
SUB_QUESTION_FAULT = "Deelvraag {n}: {faults}."

# The main question per kind of question and shape of the goal (bot/drafting/goal.py). Slots:
# {org} the organisation mid-sentence ("het Kadaster"), {Org} at the start of a sentence,
# {te} the goal as "om ... te"-clause words ("de achterstand weg te werken"), {modal} with "kan"
# ("de achterstand kan wegwerken"), {clause} a "dat"-clause body or question clause, {np} a noun phrase.
FRAMES = {
    "adviserend": {
        "infinitive": "Welke maatregelen kan {org} nemen om {te}?",
        "dat": "Welke maatregelen kan {org} nemen, zodat {clause}?",
        "knowledge": "Welke maatregelen kan {org} nemen op basis van inzicht in {clause}?",
        "noun": "Welke maatregelen kan {org} nemen om te komen tot {np}?",
    },
    "ontwerpend": {
        "infinitive": "Hoe ziet een werkwijze eruit waarmee {org} {modal}?",
        "dat": "Hoe kan {org} een werkwijze ontwerpen, zodat {clause}?",
        "knowledge": "Hoe kan {org} een werkwijze ontwerpen die inzicht geeft in {clause}?",
        "noun": "Hoe kan {org} komen tot {np}?",
    },
    "evaluerend": {
        "infinitive": "In hoeverre helpt de huidige aanpak {org} om {te}?",
        "dat": "In hoeverre zorgt de huidige aanpak van {org} ervoor dat {clause}?",
        "knowledge": "In hoeverre kan {org} vaststellen {clause}?",
        "noun": "In hoeverre draagt de huidige aanpak van {org} bij aan {np}?",
    },
    "verklarend": {
        "infinitive": "Welke factoren maken het voor {org} moeilijk om {te}?",
        "dat": "Welke factoren bepalen bij {org} of {clause}?",
        "knowledge": "Welke factoren verklaren bij {org} {clause}?",
        "noun": "Welke factoren staan bij {org} {np} in de weg?",
    },
    "voorspellend": {
        "infinitive": "In welke mate helpen voorspellingen uit de beschikbare gegevens {org} om {te}?",
        "dat": "In welke mate kan {org} voorspellen of {clause}?",
        "knowledge": "In welke mate kan {org} voorspellen {clause}?",
        "noun": "In welke mate kan {org} met de beschikbare gegevens {np} voorspellen?",
    },
    "beschrijvend": {
        "infinitive": "Wat is er bij {org} nodig om {te}?",
        "dat": "Wat bepaalt bij {org} of {clause}?",
        "knowledge": "In welke mate heeft {org} zicht op {clause}?",
        "noun": "Wat is er bij {org} bekend over {np}?",
    },
}
FORECAST_FRAME = "In welke mate kan {org} {bare}?"
# When the goal gives no usable aim, the question is built on what the problem is about.
FOCUS_FRAMES = {
    "adviserend": "Welke maatregelen kan {org} nemen rond {np}?",
    "ontwerpend": "Hoe kan {org} de aanpak van {np} opnieuw inrichten?",
    "evaluerend": "In hoeverre werkt de huidige aanpak van {np} bij {org}?",
    "verklarend": "Welke factoren verklaren de problemen met {np} bij {org}?",
    "voorspellend": "In welke mate kan {org} de ontwikkeling van {np} voorspellen?",
    "beschrijvend": "Hoe ziet de situatie rond {np} bij {org} er nu uit?",
}
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
KIND_TITLE = {
    "adviserend": "Advies over {np}",
    "ontwerpend": "Ontwerp voor {np}",
    "evaluerend": "Evaluatie van {np}",
    "verklarend": "Oorzaken rond {np}",
    "voorspellend": "Voorspelling van {np}",
    "beschrijvend": "Beeld van {np}",
}
# Sub-questions. Each names something from the intake; {people} is a Dutch list of stakeholders,
# with a verb for one (…_one) or more people.
SUB = {
    "situation": "Hoe ziet de huidige situatie rond {focus} bij {org} eruit?",
    "tried": "Wat heeft {tried} opgeleverd, en waarom was dat niet genoeg?",
    "rest": "Wat is daarnaast nodig om {te}?",
    "data": "Welke gegevens uit {systems} kan {org} hiervoor gebruiken, binnen de grenzen van {limits}?",
    "data_systems": "Welke gegevens uit {systems} kan {org} hiervoor gebruiken, en hoe betrouwbaar zijn die?",
    "data_limits": "Welke gegevens over {focus} zijn nodig, en wat is daarvan bruikbaar binnen de grenzen van {limits}?",
    "data_none": "Welke gegevens over {focus} zijn nodig, en welke daarvan heeft {org} al?",
    "solution": "Hoe verhoudt {solution} zich tot andere oplossingen voor {focus}?",
    "similar": "Wat leert de eerdere opdracht ‘{title}’ ({organisation}, {year}) voor deze vraag?",
}
SUB_PEOPLE = {
    "adviserend": ("Welke eisen stellen {people} aan een oplossing?", "Welke eisen stelt {people} aan een oplossing?"),
    "ontwerpend": (
        "Aan welke eisen moet een ontwerp voldoen volgens {people}?",
        "Aan welke eisen moet een ontwerp voldoen volgens {people}?",
    ),
    "evaluerend": ("Hoe beoordelen {people} de huidige aanpak?", "Hoe beoordeelt {people} de huidige aanpak?"),
    "verklarend": ("Welke oorzaken zien {people}?", "Welke oorzaken ziet {people}?"),
    "voorspellend": ("Welke ontwikkelingen verwachten {people}?", "Welke ontwikkelingen verwacht {people}?"),
    "beschrijvend": ("Hoe ervaren {people} de huidige situatie?", "Hoe ervaart {people} de huidige situatie?"),
}
SUB_METHOD = {
    "adviserend": "Welke aanpak rond {focus} past het best bij {org}, en wat is nodig om die in te voeren?",
    "ontwerpend": "Hoe presteert een prototype van het ontwerp bij een test met {tester}?",
    "evaluerend": "Welke verbeteringen rond {focus} volgen uit de evaluatie?",
    "verklarend": "Welke aangrijpingspunten voor verbetering biedt de verklaring van {focus}?",
    "voorspellend": "Hoe nauwkeurig zijn de voorspellingen rond {focus} bij toetsing op gegevens uit eerdere jaren?",
    "beschrijvend": "Wat zijn de knelpunten en kansen rond {focus}?",
}
DEFAULT_TESTERS = "gebruikers"
OTHER_PEOPLE = "andere betrokkenen"
APPLICANT = "de aanvrager"
OBJECTIVE = {
    "infinitive": "{Org} wil {bare}.",
    "dat": "{Org} wil bereiken dat {clause}.",
    "knowledge": "{Org} wil {verb} {clause}.",
    "noun": "{Org} wil komen tot {np}.",
}
SCOPE_PEOPLE = "Het onderzoek richt zich op {focus} bij {org}, met de inbreng van {people}."
SCOPE_ALONE = "Het onderzoek richt zich op {focus} bij {org}."
LIMIT_NAMES = {
    "avg": "de AVG",
    "bio": "de BIO",
    "privacy": "de privacyregels",
    "persoonsgegevens": "de privacyregels",
    "rubricering": "de rubricering",
    "dep.v": "de rubricering Departementaal Vertrouwelijk",
    "depv": "de rubricering Departementaal Vertrouwelijk",
    "geheim": "de geheimhouding",
    "screening": "de screening van onderzoekers",
}

# -- The workflow of a submitted draft: what brokers and groups read when an action cannot go on.
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
