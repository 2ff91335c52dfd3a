"""Property-based tests: the intake dialog driven by random texts, buttons, commands, restarts
and language switches of two interleaved users never fails, keeps a valid stored state and
answers within Telegram's limits.

Every example gets its own copy of a small knowledge database; a restart closes the file and
opens a new `Assistant` on it, as a new process would. The examples are derandomized, so a
run is repeatable; the plain tests at the end keep the failures these tests found.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlite_utils import Database
from stdnum.nl import bsn

from bot import texts
from bot.channels.telegram import MAX_MESSAGE, telegram_parts
from bot.conversation.assistant import Assistant
from bot.conversation.commands import COMMANDS
from bot.conversation.messages import Incoming, Option, Reply
from bot.conversation.redaction import redact
from bot.conversation.steps import STEPS
from bot.matching import Matcher
from bot.matching.indexing import Indexes, open_indexes
from embeddings.lexical import QueryExpander
from knowledge import catalog, intakes
from knowledge.database import open_database
from knowledge.example_data import thesaurus_entries
from knowledge.records import Conversation
from tests.support import builders
from tests.support.fakes import FakeEncoder

CHANNEL = "telegram"
USERS = ("anna", "bram")
KNOWN_STEPS = frozenset({"idle", *STEPS, "answer_question"})
MAX_CALLBACK_BYTES = 64
NOW = "2026-11-28T10:00:00+00:00"
# The kinds of option keys the dialog reads ("org:yes", "cmd:new", ...).
OPTION_KINDS = frozenset(
    {"org", "region", "similar", "form", "level", "review", "edit", "delete", "answer", "cmd", "confirm"}
)

NOT_UNDERSTOOD = {texts.nl.NOT_UNDERSTOOD_OPTION, texts.en.NOT_UNDERSTOOD_OPTION}
ERRORS = {texts.nl.ERROR, texts.en.ERROR}
# A question that ends a turn names the step the stored conversation must be at.
QUESTION_STEPS: dict[str, str] = {
    **{text: step for t in (texts.nl, texts.en) for step, text in t.ASK.items()},
    **{text: step for t in (texts.nl, texts.en) for step, text in t.FOLLOW_UP.items()},
    **{t.DRAFT_QUESTION: "review" for t in (texts.nl, texts.en)},
    **{t.REGION_RETRY: "region" for t in (texts.nl, texts.en)},
}
SIMILAR_QUESTIONS = tuple(t.SIMILAR_QUESTION for t in (texts.nl, texts.en))
ORGANISATION_CONFIRMS = tuple(t.ORGANISATION_CONFIRM.split("{")[0] for t in (texts.nl, texts.en))


# -- the knowledge every example starts from ------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A closed database file with the small knowledge, and indexes built from it once."""

    folder: Path
    database: Path
    indexes: Indexes
    encoder: FakeEncoder
    expander: QueryExpander


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    folder = tmp_path_factory.mktemp("dialog-properties")
    db = open_database(folder / "template.db")
    for kind, records in builders.small_knowledge().items():
        catalog.save_records(db, kind, records)
    encoder = FakeEncoder()
    indexes, _ = open_indexes(db, folder / "index", encoder)
    db.close()  # the last connection checkpoints the WAL: the file alone holds everything
    return Template(folder, folder / "template.db", indexes, encoder, QueryExpander(thesaurus_entries()))


