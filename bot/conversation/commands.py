"""The command words, and when a word is a command and when an answer (`command_of`):

- with a slash ("/nieuw", "/stop") it is always a command;
- "terug"/"back" and the language switches ("english", "nederlands") are always commands:
  they are advertised and answer no question;
- any other single word from `COMMANDS` is an answer when the current question takes it
  as one (`ANSWER_WORDS`): the step offers it as an option ("nieuw" at "Is uw vraag nieuw?"
  chooses "Mijn vraag is nieuw") or its question invites it ("privacy" at the data step);
- otherwise it is a command, also at a free-text step: nobody describes a problem with the
  bare word "help" or "stop". What could go wrong there is guarded instead: a command that
  throws answers away (stop, nieuw) first names what would be lost and asks "Weet u het
  zeker?"; only with nothing to lose (idle, or the first question unanswered) it acts at
  once. "start" never throws anything away: in the middle of an intake it carries on.
"""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "start": "start",
    "begin": "start",
    "help": "help",
    "hulp": "help",
    "nieuw": "new",
    "new": "new",
    "opnieuw": "new",
    "annuleer": "cancel",
    "annuleren": "cancel",
    "cancel": "cancel",
    "stop": "cancel",
    "status": "status",
    "privacy": "privacy",
    "verwijder": "delete",
    "delete": "delete",
    "wis": "delete",
    "terug": "back",
    "back": "back",
    "vorige": "back",
    "pauze": "pause",
    "pause": "pause",
    "english": "english",
    "engels": "english",
    "nederlands": "dutch",
    "dutch": "dutch",
}
# Commands a bare word always means, whatever the question (see the module docstring).
ALWAYS_COMMANDS = frozenset({"back", "english", "dutch"})
# Command words that answer the question of a step: offered as an option, or invited by it.
ANSWER_WORDS: dict[str, frozenset[str]] = {
    "similar": frozenset({"nieuw", "new"}),  # "Mijn vraag is nieuw" / "My question is new"
    "data": frozenset({"privacy"}),  # "Zijn er beperkingen, zoals privacy ...?"
}
# Commands that throw the answers so far away; they ask first when there is something to lose.
DISCARDING = ("cancel", "new")


def command_of(text: str, answers: frozenset[str] = frozenset()) -> str | None:
    """The command a message gives, if any. `answers` are the command words the current
    question takes as answers (`ANSWER_WORDS`); the rule is in the module docstring."""
    word = text.strip().lower()
    if word.startswith("/"):
        word = word[1:].split("@", 1)[0].split(" ", 1)[0]
        return COMMANDS.get(word, "help")
    if word in ("verwijder mijn gegevens", "delete my data"):
        return "delete"
    command = COMMANDS.get(word) if len(word.split()) == 1 else None
    if command in ALWAYS_COMMANDS or word not in answers:
        return command
    return None
