"""The overview of all questions (/overzicht, its downloads and `vraagwijzer report`): headings,
the steps of the funnel, column names, and what the command line says."""

OVERVIEW_TITLE = "Overzicht"
OVERVIEW_HEADING = "Overzicht van de vragen: {scope}"
OVERVIEW_ALL_REGIONS = "alle regio's"
OVERVIEW_REGION = "regio {label}"
OVERVIEW_SINCE = "ingediend vanaf {day}"
OVERVIEW_AS_OF = "stand {day}"
OVERVIEW_TOTAL = "{total} vragen"
OVERVIEW_TOTAL_ONE = "1 vraag"
OVERVIEW_EMPTY = "Geen vragen die aan deze filters voldoen."
OVERVIEW_FILTER_REGION = "Regio"
OVERVIEW_FILTER_SINCE = "Ingediend vanaf"
OVERVIEW_FILTER_SINCE_HINT = "Leeg: alle data."
OVERVIEW_FILTER_BUTTON = "Toon"
OVERVIEW_OWN_REGION = "{label} (uw regio)"
OVERVIEW_BAD_DATE = (
    "Ingediend vanaf: ‘{value}’ is geen datum; vul een bestaande datum in als JJJJ-MM-DD. Nu staan alle data erin."
)
OVERVIEW_DOWNLOADS = "Downloaden"
OVERVIEW_DOWNLOAD_XLSX = "Excel (.xlsx)"
OVERVIEW_DOWNLOAD_CSV = "CSV"
OVERVIEW_CLUSTERS_LINK = "Samenhang: vergelijkbare vragen van meerdere organisaties"
OVERVIEW_CONTENTS = "Op deze pagina"

# The sections: (heading, caption of the table beside the chart, explanation)
OVERVIEW_SECTIONS = {
    "funnel": (
        "Trechter",
        "Hoeveel vragen elke stap bereikten",
        "Een vraag telt bij een stap zodra de historie laat zien dat ze die stap bereikte, ook als ze daarna is afgewezen of ingetrokken. Vragen om aanpassing horen bij de beoordeling, tussen ingediend en goedgekeurd.",
    ),
    "durations": (
        "Doorlooptijd per stap",
        "Mediaan aantal dagen van de ene stap naar de volgende",
        "Alleen vragen die beide stappen bereikten tellen mee. ‘Ingediend → goedgekeurd’ omvat de hele beoordeling, ook het wachten op antwoord van de indiener.",
    ),
    "stalls": (
        "Waar vragen blijven hangen",
        "Open vragen per status, en hoe lang ze daar al staan",
        "De wachttijd telt vanaf de laatste statuswijziging in de historie. Per status de vijf vragen die het langst wachten.",
    ),
    "per_month": ("Vragen per maand", "Ingediende vragen per maand", ""),
    "by_state": ("Per status", "Vragen per huidige status", ""),
    "by_theme": ("Per thema", "Vragen per thema", "Een vraag kan meer thema's hebben en telt dan bij elk thema."),
    "by_region": ("Per regio", "Vragen per regio", ""),
    "by_organisation": ("Per organisatie", "Vragen per organisatie", ""),
    "by_form": ("Per vorm", "Vragen per vorm van onderzoek", ""),
    "by_level": ("Per niveau", "Vragen per niveau", ""),
}
OVERVIEW_CHART_LABEL = "Grafiek: {title}. De cijfers staan in de tabel ernaast."
OVERVIEW_TOP_ORGANISATIONS = "De {shown} organisaties met de meeste vragen; de tabel noemt alle {total}."
OVERVIEW_NO_THEME = "geen thema"
OVERVIEW_UNKNOWN = "onbekend"
OVERVIEW_STAGES = {
    "submitted": "ingediend → goedgekeurd",
    "approved": "goedgekeurd → voorgelegd",
    "suggested": "voorgelegd → groep gevonden",
    "matched": "groep gevonden → afgerond",
}
OVERVIEW_STALL_HEADING = "{label}: {count} open, mediaan {median} dagen"
OVERVIEW_STALL_NONE = "{label}: geen vragen"
OVERVIEW_STALL_CAPTION = "Het langst wachtend met status {label}"

# Column names of the tables and downloads
OVERVIEW_COLUMNS = {
    "label": "Omschrijving",
    "count": "Aantal",
    "share": "% van ingediend",
    "step": "Stap",
    "median_days": "Mediaan (dagen)",
    "passages": "Aantal vragen",
    "month": "Maand",
    "state": "Status",
    "waiting": "Open",
    "median_waiting": "Mediaan wachttijd (dagen)",
    "longest": "Langst wachtend (dagen)",
    "id": "Nummer",
    "organisation": "Organisatie",
    "title": "Titel",
    "region": "Regio",
    "since": "Sinds",
    "days": "Dagen",
    "submitted": "Ingediend",
    "form": "Vorm",
    "level": "Niveau",
    "themes": "Thema's",
    "days_in_state": "Dagen in huidige status",
    "section": "Onderdeel",
    "key": "Code",
    "value": "Waarde",
}
OVERVIEW_SHEET_QUESTIONS = "Vragen"
OVERVIEW_SHEET_FILTERS = "Filters"
OVERVIEW_FILTER_NAMES = {"region": "Regio", "since": "Ingediend vanaf", "generated_at": "Stand"}
OVERVIEW_NO_FILTER = "alle"

# `vraagwijzer report`
REPORT_HELP = "Het overzicht van alle vragen: aantallen, trechter, doorlooptijd, per maand, waar vragen blijven hangen."
REPORT_SINCE_HELP = "Alleen vragen die op of na deze datum zijn ingediend (JJJJ-MM-DD)."
REPORT_REGION_HELP = "Alleen vragen van deze regio (standaard alle regio's)."
REPORT_JSON_HELP = "Als JSON (Engelse sleutels) in plaats van leesbare tekst."
REPORT_BAD_DATE = "‘{value}’ is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-01-31"
REPORT_NO_MEDIAN = "–"
REPORT_DAYS = "{days} dagen"
REPORT_PASSAGES = "({count} vragen)"
REPORT_PASSAGES_ONE = "(1 vraag)"
REPORT_WAITING = "{id}  {days} dagen  {organisation}: {title}"
