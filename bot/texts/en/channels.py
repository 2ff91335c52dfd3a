"""What a channel adds around the conversation: hints, the web chat page."""

CHOOSE_OR_TYPE = "Choose a button or type your answer."
EDITED = "I only read new messages. Send your change as a new message, or type 'back'."

# The web chat page
CHAT_TITLE = "Vraagwijzer"
CHAT_INTRO = "Describe a digital issue of your organisation; I will help you turn it into a research question."
CHAT_START = "Start"
CHAT_SEND = "Send"
CHAT_LABEL = "Your answer"
# The web chat's conversation
CHAT_CONVERSATION = "Conversation"
CHAT_LATEST = "Latest messages"
CHAT_YOU = "You"
CHAT_ASSISTANT = "Vraagwijzer"
CHAT_STALE = "That form belonged to an earlier question; I did not process it. This is the current question:"
CHAT_ENTER_HINT = "Enter sends, Shift+Enter starts a new line."
CHAT_TYPING = "Vraagwijzer is working on your answer…"
