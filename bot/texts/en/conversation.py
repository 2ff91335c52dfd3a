"""The intake conversation: what the assistant asks, the commands, and what it tells the user along the way."""

# Greeting and help
WELCOME = (
    "Welcome to Vraagwijzer. I help you turn a digital issue of your organisation into a research question "
    "for students and researchers of universities of applied sciences and universities. It takes a few "
    "minutes. You can always type 'back', or use /cancel, /status, /privacy and /help."
)
WELCOME_BACK = "Welcome back. Let's continue where we were."
HELP = (
    "How it works: I ask a few questions about your issue, show what was researched before, and draft a "
    "research question you can edit and submit. The knowledge brokers of your region review it and you hear "
    "every step here.\nCommands: /start or /new (new question), /cancel, /status (your submitted questions), "
    "/privacy (what we keep), /delete (erase your data). Type 'back' to change an answer. You can pause at "
    "any time: everything is kept."
)

# The questions of the intake, and what the assistant says to an answer
ASK = {
    "organisation": "Which government organisation do you work for? (for example DUO, the Tax Administration or the Ministry of BZK)",
    "region": "In which region or city do you work?",
    "problem": "What is the problem? Describe it in your own words: what goes wrong, and for whom?",
    "context": "What is the current situation? What has been tried, and why does it matter now?",
    "goal": "What should be different once it is solved? Finish the sentence: 'We want to …'",
    "stakeholders": "Who notices the problem or is involved? (for example citizens, staff, partners)",
    "data": "Which data and systems exist? Are there constraints, such as privacy or a security classification (BIO)?",
    "timeline": "When should the research take place? (for example next semester or before summer)",
    "form": "Which form fits best?",
    "level": "Which level fits the assignment?",
}
FIELD_LABELS = {
    "organisation": "Organisation",
    "region": "Region",
    "problem": "Problem",
    "context": "Situation",
    "goal": "Goal",
    "stakeholders": "Stakeholders",
    "data": "Data",
    "timeline": "Timeline",
    "form": "Form",
    "level": "Level",
}
FOLLOW_UP = {
    "problem": "Could you tell me a bit more? What exactly goes wrong, for whom, and since when?",
    "context": "A little more context helps: how does it work now, and what has been tried?",
    "goal": "What concretely would be better, and for whom? For example: 'halve the waiting time for citizens'.",
}
ORGANISATION_CONFIRM = "Do you mean {name}?"
ORGANISATION_TAKEN = "Noted: {name}. Not right? Use /back to change it."
ORGANISATION_RETRY = (
    "I need the name of your organisation, for example DUO, the Tax Administration or the Ministry of BZK."
)
PROBLEM_FROM_EARLIER = "I have noted your earlier description as the problem. Use /back to change it."
ORGANISATION_UNKNOWN = "I don't know ‘{name}’ as a government organisation. Is the name right?"
REGION_RETRY = "I don't know that place. Choose the region where you work:"
REGION_SET = "Noted: region {label}."

# Options to choose from
FORM_LABELS = {
    "praktijkopdracht": "Practical assignment",
    "afstudeeropdracht": "Graduation project",
    "onderzoekslab": "Research lab",
    "minor": "Minor",
    "none": "No preference",
}
LEVEL_LABELS = {"hbo": "hbo (applied sciences)", "wo": "wo (university)", "beide": "Both / don't know"}
REGION_OPTION_LABELS = {"oost": "North and East", "midden": "Middle", "west": "West"}
YES = "Yes"
NO = "No"
NOT_UNDERSTOOD_OPTION = "Choose one of the options or type your answer."

# Earlier assignments that resemble the issue
SIMILAR_INTRO = "This was researched before and resembles your issue:"
SIMILAR_LINE = "{n}. {organisation} studied in {year}: “{title}”. Outcome: {outcome}"
SIMILAR_OTHER_ORGS = (
    "Some of this happened at another organisation. It may pay to get in touch with those colleagues "
    "elsewhere in government; the knowledge brokers can connect you."
)
SIMILAR_QUESTION = "Is your question new, or does it build on one of these?"
SIMILAR_NONE = "I found no similar past assignments, so your question is new ground."
OPTION_NEW = "My question is new"
OPTION_BUILDS_ON = "Builds on {n}"

# The draft shown in the chat, and what the user can do with it
DRAFT_INTRO = "This is the research question I drafted from your answers:"
DRAFT_MAIN = "Main question: {question}"
DRAFT_SUBS = "Sub-questions:"
DRAFT_GROUPS = "Research groups that could fit:"
DRAFT_GROUP_LINE = "• {name} ({institution}): {why}"
DRAFT_QUALITY_OK = "Quality check: the main question meets all rules."
DRAFT_QUALITY_ADVICE = "Tips to make the question stronger:"
DRAFT_QUESTION = "Do you want to submit the question to the knowledge brokers, change a part, or get another wording?"
OPTION_SUBMIT = "Submit"
OPTION_EDIT = "Change a part"
OPTION_REWORD = "Other wording"
OPTION_CANCEL = "Cancel"
EDIT_WHICH = "Which part do you want to change?"
REWORDED = "Another wording:"
KIND_NAMES = {
    "adviserend": "an advice question",
    "ontwerpend": "a design question",
    "evaluerend": "an evaluation question",
    "verklarend": "an explanatory question",
    "voorspellend": "a forecasting question",
    "beschrijvend": "a descriptive question",
}
KIND_OPTIONS = {
    "adviserend": "Advice",
    "ontwerpend": "A design",
    "evaluerend": "An evaluation",
    "verklarend": "An explanation",
    "voorspellend": "A forecast",
    "beschrijvend": "A description",
}
KIND_CHOICE = "I made it {kind}. Prefer another kind of research? Choose below."
SUBMITTED = (
    "Submitted. Your question has number {id}. The knowledge brokers of region {region} will review it; "
    "you will hear every step here. Use /status to see where it stands."
)

