"""Overlap across organisations: the askers' consent in their chat (English)."""

OVERLAP_ASK = (
    "Good news about your question {id} (“{title}”): {organisation} is working on a similar question "
    "(“{other_title}”). The knowledge brokers think you would both gain from working on it together.\n"
    "May we pass your contact on to the person who asked it there? Only if you both say yes do you get each "
    "other's contact; otherwise nothing is shared."
)
OVERLAP_YES = "Yes, share my contact"
OVERLAP_NO = "No"
OVERLAP_CONTACT_PROMPT = (
    "How may the other person reach you? Type for example your name and e-mail address or phone number. "
    "It is passed on only if they say yes too, and not kept after that. Type “back” to stop."
)
OVERLAP_CONTACT_EMPTY = "Type how the other person can reach you, or “back” to stop."
OVERLAP_WAITING = (
    "Thank you. As soon as the person at {organisation} says yes too, you both get each other's contact. "
    "If they say no, nothing is shared."
)
OVERLAP_INTRODUCTION = (
    "You and the person who asked a similar question at {organisation} both want to be in touch.\n"
    "Their question: “{other_title}” ({other_id}).\n"
    "This is how to reach them: {contact}"
)
OVERLAP_DECLINED_YOU = "Understood: your contact will not be shared. Your question {id} carries on as before."
OVERLAP_DECLINED_OTHER = (
    "About your question {id}: the person at {organisation} prefers to carry on alone. Nothing was shared, "
    "your contact neither. Your question carries on as before."
)
OVERLAP_ANSWER_CLOSED = "This question was already answered or is no longer open."
