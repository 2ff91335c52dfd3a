"""Running Vraagwijzer: the command line, settings, and what the service logs when it starts and stops."""

# The command line
ERROR_PREFIX = "Fout"
USAGE_BAD_VALUE = "Ongeldige waarde voor {name}: {message}"
USAGE_MISSING = "{name} ontbreekt."
USAGE_NO_SUCH_OPTION = "Onbekende optie {option}."
USAGE_OTHER = "Ongeldige aanroep: {message}"
USAGE_HINT = "(zie vraagwijzer --help)"
NOT_A_CHOICE = "{value!r} is geen geldige keuze; kies uit {choices}."
NOT_IN_RANGE = "{value!r} is geen geheel getal {bounds}."
RANGE_BETWEEN = "van {low} t/m {high}"
RANGE_FROM = "vanaf {low}"
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
TEAMS_PACKAGE_NEEDS = "Voor het Teams-app-pakket is {name} nodig."
TEAMS_PACKAGE_WRITTEN = (
    "Teams-app-pakket geschreven: {path}. Upload het in het Teams-beheercentrum of via Apps > Apps beheren > "
    "Een app uploaden."
)

# Settings and the data directory
BAD_SETTING = "Ongeldige instelling {name}={value!r}: {reason}"
TEAMS_BOTH_MODES = (
    "Kies één Teams-modus: met CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID (echte tenant) "
    "of VRAAGWIJZER_TEAMS_ANONYMOUS=1 (lokaal testen), niet allebei."
)
DATA_DIR_UNUSABLE = "De datamap {path} is niet bruikbaar ({reason}); zet VRAAGWIJZER_DATA_DIR op een schrijfbare map."
DISK_NEARLY_FULL = (
    "Op de schijf van {path} is nog maar {free} MB vrij (minimaal {need} MB nodig); maak ruimte of kies een "
    "andere VRAAGWIJZER_DATA_DIR."
)

# Starting and stopping the service
RUN_WEB = (
    "Vraagwijzer draait op {url} (webchat: {url}/chat). Makelaars loggen in met een link van "
    "`vraagwijzer brokers login-link E-MAIL`, bijvoorbeeld: .venv/bin/vraagwijzer brokers login-link rijk.oost@vraagwijzer.example"
)
RUN_TELEGRAM = "Telegram-bot gestart ({mode}); stoppen met Ctrl-C."
RUN_NO_TELEGRAM = "Geen TELEGRAM_BOT_TOKEN gezet: alleen de webdienst draait (dashboard en webchat)."
RUN_TEAMS = "Teams: /api/messages staat aan ({mode})."
RUN_TEAMS_AUTHENTICATED = "alleen berichten met een geldig token van de Bot Service, app-id {client_id}"
RUN_TEAMS_ANONYMOUS = (
    "ZONDER aanmelding, alleen voor lokaal testen (VRAAGWIJZER_TEAMS_ANONYMOUS=1); nooit zo op internet zetten"
)
RUN_NO_TEAMS = (
    "Teams staat uit: geen CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID gezet "
    "(of VRAAGWIJZER_TEAMS_ANONYMOUS=1 om lokaal te testen)."
)
PURGED = "Bewaartermijn {days} dagen: gewist {counts}."
RUN_STOPPED = "Vraagwijzer is gestopt."
# `vraagwijzer export-user` for a channel nothing is stored for (a typo, most likely).
UNKNOWN_CHANNEL = "Over kanaal {channel!r} is niets opgeslagen; kanalen met gegevens: {known}."
NO_CHANNELS_YET = "nog geen (er is nog niemand die chatte)"
