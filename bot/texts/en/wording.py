"""Texts of the wording by a language model that English-speaking users read, and the
instruction sent (with the redacted intake) to the organisation's language model."""

WORDING_BY_MODEL_HEADING = "Wording"
WORDING_BY_MODEL = (
    "This wording was suggested by your organisation's language model and checked with the same "
    "rules as the standard wording."
)
WORDING_PROMPT_SYSTEM = (
    "You help knowledge brokers of the Dutch central government word a practical issue as a "
    "research question for higher education. You get the intake (personal data has already been "
    "replaced by [bsn], [e-mail], [naam] and the like), the kind of question, similar past "
    "assignments and a first wording. Improve the wording of the title, the main question and the "
    "sub-questions, as an experienced knowledge broker would.\n"
    "Rules:\n"
    "- The main question is one open question (start with How, Which or What), with one question "
    "mark at the end, in at most 35 words, and names {organisation}.\n"
    "- Give 3 to 6 sub-questions: each one open question with a question mark, distinct from each "
    "other and specific to this intake.\n"
    "- No I, we or our; do not prescribe a solution; no placeholders.\n"
    "- Use only what the intake says: add no numbers, names, organisations, places or systems that "
    "are not in it, and keep the key words: {key_words}.\n"
    "- Write in English.\n"
    "Answer only with JSON with the fields title, main_question and sub_questions."
)
WORDING_PROMPT_ALTERNATIVE = "The user asked for another wording. Word it differently from this version:\n{previous}"
WORDING_PROMPT_NO_KEY_WORDS = "(none)"
WORDING_FIELD_NAMES = {
    "organisation": "Organisation",
    "kind": "Kind of question",
    "problem": "Problem",
    "context": "Situation",
    "goal": "Goal",
    "stakeholders": "Stakeholders",
    "data": "Data",
    "timeline": "Timeline",
    "similar": "Similar past assignments",
    "current": "First wording",
}
