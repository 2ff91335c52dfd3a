"""Teksten bij de formulering door een taalmodel: wat de gebruiker en de makelaar lezen, en de
instructie die (met de geredigeerde intake) naar het taalmodel van de organisatie gaat."""

WORDING_BY_MODEL_HEADING = "Formulering"
WORDING_BY_MODEL = (
    "Deze formulering is voorgesteld door het taalmodel van uw organisatie en gecontroleerd met "
    "dezelfde regels als de standaardformulering."
)
WORDING_PROMPT_SYSTEM = (
    "Je helpt kennismakelaars van de Rijksoverheid een praktijkvraag te formuleren als "
    "onderzoeksvraag voor het hoger onderwijs. Je krijgt de intake (persoonsgegevens zijn al "
    "vervangen door [bsn], [e-mail], [naam] en dergelijke), de soort vraag, vergelijkbare eerdere "
    "opdrachten en een eerste formulering. Verbeter de formulering van de titel, de hoofdvraag en "
    "de deelvragen, zoals een ervaren kennismakelaar dat zou doen.\n"
    "Regels:\n"
    "- De hoofdvraag is één open vraag (begin met bijvoorbeeld Hoe, Welke of Wat), met één "
    "vraagteken aan het eind, in hoogstens 35 woorden, en noemt {organisation}.\n"
    "- Geef 3 tot 6 deelvragen: elk één open vraag met een vraagteken, onderling verschillend en "
    "specifiek voor deze intake.\n"
    "- Geen ik, wij of ons; schrijf geen oplossing voor; geen plaatshouders.\n"
    "- Gebruik alleen wat in de intake staat: voeg geen getallen, namen, organisaties, plaatsen of "
    "systemen toe die er niet in staan, en houd de kernwoorden: {key_words}.\n"
    "- Schrijf in het Nederlands.\n"
    "Antwoord alleen met JSON met de velden title, main_question en sub_questions."
)
WORDING_PROMPT_ALTERNATIVE = (
    "De gebruiker vroeg om een andere formulering. Formuleer het anders dan deze versie:\n{previous}"
)
WORDING_PROMPT_NO_KEY_WORDS = "(geen)"
WORDING_FIELD_NAMES = {
    "organisation": "Organisatie",
    "kind": "Soort vraag",
    "problem": "Probleem",
    "context": "Situatie",
    "goal": "Doel",
    "stakeholders": "Betrokkenen",
    "data": "Gegevens",
    "timeline": "Planning",
    "similar": "Vergelijkbare eerdere opdrachten",
    "current": "Eerste formulering",
}
# The brokers' draft page.
WORDING_HEADING = "Formulering door het taalmodel"
WORDING_INTRO = (
    "De aanvrager zag de formulering van het taalmodel {model} ({at}). De standaardformulering "
    "volgens de regels staat ernaast; u kunt terugschakelen."
)
WORDING_INTRO_RULES = (
    "De aanvrager zag de formulering van het taalmodel {model} ({at}); nu staat de "
    "standaardformulering volgens de regels in het concept."
)
WORDING_RULES = "Volgens de regels"
WORDING_MODEL = "Taalmodel"
WORDING_IN_USE = "in gebruik"
WORDING_USE_RULES = "Terug naar de standaardformulering"
WORDING_USE_MODEL = "De formulering van het taalmodel gebruiken"
WORDING_DONE = "Formulering gewisseld."
WORDING_SWITCHED = "Formulering gewisseld naar: {version}."
WORDING_NO_MODEL_VERSION = "Dit concept heeft geen formulering van een taalmodel."
WORDING_UNKNOWN_VERSION = "Kies de formulering van de regels of van het taalmodel."
WORDING_CLOSED = "Dit concept is {state}; de formulering kan niet meer wisselen."
WORDING_CLI_NOTE = (
    "Titel, hoofdvraag en deelvragen zijn geformuleerd door het taalmodel {model} en gecontroleerd; "
    "de versie volgens de regels staat in --json onder wording.rules."
)
# Settings (one clear line at start).
LLM_NEEDS_MODEL = (
    "VRAAGWIJZER_LLM_URL is gezet maar VRAAGWIJZER_LLM_MODEL niet: geef de naam van het model "
    "(zoals het endpoint het kent), of zet VRAAGWIJZER_LLM=off."
)
LLM_TWO_KEYS = "Zet VRAAGWIJZER_LLM_KEY of VRAAGWIJZER_LLM_KEY_FILE, niet allebei."
LLM_KEY_FILE_UNREADABLE = "Het sleutelbestand VRAAGWIJZER_LLM_KEY_FILE={path} is niet te lezen ({reason})."
LLM_KEY_FILE_EMPTY = "Het sleutelbestand VRAAGWIJZER_LLM_KEY_FILE={path} is leeg."
LLM_ON = "Formulering door een taalmodel staat aan: model {model} op {url} (time-out {timeout} s)."
LLM_SWITCHED_OFF = "Formulering door een taalmodel staat uit (VRAAGWIJZER_LLM=off)."
