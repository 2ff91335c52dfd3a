"""English texts, used when a user writes English or asks for it."""

from __future__ import annotations

EMPTY_QUERY = "Please describe the problem; the text is empty or has no words."
UNKNOWN_VALUE = "Unknown {what} {value!r}; choose from: {allowed}."

# Why a research group is suggested (bot/matching/reasons.py).
THEME_LABELS = {
    "ai": "AI",
    "cybersecurity": "cybersecurity",
    "blockchain": "blockchain",
    "data-science": "data science",
    "e-governance": "e-governance",
    "iot-5g": "IoT and 5G",
    "privacy-ethiek": "privacy and ethics",
    "digitale-inclusie": "digital inclusion",
    "software-cloud": "software and cloud",
}
FORM_PLURAL = {
    "praktijkopdracht": "practical assignments",
    "afstudeeropdracht": "graduation projects",
    "onderzoekslab": "research labs",
    "minor": "minors",
}
REGION_LABELS = {"oost": "North and East", "midden": "Middle", "west": "West"}
REASON_EVIDENCE = "worked in {year} for {organisation} on a similar assignment: “{title}”"
REASON_THEMES = "themes: {themes}"
REASON_KEYWORDS = "keywords: {keywords}"
REASON_REGION = "in your region ({region})"
REASON_FORM = "takes on {forms}"
REASON_CAPACITY_ONE = "capacity: {capacity} more assignment this semester"
REASON_CAPACITY = "capacity: {capacity} more assignments this semester"
REASON_NO_CAPACITY = "no capacity left this semester"
ACCEPTED_SIMILAR = "took on a similar question from {organisation} in {year}"
DECLINED_SIMILAR = "declined a similar question from {organisation} in {year} (outside its expertise)"

