"""Frog as one process: answers analysed fast, noise kept from slowing it, restarts after a crash."""

from __future__ import annotations

import time

import pytest

from bot.analysis import MAX_LINE_TOKENS, Analysis, frog_lines
from bot.drafting import dutch, verbs, voice
from bot.drafting.goal import read_goal
from bot.frog import Frog, FrogPool, shared_frog


def test_an_answer_comes_back_as_tagged_sentences() -> None:
    analysis = shared_frog().analyse("We willen de achterstand wegwerken. Meneer Jan de Vries belde gisteren.")
    assert len(analysis.sentences) == 2
    words = {t.word: t for t in analysis.tokens}
    assert words["wegwerken"].tag == "WW" and words["wegwerken"].morphemes[0] == "weg"
    assert words["Jan"].entity == "B-PER"
    assert Analysis.from_json(analysis.as_json()) == analysis


def test_empty_and_symbol_only_answers_need_no_frog_call() -> None:
    assert shared_frog().analyse("").tokens == ()
    assert frog_lines("🙂🙂🙂") == []


@pytest.mark.parametrize("unit", ["&", "🙂", "a.b ", "!? ", "<b>", "x"])
def test_noise_is_cut_before_it_reaches_frog(unit: str) -> None:
    text = (unit * 2000)[:2000]
    lines = frog_lines(text)
    assert all(len(line.split()) <= MAX_LINE_TOKENS for line in lines)
    started = time.monotonic()
    shared_frog().analyse(text)
    assert time.monotonic() - started < 15  # bounded; without the cuts some of these time out


def test_a_crashed_frog_is_started_again() -> None:
    frog = Frog()
    try:
        frog.analyse("Eerste zin.")
        assert frog._process is not None
        dead = frog._process
        dead.kill()
        dead.wait()
        assert frog.analyse("Tweede zin.").tokens  # a new Frog answers
        assert frog._process is not None and frog._process.pid != dead.pid
    finally:
        frog.close()


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("de achterstand wegwerken", "de achterstand weg te werken"),
        ("het aantal valse alarmen sterk verminderen", "het aantal valse alarmen sterk te verminderen"),
        ("nieuwe medewerkers op dag één laten beginnen", "nieuwe medewerkers op dag één te laten beginnen"),
        ("zelf kunnen oefenen", "zelf te kunnen oefenen"),
        ("fraude opsporen", "fraude op te sporen"),
        ("de storingen inventariseren", "de storingen te inventariseren"),
        ("sneller reageren op incidenten", "sneller te reageren op incidenten"),
        ("de weektaken voorspellen", "de weektaken te voorspellen"),
    ],
)
def test_te_goes_before_the_verb_cluster_and_after_a_particle(phrase: str, expected: str) -> None:
    aim = read_goal(shared_frog().analyse(f"We willen {phrase}."), dutch.words("DUO"))
    assert aim.shape == "infinitive"
    assert dutch.render(verbs.with_te(aim.clause) or []) == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("we hebben de brieven herschreven", "De aanvrager heeft de brieven herschreven"),
        ("ik denk dat het sneller kan", "De aanvrager denkt dat het sneller kan"),
        ("onze servers draaien op Windows", "De servers draaien op Windows"),
    ],
)
def test_the_writers_voice_becomes_the_organisations(clause: str, expected: str) -> None:
    tokens = list(shared_frog().analyse(clause).tokens)
    org = dutch.words("de aanvrager")
    assert dutch.sentence(voice.third_person(tokens, org)).rstrip(".") == expected


def test_names_are_redacted_but_placeholders_and_organisations_stay() -> None:
    from bot.conversation.names import redact_names

    text = "Het [BSN] is van Jan de Vries; DUO en mevrouw bakker weten ervan."
    redacted, count = redact_names(text, shared_frog().analyse(text), keep=["DUO"])
    assert redacted == "Het [BSN] is van [naam]; DUO en mevrouw [naam] weten ervan." and count == 2


def test_starting_in_the_background_twice_does_not_wait_for_the_first_start() -> None:
    """The service starts Frog early and again when it builds itself: the second call must not
    wait the seconds Frog takes to load (it did: the first start held the lock meanwhile)."""
    slow = FrogPool(command=("sh", "-c", "sleep 2"))  # loads "slowly", then dies: the start fails later
    slow.start_in_background()
    began = time.monotonic()
    slow.start_in_background()
    assert time.monotonic() - began < 0.5
