"""Drafting the research question in English (bot/drafting/english.py), its other parts and quality checks."""

# When the answers give nothing to work with
DEFAULT_ORGANISATION = "the organisation"
DEFAULT_STAKEHOLDERS = "the people involved"
GENERIC_AIM = "solve the problem described"
GENERIC_FOCUS = "the problem described"
UNTITLED = "Research question"

# The main question per kind of question: for an aim ({te}) or for insight into something ({clause})
MAIN_QUESTION = {
    "adviserend": "Which measures can {org} take to {te}?",
    "ontwerpend": "How can {org} design a way of working that makes it possible to {te}?",
    "evaluerend": "To what extent does the current approach of {org} succeed in helping to {te}?",
    "verklarend": "Which factors explain why {org} does not yet manage to {te}?",
    "voorspellend": "To what extent can {org} use the available data to predict what is needed to {te}?",
    "beschrijvend": "What does the current situation around {focus} look like at {org}?",
}
KNOWLEDGE_QUESTION = {
    "adviserend": "Which advice can {org} follow on {clause}?",
    "ontwerpend": "How can {org} design a way of working that gives insight into {clause}?",
    "evaluerend": "To what extent can {org} show {clause}?",
    "verklarend": "Which factors explain, at {org}, {clause}?",
    "voorspellend": "To what extent can {org} use the available data to predict {clause}?",
    "beschrijvend": "To what extent does {org} have insight into {clause}?",
}

# Sub-questions; {similar} is SIMILAR_CLAUSE or empty
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

# The other parts of the document
SCOPE = "The research focuses on {org} and {stakeholders}."
TIMELINE = "Timeline: {timeline}"
SIMILAR_WHY = "similar question at {organisation} ({year})"
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

# Quality checks of the research question: what each check is called, and what to do when it fails.
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
    "article": "Article fits the noun",
    "names_organisation": "Organisation named",
    "specific": "Specific aim",
    "no_solution": "No solution built in",
    "sub_questions": "3 to 6 sub-questions",
    "distinct_sub_questions": "Distinct sub-questions",
    "specific_sub_questions": "Sub-questions about this issue",
    "sub_question_language": "Sub-questions well worded",
    "researchable": "Feasible timeline",
}
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
    "article": "Use the Dutch article that belongs to the noun (‘het conceptrapport’, ‘de rapportage’).",
    "distinct_sub_questions": "Two sub-questions are too alike; make them different or merge them.",
    "specific_sub_questions": "Make the sub-questions more specific: what was tried, who is involved, which data exist.",
    "sub_question_language": "Rewrite the sub-questions named.",
}
SUB_QUESTION_FAULT = "Sub-question {n}: {faults}."