# Drafting: the research question
DEFAULT_ORGANISATION = "the organisation"
DEFAULT_STAKEHOLDERS = "the people involved"
GENERIC_AIM = "solve the problem described"
GENERIC_AIM_TE = "solve the problem described"
GENERIC_FOCUS = "the problem described"
UNTITLED = "Research question"
MAIN_QUESTION = {
    "adviserend": "Which measures can {org} take to {te}?",
    "ontwerpend": "How can {org} design a way of working that makes it possible to {te}?",
    "evaluerend": "To what extent does the current approach of {org} succeed in helping to {te}?",
    "verklarend": "Which factors explain why {org} does not yet manage to {te}?",
    "voorspellend": "To what extent can {org} use the available data to predict what is needed to {te}?",
    "beschrijvend": "What does the current situation around {focus} look like at {org}?",
}
SUB_QUESTIONS = {
    "adviserend": (
        "What does the current situation at {org} look like?",
        "What requirements and wishes do {stakeholders} have?",
        "Which measures are possible, and what did similar assignments learn{similar}?",
        "Which criteria must a measure meet within the constraints of {org}?",
        "Which measures fit best, and how can {org} introduce them?",
    ),
    "ontwerpend": (
        "How does the current process at {org} work, and where does it fail?",
        "Which requirements must a design meet according to {stakeholders}?",
        "Which design options exist, and what did similar assignments learn{similar}?",
        "How does a prototype of the chosen design perform in a test with users?",
        "What does {org} need to introduce and maintain the design?",
    ),
    "evaluerend": (
        "What is the current approach of {org}, and why was it chosen?",
        "Which criteria should the approach meet according to {stakeholders}?",
        "What results does the approach show against those criteria?",
        "How does the approach compare with similar approaches{similar}?",
        "Which improvements does the evaluation recommend?",
    ),
    "verklarend": (
        "What does the problem at {org} look like, and since when does it occur?",
        "Which possible causes do {stakeholders} mention?",
        "Which causes are confirmed by the available data?",
        "Which explanations did similar studies find{similar}?",
        "Which levers for improvement follow from the explanation?",
    ),
    "voorspellend": (
        "Which data does {org} have, and how reliable are they?",
        "Which factors drive the development according to {stakeholders} and earlier research{similar}?",
        "Which forecasting methods fit these data?",
        "How accurate are the forecasts when tested on historical data?",
        "How can {org} use the forecasts in planning and decisions?",
    ),
    "beschrijvend": (
        "Which aspects of {focus} matter to {org}?",
        "How do {stakeholders} experience the current situation?",
        "What do the available data show about size and development?",
        "How does the situation compare with similar organisations{similar}?",
        "Which bottlenecks and opportunities follow from the description?",
    ),
}
SOLUTION_SUB_QUESTION = "What are the pros and cons of a {solution} compared with other solutions for {org}?"
SIMILAR_CLAUSE = " (as at {organisation} in {year})"
SIMILAR_WHY = "similar question at {organisation} ({year})"
TIMELINE = "Timeline: {timeline}"
SCOPE = "The research focuses on {org} and {stakeholders}."
DELIVERABLES = {
    "adviserend": (
        "Advisory report with substantiated measures",
        "Outline implementation plan",
        "Presentation to the client",
    ),
    "ontwerpend": (
        "Design with design choices and requirements",
        "Tested prototype",
        "Advice on introduction and maintenance",
    ),
    "evaluerend": (
        "Evaluation report with criteria and findings",
        "Recommendations for improvement",
        "Presentation to the client",
    ),
    "verklarend": (
        "Research report with an explanatory model",
        "Overview of causes and levers",
        "Presentation to the client",
    ),
    "voorspellend": (
        "Forecasting model with explanation",
        "Report on accuracy and limitations",
        "Advice on use in planning",
    ),
    "beschrijvend": (
        "Descriptive report with data analysis",
        "Overview of bottlenecks and opportunities",
        "Presentation to the client",
    ),
}
OPEN_STARTERS = frozenset({"how", "which", "what", "to", "in", "why", "who", "where", "when"})
CLOSED_STARTERS = frozenset({"is", "can", "should", "are", "does", "do", "will", "has"})
QUALITY_ADVICE = {
    "open_question": "Make the main question open (How, Which, What, To what extent ...), so the answer is more than yes or no.",
    "question_mark": "Phrase the main question as one question ending with a question mark.",
    "one_problem": "Choose one problem; 'and/or' points to two questions. Make the second a sub-question.",
    "names_organisation": "Name the organisation or its domain in the main question.",
    "specific": "Make the goal more concrete: what should be different, for whom, and how would you notice?",
    "no_solution": "State what should improve, not the solution (such as an app or chatbot); that solution becomes one of the options studied.",
    "length": "Shorten the main question (about 35 words at most).",
    "sub_questions": "3 to 6 sub-questions are needed that together answer the main question.",
    "researchable": "The timeline is too tight for student research; plan for at least a semester.",
    "finite_verb": "Make it a full question with a verb.",
    "te_infinitive": "Put each verb of the purpose clause in its right form.",
    "dangling_end": "Finish the sentence: it now ends on a conjunction, preposition, article or comma.",
    "placeholder": "Replace the placeholder with what is going on at this organisation.",
    "pronoun_antecedent": "Say who is meant instead of ‘they’.",
    "first_person": "Write the question from the organisation's side, without ‘we’ or ‘I’.",
    "pasted_clause": "A verb clause stands where a noun belongs; rewrite that part.",
    "list_without_and": "Put ‘and’ before the last item of the list.",
    "distinct_sub_questions": "Two sub-questions are too alike; make them different or merge them.",
    "specific_sub_questions": "Make the sub-questions more specific: what was tried, who is involved, which data exist.",
    "sub_question_language": "Rewrite the sub-questions named.",
}
KNOWLEDGE_QUESTION = {
    "adviserend": "Which measures can {org} take based on insight into {clause}?",
    "ontwerpend": "How can {org} design a way of working that gives insight into {clause}?",
    "evaluerend": "To what extent does the current approach of {org} give insight into {clause}?",
    "verklarend": "Which factors explain, at {org}, {clause}?",
    "voorspellend": "To what extent can {org} use the available data to predict {clause}?",
    "beschrijvend": "To what extent does {org} have insight into {clause}?",
}
KNOWLEDGE_QUESTION.update(
    {
        "adviserend": "Which advice can {org} follow on {clause}?",
        "evaluerend": "To what extent can {org} show {clause}?",
    }
)


