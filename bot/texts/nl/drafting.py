"""Drafting the research question: its frames, sub-questions and other parts, and its quality checks."""

# When the answers give nothing to work with
DEFAULT_ORGANISATION = "de organisatie"
GENERIC_AIM = "het beschreven probleem oplossen"
GENERIC_FOCUS = "het beschreven probleem"
UNTITLED = "Onderzoeksvraag"

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

# The other parts of the document
OBJECTIVE = {
    "infinitive": "{Org} wil {bare}.",
    "dat": "{Org} wil bereiken dat {clause}.",
    "knowledge": "{Org} wil {verb} {clause}.",
    "noun": "{Org} wil komen tot {np}.",
}
SCOPE_PEOPLE = "Het onderzoek richt zich op {focus} bij {org}, met de inbreng van {people}."
SCOPE_ALONE = "Het onderzoek richt zich op {focus} bij {org}."
TIMELINE = "Planning: {timeline}"
SIMILAR_WHY = "vergelijkbaar vraagstuk bij {organisation} ({year})"
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
    "article": "Lidwoord past bij het zelfstandig naamwoord",
    "names_organisation": "Organisatie genoemd",
    "specific": "Concreet doel",
    "no_solution": "Geen oplossing ingebakken",
    "sub_questions": "3 tot 6 deelvragen",
    "distinct_sub_questions": "Deelvragen verschillend",
    "specific_sub_questions": "Deelvragen over dit vraagstuk",
    "sub_question_language": "Deelvragen goed geformuleerd",
    "researchable": "Haalbare planning",
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
    "article": "Kies het lidwoord dat bij het woord hoort (‘het conceptrapport’, ‘de rapportage’).",
    "distinct_sub_questions": "Twee deelvragen lijken te veel op elkaar; maak ze verschillend of voeg ze samen.",
    "specific_sub_questions": "Maak de deelvragen specifieker: noem wat er al is geprobeerd, wie betrokken zijn en welke gegevens er zijn.",
    "sub_question_language": "Herschrijf de genoemde deelvragen.",
}
SUB_QUESTION_FAULT = "Deelvraag {n}: {faults}."
