"""What a channel adds around the conversation: hints, the web chat page, its refusals."""

CHOOSE_OR_TYPE = "Kies een knop of typ uw antwoord."
EDITED = "Ik lees alleen nieuwe berichten. Stuur uw aanpassing als nieuw bericht, of typ ‘terug’."
CONSOLE_HINT = "Typ uw antwoord, of het nummer van een optie. Ctrl-D of /stop om te stoppen (alles wordt bewaard)."

# The web chat page
CHAT_TITLE = "Vraagwijzer"
CHAT_INTRO = "Beschrijf een digitaal vraagstuk van uw organisatie; ik help er een onderzoeksvraag van te maken."
CHAT_START = "Beginnen"
CHAT_SEND = "Versturen"
CHAT_LABEL = "Uw antwoord"
# The web chat's refusals (a page, in Dutch for everyone, as the other pages).
CHAT_TOO_LARGE = ("Te groot", "Uw bericht is te lang.")
CHAT_EXPIRED = ("Verboden", "Het formulier is verlopen; laad de pagina opnieuw.")
# The web chat's conversation
CHAT_CONVERSATION = "Gesprek"
CHAT_LATEST = "Nieuwste berichten"
CHAT_YOU = "U"
CHAT_ASSISTANT = "Vraagwijzer"
CHAT_STALE = "Dat formulier hoorde bij een eerdere vraag; ik heb het niet verwerkt. Dit is de vraag van nu:"
CHAT_ENTER_HINT = "Enter verstuurt, Shift+Enter begint een nieuwe regel."
# Shown while an answer is on its way (the draft can take some seconds).
CHAT_TYPING = "Vraagwijzer is bezig met uw antwoord…"
