"""The workflow: the states of a submitted question and what its submitter hears about them."""

# States, and what the submitter hears in the chat (and answers to a question of the brokers)
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

# A broker linking a chat account for notices
LINKED = "Linked, {name}. You will hear of new questions for region {region} here instead of by e-mail."
LINK_FAILED = "This link code is unknown, used or expired. Ask for a new one in the dashboard."