# Commands: stopping or starting over, status, privacy, erasing, pausing, going back, the language
CONFIRM_DISCARD = {
    "cancel": "If you stop, your answers about {fields} will be erased. Are you sure?",
    "new": "If you start again, your answers about {fields} will be erased. Are you sure?",
}
AND = "and"
CONFIRM_KEPT = "Fine, your answers are kept. Let's continue where you were."
CANCELLED = "Cancelled. Your answers were erased. Use /new to start again."
NOTHING_TO_CANCEL = "There is no question in progress. Use /new to start one."
STATUS_NONE = "You have not submitted any questions yet."
STATUS_HEADER = "Your submitted questions:"
STATUS_LINE = "• {id} ({date}): {title} — {state}"
STATUS_IN_PROGRESS = "You are also working on a new question; send a message to continue."
# The privacy statement in parts (heading, text): the chat's /privacy sends the submitter's parts,
# the page /privacy shows all of them (web/pages/public.py).
PRIVACY_SUBMITTER = (
    (
        "What Vraagwijzer keeps",
        "Your answers in the conversation with Vraagwijzer and the research question you submit, with a reference "
        "to your chat so we can keep you informed. Personal data such as a BSN, e-mail address, phone number, IBAN or a person's "
        "name is removed from your text before anything is stored.",
    ),
    ("Why", "To get your issue to the right research group."),
    (
        "Who sees what",
        "The knowledge broker pair of your region reviews your submitted question. Brokers of all regions can see "
        "it in their queue, because they can take over each other's work. Research groups the brokers choose "
        "receive the question to read, without your name or chat account.",
    ),
    (
        "The public catalogue",
        "A question both brokers approved is public in the catalogue of assignments for research groups "
        "(/opdrachten), unless the brokers made it confidential. It shows only the question itself (title, main "
        "question and sub-questions), the organisation, the region, the form, the level, the themes and the "
        "timeline: without your name, your chat account or other personal data.",
    ),
    (
        "How long",
        "A conversation you no longer use is erased after the retention period (90 days by default; the "
        "administrator sets it with VRAAGWIJZER_RETENTION_DAYS). Submitted questions are kept as long as the "
        "programme needs them.",
    ),
    (
        "Erasing and copies",
        "/delete erases your conversations; submitted questions are then kept for the brokers without your name or "
        "chat account. Want a copy of what is kept about you? Ask the brokers or the administrator; you will "
        "receive an export.",
    ),
)
PRIVACY_CATALOGUE_VISITORS = (
    (
        "Showing interest in the catalogue",
        "If you show interest in an assignment in the catalogue, the name of your research group, your e-mail "
        "address and your note go to the brokers of that assignment's region. They keep your reply with the "
        "question to contact you, for as long as the question is in Vraagwijzer; your address is not public. "
        "To have your reply deleted sooner, e-mail the brokers.",
    ),
    (
        "New assignments by e-mail",
        "If you subscribe to new assignments by e-mail, we keep only your e-mail address and the themes you choose. "
        "A subscription you do not confirm within 7 days is erased. A confirmed subscription is kept until you "
        "unsubscribe, with the link in every mail; then your e-mail address and themes are deleted.",
    ),
)
PRIVACY = "\n\n".join(f"{heading}\n{text}" for heading, text in PRIVACY_SUBMITTER)

DELETE_CONFIRM = "Are you sure you want to erase your data? Submitted questions are kept, but no longer linked to you."
DELETED = "Your conversations were erased ({drafts} submitted question(s) unlinked from your account)."
DELETE_KEPT = "Nothing was erased."
PAUSED = "Fine, I keep everything. Send a message later and we'll continue."
BACK_NOTHING = "We are at the start; there is nothing to go back to."
LANGUAGE_SET = "I'll continue in English."

# Notices about a message itself, and when something goes wrong
REDACTED = "Note: I removed {kinds} from your message; that kind of personal data is not needed here."
REDACTED_KINDS = {
    "bsn": "a BSN",
    "email": "an e-mail address",
    "phone": "a phone number",
    "iban": "an IBAN",
    "name": "a name",
}
UNSUPPORTED = (
    "I can only read text, not photos, voice messages, stickers or files. Could you type it in a few sentences?"
)
EMPTY = "I received no text. Please type your answer in a few words."
TOO_LONG = "Your message is very long; I kept the first {limit} characters."
TOO_MANY_MESSAGES = (
    "You are sending many messages quickly. I will read along again in a few seconds; your answers so far are kept."
)
BUSY = "It is very busy right now. Your earlier answers are kept; please send your last message again in a few seconds."
ERROR = "Something went wrong on my side. Your answers are saved; please try again in a moment."

# The command menu a chat app shows (Telegram's "/" menu): (command word, what it does).
COMMAND_MENU = [
    ("start", "Start or continue"),
    ("help", "Help"),
    ("new", "New question"),
    ("cancel", "Stop this question"),
    ("status", "My submitted questions"),
    ("privacy", "What is kept"),
    ("delete", "Erase my data"),
]

# The draft when form and level leave no research group; buttons of an earlier step (issue #13)
DRAFT_GROUPS_WIDENED = "No group fits the form and level; the nearest groups without that filter:"
DRAFT_GROUP_UNFILTERED = " (without the form and level filter)"
STALE_OPTION = "That button belongs to an earlier step."
STALE_SUBMITTED = "This question was already submitted as {id}. Use /status to see where it stands."
STALE_IDLE = "No question is in progress. Use /new to start one."