# The intake conversation
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
ORGANISATION_FREE = "I don't know that organisation, but I've noted '{name}'."
ORGANISATION_RETRY = (
    "I need the name of your organisation, for example DUO, the Tax Administration or the Ministry of BZK."
)
ORGANISATION_UNKNOWN = "I don't know ‘{name}’ as a government organisation. Is the name right?"
CONFIRM_DISCARD = {
    "cancel": "If you stop, your answers about {fields} will be erased. Are you sure?",
    "new": "If you start again, your answers about {fields} will be erased. Are you sure?",
}
CONFIRM_KEPT = "Fine, your answers are kept. Let's continue where you were."
AND = "and"
REGION_RETRY = "I don't know that place. Choose the region where you work:"
REGION_SET = "Noted: region {label}."
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
SUBMITTED = (
    "Submitted. Your question has number {id}. The knowledge brokers of region {region} will review it; "
    "you will hear every step here. Use /status to see where it stands."
)
CANCELLED = "Cancelled. Your answers were erased. Use /new to start again."
NOTHING_TO_CANCEL = "There is no question in progress. Use /new to start one."
STATUS_NONE = "You have not submitted any questions yet."
STATUS_HEADER = "Your submitted questions:"
STATUS_LINE = "• {id} ({date}): {title} — {state}"
STATUS_IN_PROGRESS = "You are also working on a new question; send a message to continue."
STATE_LABELS = {
    "submitted": "submitted",
    "in_review": "in review",
    "changes_requested": "question from the brokers",
    "approved": "approved",
    "suggested": "sent to research groups",
    "matched": "research group found",
    "completed": "completed",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
}
PRIVACY = (
    "What Vraagwijzer keeps: your answers in this conversation and the research question you submit, with a "
    "reference to this chat so we can keep you informed. Personal data such as a BSN, e-mail address, phone "
    "number, IBAN or a person's name is removed from your text before anything is stored. Why: to get your "
    "issue to the right "
    "research group. Who: only the knowledge brokers of your region see submitted questions. /delete erases "
    "your conversations; submitted questions are then kept for the brokers without your name or chat account."
)
DELETE_CONFIRM = "Are you sure you want to erase your data? Submitted questions are kept, but no longer linked to you."
DELETED = "Your conversations were erased ({drafts} submitted question(s) unlinked from your account)."
DELETE_KEPT = "Nothing was erased."
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
PAUSED = "Fine, I keep everything. Send a message later and we'll continue."
BACK_NOTHING = "We are at the start; there is nothing to go back to."
LANGUAGE_SET = "I'll continue in English."
ERROR = "Something went wrong on my side. Your answers are saved; please try again in a moment."
NOT_UNDERSTOOD_OPTION = "Choose one of the options or type your answer."
RESUME_OR_NEW = "You were working on a question. Do you want to continue or start over?"
OPTION_RESUME = "Continue"
OPTION_RESTART = "Start over"
LINKED = "Linked, {name}. You will hear of new questions for region {region} here instead of by e-mail."
LINK_FAILED = "This link code is unknown, used or expired. Ask for a new one in the dashboard."
TOO_MANY_MESSAGES = (
    "You are sending many messages quickly. I will read along again in a few seconds; your answers so far are kept."
)
BUSY = "It is very busy right now. Your earlier answers are kept; please send your last message again in a few seconds."
CHOOSE_OR_TYPE = "Choose a button or type your answer."
EDITED = "I only read new messages. Send your change as a new message, or type 'back'."
DOCUMENT_LABELS = {
    "main_question": "Main question",
    "sub_questions": "Sub-questions",
    "background": "Background",
    "objective": "Objective",
    "scope": "Scope",
    "deliverables": "Deliverables",
    "constraints": "Constraints",
    "form": "Form",
    "level": "Level",
    "themes": "Themes",
    "similar": "Similar past assignments",
    "groups": "Suggested research groups",
    "quality": "Quality checks",
    "region": "Region",
    "details": "Details",
}
STATUS_CHANGE = {
    "suggested": "Your question {id} (“{title}”) was sent to fitting research groups. You will hear as soon as a group takes it on.",
    "matched": "Your question {id} (“{title}”) has a research group: {comment}.",
    "completed": "Your question {id} (“{title}”) is completed: {comment}",
    "in_review": "Your question {id} (“{title}”) is in review: one of the knowledge brokers approved it; the second is still looking.",
    "approved": "Good news: your question {id} (“{title}”) was approved by both knowledge brokers. It now goes to fitting research groups.",
    "changes_requested": "The knowledge brokers have a question about {id} (“{title}”): {comment}\nYou can answer here.",
    "rejected": "Your question {id} (“{title}”) will not be taken further. The brokers' explanation: {comment}",
    "withdrawn": "Your question {id} was withdrawn.",
    "other": "The status of your question {id} (“{title}”) is now: {state}.",
}
OPTION_ANSWER = "Answer"
ANSWER_PROMPT = "Type your answer to the knowledge brokers' question about {id}:"
ANSWER_SENT = "Thank you. Your answer was added and question {id} is back with the knowledge brokers."
ANSWER_NOT_OPEN = "There is no open question from the brokers for {id} anymore."
ANSWER_HEADING = "Addition by the submitter"


QUALITY_LABELS = {
    "open_question": "Open question",
    "question_mark": "One question with a question mark",
    "finite_verb": "Full sentence (with a verb)",
    "te_infinitive": "Infinitives well placed",
    "dangling_end": "Sentence is finished",
    "placeholder": "No placeholder text",
    "pronoun_antecedent": "Clear who ‘they’ are",
    "first_person": "No ‘we’ or ‘I’",
    "one_problem": "One problem",
    "length": "Not too long",
    "pasted_clause": "No pasted verb clause",
    "list_without_and": "List with ‘and’",
    "names_organisation": "Organisation named",
    "specific": "Specific aim",
    "no_solution": "No solution built in",
    "sub_questions": "3 to 6 sub-questions",
    "distinct_sub_questions": "Distinct sub-questions",
    "specific_sub_questions": "Sub-questions about this issue",
    "sub_question_language": "Sub-questions well worded",
    "researchable": "Feasible timeline",
}
SUB_QUESTION_FAULT = "Sub-question {n}: {faults}."
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