class FailedTurns(logging.Handler):
    """Keeps what `Assistant` logs when the dialog raised, to show the traceback."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> str:
        formatted = "\n".join(logging.Formatter().format(r) for r in self.records)
        self.records.clear()
        return formatted


# -- what users type -------------------------------------------------------------------------

DUTCH = [
    "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke",
    "Burgers bellen massaal over hun brief omdat ze die niet begrijpen",
    "We houden het nu bij in excel, sinds de nieuwe BIO-eisen moet het sneller",
    "eh nou eigenlijk willen we gewoon de achterstand wegwerken haha",
    "we willen een chatbot zodat mensen niet meer hoeven te bellen",
    "het werkt niet",
    "weet ik niet",
    "Medewerkers van de servicedesk en de burgers die bellen",
    "Volgend semester, of anders voor de zomer van 2027",
    "Dossier 2024-118 kost € 123.456,00 per jaar, versie 3.2",
]
ENGLISH = [
    "Our online form is too hard for the people who use it",
    "We want to halve the waiting time for citizens",
    "The data is in a CRM and we have no personal data to share",
    "What is this and how does it work?",
    "no idea",
    "Next semester would be great for us",
]
ODD = [
    "",
    " ",
    "\n\t\r",
    "\u00a0\u2007\u202f",
    "\x00",
    "abc\x00def",
    "\x00" * 20,
    "\u202eDUO\u202c",
    "du\u200bo",
    "\u2066oost\u2069",
    "\u200b\u200c\u200d\ufeff",
    "🙂🙂🙂",
    "👍🏽🇳🇱❤️",
    "1️⃣",
    "<script>alert(1)</script>",
    "<b>vet</b> &amp; &lt; </code>",
    "**vet** _schuin_ `code` [link](http://x) # kop",
    "'; DROP TABLE drafts; --",
    '" OR ""="',
    "1 OR 1=1; SELECT * FROM conversations",
    "koppel ABCD-EFGH",
    "/koppel abcd1234",
    "[BSN]",
]
# Short answers without searchable words: accepted after one follow-up, so a problem and its
# context can consist of nothing but these.
WORDLESS = ["?", ".", "...", "!!!", "-", "de", "het een de", "ok", "123", "[BSN]", "x", "ja", "nee", "🙂 .", "&"]
PHONES = ["06-12345678", "06 1234 5678", "+31 6 12345678", "0612345678", "020-1234567", "+32 470 12 34 56"]
IBANS = ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"]
FILLER = ["eh", "nou", "ehm", "zeg maar"]


def _with_check_digit(eight: list[int]) -> str:
    total = sum((9 - i) * digit for i, digit in enumerate(eight))
    return "".join(map(str, eight)) + str(total % 11)


def _bsn_notation(number: str, notation: int) -> str:
    return [
        number,
        f"{number[:3]}.{number[3:6]}.{number[6:]}",
        f"{number[:3]} {number[3:6]} {number[6:]}",
        f"{number[:3]}-{number[3:6]}-{number[6:]}",
        f"{number[:4]} {number[4:6]} {number[6:]}",
        f"{number[:4]}.{number[4:6]}.{number[6:]}",
    ][notation]


valid_bsns = st.lists(st.integers(0, 9), min_size=8, max_size=8).map(_with_check_digit).filter(bsn.is_valid)
bsns = st.builds(_bsn_notation, valid_bsns, st.integers(0, 5))
emails = st.builds(
    "{}@{}.{}".format,
    st.from_regex(r"[a-z][a-z0-9]{0,8}(?:[._-][a-z0-9]{1,8})?", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["nl", "com", "org", "example", "amsterdam"]),
)
personal = st.one_of(bsns, emails, st.sampled_from(PHONES), st.sampled_from(IBANS))
invisible = st.sampled_from(["\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad"])
# "123 eh 456 782": filler between the groups of a BSN, which cleaning an answer removes.
bsns_with_filler = st.builds(
    lambda number, filler: f"{number[:3]} {filler} {number[3:6]} {number[6:]}", valid_bsns, st.sampled_from(FILLER)
)
pieces = st.one_of(
    st.sampled_from(DUTCH),
    st.sampled_from(ENGLISH),
    st.sampled_from(ODD),
    st.sampled_from(WORDLESS),
    personal,
    personal.flatmap(lambda p: st.integers(0, len(p)).flatmap(lambda i: invisible.map(lambda z: p[:i] + z + p[i:]))),
    bsns_with_filler,
    st.text(max_size=40),
    st.text(alphabet="0123456789 .-/+€", max_size=30),
)
long_texts = st.builds(
    lambda unit, n: (unit * (n // len(unit) + 1))[:n],
    st.sampled_from(
        ["x", "<", "&", "é", "𝕏", "🙂", "\u200b", "Onze laptops krijgen updates te laat. ", "a\n\n", "<b>"]
    ),
    st.integers(3000, 10_000),
)
messages = st.one_of(pieces, st.lists(pieces, min_size=2, max_size=5).map(" ".join), long_texts)

GOOD_ANSWERS: dict[str, list[str]] = {
    "idle": ["/start", "/nieuw", "hallo", DUTCH[0]],
    "organisation": ["duo", "DUO", "Belastingdienst", "uwv", "We work at DUO and our form is hard", "Gemeente Nergens"],
    "region": ["Zwolle", "ik werk in Groningen", "Utrecht", "oost", "west", "Delft"],
    "problem": [*DUTCH[:3], ENGLISH[0]],
    "context": [*DUTCH[2:4], ENGLISH[2]],
    "goal": ["we willen updates binnen een week uitrollen op alle laptops", DUTCH[4], ENGLISH[1]],
    "stakeholders": ["medewerkers en de servicedesk", "citizens and staff"],
    "data": ["CMDB en excel, geen persoonsgegevens", ENGLISH[2]],
    "timeline": ["volgend semester", "before summer"],
    "similar": ["nieuw", "1", "2"],
    "form": ["minor", "praktijkopdracht", "geen voorkeur", "afstudeer opdracht"],
    "level": ["hbo", "wo", "beide", "weet ik niet"],
    "review": ["indienen", "ja", "submit", "andere formulering", "wijzigen"],
    "answer_question": ["Alle laptops van medewerkers"],
}
garbage_keys = st.one_of(
    st.builds(
        "{}:{}".format,
        st.sampled_from([*sorted(OPTION_KINDS), "", "foo"]),
        st.one_of(
            st.sampled_from(["yes", "no", "mars", "none", "submit", "goal", "new", "x" * 80]), st.text(max_size=20)
        ),
    ),
    st.text(max_size=100),
)
command_texts = st.one_of(
    st.sampled_from(sorted(COMMANDS)),
    st.sampled_from(
        ["/foo", "/start@VraagwijzerBot", "/nieuw nu meteen", "/", "verwijder mijn gegevens", "Delete my data"]
    ),
)


# -- the checks after every turn ------------------------------------------------------------


def check_telegram_limits(reply: Reply) -> None:
    """What the Telegram channel makes of a reply must be accepted by the Bot API."""
    assert reply.text.strip(), "Telegram refuses an empty message"
    for part in telegram_parts(reply.text):
        assert part.strip() and len(part) <= MAX_MESSAGE, (len(part), part[:40])
    for option in reply.options:
        assert 0 < len(option.key.encode()) <= MAX_CALLBACK_BYTES, option.key
        assert option.label.strip(), option
    assert len({o.key for o in reply.options}) == len(reply.options), "two buttons with one key"


def check_conversation(conversation: Conversation) -> None:
    assert conversation.step in KNOWN_STEPS, conversation.step
    assert conversation.language in ("nl", "en"), conversation.language
    assert all(step in STEPS for step in conversation.history), conversation.history
    if conversation.step == "review":
        assert "draft" in conversation.pending, "what is submitted is the draft the user saw"
    if conversation.step == "idle":
        assert not conversation.answers
    pending = conversation.pending
    check_no_personal_data(conversation.answers)
    check_no_personal_data({k: v for k, v in pending.items() if k.startswith("partial_") or k == "early_problem"})
    check_no_personal_data(pending.get("org_candidate", {}))


def check_question_matches_step(replies: list[Reply], conversation: Conversation) -> None:
    """When a turn ends with a question, it is the question of the step the user is at."""
    last = replies[-1].text
    if last in QUESTION_STEPS:
        assert conversation.step == QUESTION_STEPS[last], (last, conversation.step)
    elif last.endswith(SIMILAR_QUESTIONS):
        assert conversation.step == "similar", conversation.step
    elif last.startswith(ORGANISATION_CONFIRMS):
        assert conversation.step == "organisation" and "org_candidate" in conversation.pending


def check_no_personal_data(values: dict[str, Any]) -> None:
    """What the user typed is stored redacted: redacting it again finds nothing."""
    for text in strings(values):
        assert redact(text).found == (), text


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def _short(value: str | None) -> str:
    return repr(value) if value is None or len(value) <= 60 else f"{value[:60]!r}… ({len(value)} characters)"


# -- the machine -----------------------------------------------------------------------------


class DialogMachine(RuleBasedStateMachine):
    """Two users talking to one assistant; every turn is checked against what Telegram accepts
    and what the dialog promises."""

    template: ClassVar[Template]
    reached: ClassVar[Counter[str]]  # steps and submissions over all examples of a run

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=self.template.folder))
        self.path = self.folder / "vraagwijzer.db"
        shutil.copyfile(self.template.database, self.path)
        self.failures = FailedTurns()
        logging.getLogger("bot.conversation.assistant").addHandler(self.failures)
        self.db = open_database(self.path)
        self.assistant = self._assistant()
        self.options: dict[str, tuple[Option, ...]] = {user: () for user in USERS}
        self.offered: set[str] = set()
        self.drafts: dict[str, set[str]] = {user: set() for user in USERS}

    def _assistant(self) -> Assistant:
        t = self.template
        return Assistant(self.db, Matcher(self.db, t.indexes, t.encoder, t.expander), clock=lambda: NOW)

    def teardown(self) -> None:
        logging.getLogger("bot.conversation.assistant").removeHandler(self.failures)
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def stored(self, user: str) -> Conversation:
        return intakes.load_conversation(self.db, CHANNEL, user)

    # -- one turn, and everything that must hold after it --------------------------------
    def turn(self, incoming: Incoming, *, offered: bool = False) -> tuple[Conversation, list[Reply], Conversation]:
        """(stored state before, replies, stored state after)."""
        user = incoming.user_ref
        before = self.stored(user)
        note(f"{user} at {before.step!r}: text={_short(incoming.text)} choice={_short(incoming.choice)}")
        replies = self.assistant.handle(incoming).replies
        note(f"  -> {[r.text[:80] for r in replies]}")
        assert not {r.text for r in replies} & ERRORS, self.failures.take()
        assert replies, "every message gets an answer"
        for reply in replies:
            check_telegram_limits(reply)
        refused = bool({r.text for r in replies} & NOT_UNDERSTOOD)
        if offered:
            assert not refused, f"the offered option {incoming.choice!r} was refused"
        after = self.stored(user)
        if incoming.choice and refused:
            assert after == before, "a refused button changes nothing"
        check_conversation(after)
        check_question_matches_step(replies, after)
        self.check_drafts(user, before, after, replies)
        self.options[user] = tuple(o for r in replies for o in r.options)
        self.offered |= {o.key for o in self.options[user]}
        self.reached[after.step] += 1
        return before, replies, after

    def check_drafts(self, user: str, before: Conversation, after: Conversation, replies: list[Reply]) -> None:
        drafts = {d.id: d for d in intakes.drafts_of(self.db, CHANNEL, user)}
        new = [drafts[i] for i in drafts.keys() - self.drafts[user]]
        if new:
            event("submitted a draft")
            self.reached["submitted"] += 1
            assert len(new) == 1 and self.drafts[user] <= drafts.keys()
            submitted = new[0]
            assert before.step == "review" and after.step == "idle"
            assert submitted.state == "submitted" and submitted.intake == before.answers
            assert submitted.draft["main_question"] == before.pending["draft"]["main_question"]
            assert any(submitted.id in r.text for r in replies)
            events = intakes.events_of(self.db, submitted.id)
            assert [(e.from_state, e.to_state) for e in events] == [(None, "submitted")]
            check_no_personal_data(submitted.intake)
        else:  # unchanged, or all anonymised by "delete my data"
            assert drafts.keys() in (self.drafts[user], set()), (self.drafts[user], drafts.keys())
        self.drafts[user] = set(drafts)

    def restart_process(self) -> None:
        """A new process on the same file: nothing stored changes, and a photo (which changes
        nothing) gets the same question as before the restart."""
        before = {user: self.stored(user) for user in USERS}
        asked = {user: self.turn(Incoming(CHANNEL, user, unsupported=True))[1] for user in USERS}
        self.db.close()
        self.db = open_database(self.path)
        self.assistant = self._assistant()
        assert {user: self.stored(user) for user in USERS} == before
        assert {user: self.turn(Incoming(CHANNEL, user, unsupported=True))[1] for user in USERS} == asked

    def meaningful(self, user: str, data: st.DataObject) -> Incoming:
        """A sensible answer to where the user is: mostly the offered option, else text."""
        conversation = self.stored(user)
        if self.options[user] and data.draw(st.booleans()):
            return Incoming(CHANNEL, user, choice=data.draw(st.sampled_from(self.options[user])).key)
        if conversation.step == "organisation" and "org_candidate" in conversation.pending:
            return Incoming(CHANNEL, user, text=data.draw(st.sampled_from(["ja", "yes", "nee"])))
        return Incoming(CHANNEL, user, text=data.draw(st.sampled_from(GOOD_ANSWERS[conversation.step])))

    # -- rules -------------------------------------------------------------------------------
    @rule(user=st.sampled_from(USERS), text=messages)
    def say(self, user: str, text: str) -> None:
        self.turn(Incoming(CHANNEL, user, text=text))

    # Three rules answer sensibly, so that many examples get to the end of the intake.
    @rule(user=st.sampled_from(USERS), data=st.data())
    def answer(self, user: str, data: st.DataObject) -> None:
        incoming = self.meaningful(user, data)
        self.turn(incoming, offered=incoming.choice is not None)

    @rule(user=st.sampled_from(USERS), data=st.data())
    def answer_again(self, user: str, data: st.DataObject) -> None:
        self.answer(user, data)

    @rule(user=st.sampled_from(USERS), data=st.data())
    def answer_once_more(self, user: str, data: st.DataObject) -> None:
        self.answer(user, data)

    @rule(user=st.sampled_from(USERS), text=st.sampled_from(WORDLESS))
    def answer_without_words(self, user: str, text: str) -> None:
        self.turn(Incoming(CHANNEL, user, text=text))

    @rule(user=st.sampled_from(USERS), data=personal, cut=st.floats(0, 1))
    def personal_data_in_two_messages(self, user: str, data: str, cut: float) -> None:
        """A short first message gets a follow-up question; the two answers are joined."""
        at = round(len(data) * cut)
        self.turn(Incoming(CHANNEL, user, text=data[:at] or "?"))
        self.turn(Incoming(CHANNEL, user, text=f"{data[at:]} is wat de burger ons stuurde"))

    @precondition(lambda self: any(self.options.values()))
    @rule(data=st.data())
    def press_offered(self, data: st.DataObject) -> None:
        user = data.draw(st.sampled_from([u for u in USERS if self.options[u]]))
        option = data.draw(st.sampled_from(self.options[user]))
        self.turn(Incoming(CHANNEL, user, choice=option.key), offered=True)

    @precondition(lambda self: bool(self.offered))
    @rule(user=st.sampled_from(USERS), data=st.data())
    def press_stale(self, user: str, data: st.DataObject) -> None:
        self.turn(Incoming(CHANNEL, user, choice=data.draw(st.sampled_from(sorted(self.offered)))))

    @rule(user=st.sampled_from(USERS), key=garbage_keys)
    def press_garbage(self, user: str, key: str) -> None:
        kind, _, value = key.partition(":")
        _, replies, _ = self.turn(Incoming(CHANNEL, user, choice=key))
        if key and (kind not in OPTION_KINDS or (kind == "cmd" and value not in COMMANDS.values())):
            assert {r.text for r in replies} & NOT_UNDERSTOOD, f"unknown button {key!r} accepted"

    @rule(user=st.sampled_from(USERS), text=command_texts, slash=st.booleans(), upper=st.booleans())
    def command(self, user: str, text: str, slash: bool, upper: bool) -> None:
        text = f"/{text}" if slash and not text.startswith("/") else text
        self.turn(Incoming(CHANNEL, user, text=text.upper() if upper else text))

    @rule(user=st.sampled_from(USERS), word=st.sampled_from(["english", "engels", "/english", "nederlands", "dutch"]))
    def switch_language(self, user: str, word: str) -> None:
        language = "nl" if word in ("nederlands", "dutch") else "en"
        _, replies, after = self.turn(Incoming(CHANNEL, user, text=word))
        assert after.language == language
        assert self.assistant.language_of(CHANNEL, user) == language
        assert replies[0].text == texts.for_language(language).LANGUAGE_SET

    @rule(user=st.sampled_from(USERS))
    def send_photo(self, user: str) -> None:
        self.turn(Incoming(CHANNEL, user, unsupported=True))

    @rule()
    def restart(self) -> None:
        self.restart_process()

    @invariant()
    def users_do_not_mix(self) -> None:
        for user in USERS:
            conversation = self.stored(user)
            assert (conversation.channel, conversation.user_ref) == (CHANNEL, user)


def machine_for(template: Template) -> type[DialogMachine]:
    return type("Machine", (DialogMachine,), {"template": template, "reached": Counter()})


def test_random_conversations_stay_valid_and_within_telegram_limits(template: Template) -> None:
    machine = machine_for(template)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=120,
            stateful_step_count=60,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
    # The guided rules take the examples through the whole intake, several times.
    assert {*STEPS, "idle", "submitted"} <= machine.reached.keys(), machine.reached
    assert machine.reached["submitted"] >= 5, machine.reached


# -- one user who means it, interrupted at random -------------------------------------------

INTERRUPTIONS = st.one_of(
    st.sampled_from(
        ["/status", "/privacy", "/help", "pauze", "english", "nederlands", "/start", "koppel ABCD-EFGH"]
    ).map(lambda text: Incoming(CHANNEL, USERS[0], text=text)),
    st.sampled_from(["level:wo", "region:oost", "form:minor", "similar:new", "review:reword", "edit:goal", "x"]).map(
        lambda key: Incoming(CHANNEL, USERS[0], choice=key)
    ),
    st.just(Incoming(CHANNEL, USERS[0], unsupported=True)),
    st.none(),  # a restart
)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_an_intake_interrupted_at_random_is_submitted(template: Template, data: st.DataObject) -> None:
    """Commands that keep the place, stale buttons, photos, restarts and language switches
    between sensible answers: the intake still ends with a stored, submitted draft."""
    machine = machine_for(template)()
    user = USERS[0]
    # The interruptions before each of the first sensible answers; detours end.
    plan = data.draw(st.lists(st.lists(INTERRUPTIONS, max_size=2), max_size=20))
    wanted = {"review": "review:submit", "form": "form:minor", "level": "level:hbo", "similar": "similar:new"}
    try:
        for n in range(60):
            if machine.drafts[user]:
                break
            for interruption in plan[n] if n < len(plan) else []:
                if interruption is None:
                    machine.restart_process()
                else:
                    machine.turn(interruption)
            step = machine.stored(user).step
            if step in wanted:
                machine.turn(Incoming(CHANNEL, user, choice=wanted[step]), offered=True)
            else:
                machine.turn(machine.meaningful(user, data))
        assert len(machine.drafts[user]) == 1, machine.stored(user)
        (draft_id,) = machine.drafts[user]
        stored = intakes.get_draft(machine.db, draft_id)
        assert stored.state == "submitted" and stored.channel == CHANNEL and stored.user_ref == user
        assert stored.draft["main_question"].endswith("?")
    finally:
        machine.teardown()


# -- what the property tests found, kept as plain examples ----------------------------------


@pytest.fixture
def assistant(small_db: Database, small_matcher: Matcher) -> Assistant:
    return Assistant(small_db, small_matcher, clock=lambda: NOW)


def say(assistant: Assistant, text: str | None = None, choice: str | None = None) -> list[Reply]:
    return assistant.handle(Incoming(CHANNEL, "u1", text=text, choice=choice)).replies


def to_problem(assistant: Assistant) -> None:
    say(assistant, "/start")
    say(assistant, "duo")
    say(assistant, "Zwolle")


def test_back_from_answering_the_brokers_when_idle_still_replies(assistant: Assistant) -> None:
    say(assistant, choice="answer:VW-2026-ABCDEF")  # a broker's question arrives while idle
    replies = say(assistant, "terug")
    assert [r.text for r in replies] == [texts.nl.NOTHING_TO_CANCEL]


def test_a_problem_without_searchable_words_is_accepted(assistant: Assistant, small_db: Database) -> None:
    to_problem(assistant)
    for text in ("?", ".", "!!!", "..."):  # each short answer gets one follow-up, then counts
        replies = say(assistant, text)
    assert [r.text for r in replies] == [texts.nl.SIMILAR_NONE, texts.nl.ASK["goal"]]
    for text in ("de", "het", "burgers", "geen", "volgend semester"):  # goal twice, stakeholders, data, timeline
        say(assistant, text)
    say(assistant, choice="form:none")
    review = say(assistant, choice="level:hbo")
    assert review[-1].text == texts.nl.DRAFT_QUESTION
    assert intakes.load_conversation(small_db, CHANNEL, "u1").step == "review"


def test_back_skips_the_similar_step_when_nothing_was_shown(assistant: Assistant, small_db: Database) -> None:
    to_problem(assistant)
    for text in ("?", ".", "!!!", "...", "we willen sneller werken"):
        say(assistant, text)
    assert [r.text for r in say(assistant, "terug")] == [texts.nl.ASK["goal"]]
    assert intakes.load_conversation(small_db, CHANNEL, "u1").step == "goal"
    assert [r.text for r in say(assistant, "terug")] == [texts.nl.ASK["context"]]


@pytest.mark.parametrize(
    ("step_texts", "field"),
    [
        # A name we do not know is kept after "ja"; its confirmation shows it redacted too.
        pytest.param(["/start", "Gemeente 123 eh 456 782", "ja"], "organisation", id="cleaning-removes-filler"),
        pytest.param(["123 456", "782 is het nummer van de burger"], "problem", id="follow-up-joined"),
    ],
)
def test_digits_brought_together_are_redacted(
    assistant: Assistant, small_db: Database, step_texts: list[str], field: str
) -> None:
    if field == "problem":
        to_problem(assistant)
    replies = [reply for text in step_texts for reply in say(assistant, text)]
    stored = intakes.load_conversation(small_db, CHANNEL, "u1").answers[field]
    assert "[BSN]" in stored and "782" not in stored
    assert not any("456 782" in r.text for r in replies)


def test_redacting_twice_changes_nothing_when_a_phone_number_hid_a_bsn() -> None:
    once = redact("06-12345678 000 000 012")
    assert once.text == "[telefoonnummer] [BSN]"
    assert redact(once.text).found == ()


def test_an_unknown_command_button_is_refused(assistant: Assistant, small_db: Database) -> None:
    say(assistant, "english")
    assert [r.text for r in say(assistant, choice="cmd:foo")] == [texts.en.NOT_UNDERSTOOD_OPTION]
    assert intakes.load_conversation(small_db, CHANNEL, "u1").language == "en"


def test_a_long_reply_is_split_between_html_entities() -> None:
    parts = telegram_parts("&" * 5000 + " <b> " * 2000)
    assert all(len(part) <= MAX_MESSAGE for part in parts)
    assert not any(re.search(r"&[#\w]*$", part) for part in parts)
    assert html.unescape("".join(parts)).replace(" ", "") == ("&" * 5000 + "<b>" * 2000)
