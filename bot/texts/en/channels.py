"""What a channel adds around the conversation: hints, the web chat page."""

CHOOSE_OR_TYPE = "Choose a button or type your answer."
EDITED = "I only read new messages. Send your change as a new message, or type 'back'."

# The web chat page
CHAT_TITLE = "Vraagwijzer"
CHAT_INTRO = "Describe a digital issue of your organisation; I will help you turn it into a research question."
CHAT_START = "Start"
CHAT_SEND = "Send"
CHAT_LABEL = "Your answer"
