"""Dutch lexical search: stems, compounds, stop words, thesaurus, BM25."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embeddings.lexical import Analyzer, LexicalIndex, QueryExpander, fold, words

_VOCABULARY = [
    "rooster",
    "systeem",
    "roostersysteem",
    "burger",
    "brief",
    "toeslag",
    "phishing",
    "sluis",
    "sensor",
    "data",
    "laptop",
    "update",
]


def test_fold_removes_accents_and_case() -> None:
    assert fold("Coördinatie ÉN Privé") == "coordinatie en prive"


def test_words_drop_stop_words_and_split_hyphens() -> None:
    assert words("Wij hebben een Woo-verzoek en de DigiD") == ["woo", "verzoek", "digid"]


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("roostersysteem", ("rooster", "systeem")),
        ("beveiligingsincident", ("beveiliging", "incident")),  # linking s
        ("klantcontact", ("klant", "contact")),
        ("webformulier", ()),  # parts shorter than four letters are not split off
        ("systeem", ()),  # too short to be a compound
    ],
)
def test_compounds_split_into_known_words(compound: str, parts: tuple[str, ...]) -> None:
    analyzer = Analyzer(["rooster", "systeem", "beveiliging", "incident", "klant", "contact", "web", "formulier"])
    assert analyzer._split(compound) == parts


def test_terms_are_stemmed_so_inflections_meet() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("brieven") == analyzer.terms("brief") or analyzer.terms("aanvragen") == analyzer.terms(
        "aanvraag"
    )
    assert analyzer.terms("updates") == analyzer.terms("update")


def test_expander_adds_formal_words_for_informal_terms() -> None:
    expander = QueryExpander(
        [
            {"terms": ["updates", "te laat bijgewerkt"], "expand": ["patchmanagement"]},
            {"terms": ["thuiswerken"], "expand": ["hybride werken"]},
        ]
    )
    assert expander.expand("Onze updates komen te laat") == "Onze updates komen te laat patchmanagement"
    assert "hybride werken" in expander.expand("Sinds het thuiswerken gaat alles mis")
    assert expander.expand("Niets bijzonders") == "Niets bijzonders"


def test_bm25_finds_compound_by_its_part_and_respects_mask(tmp_path: Path) -> None:
    import numpy as np

    index = LexicalIndex.build(
        ["a", "b", "c"],
        ["Het roostersysteem valt om", "Brieven over toeslagen", "Het rooster van de teams"],
    )
    hits = [doc for doc, _ in index.search("probleem met het rooster", 3)]
    assert set(hits) == {"a", "c"}
    masked = index.search("rooster", 3, np.array([0, 0, 1], dtype=np.float32))
    assert [doc for doc, _ in masked] == ["c"]
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.search("toeslagen", 3) == index.search("toeslagen", 3)


def test_query_without_known_words_finds_nothing() -> None:
    index = LexicalIndex.build(["a"], ["Brieven over toeslagen"])
    assert index.search("🙂🙂", 3) == []
    assert index.search("de het een", 3) == []


@settings(max_examples=60, deadline=None)
@given(
    docs=st.lists(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=12), min_size=1, max_size=120),
    query=st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=8),
    k=st.integers(min_value=1, max_value=40),
    masked=st.booleans(),
)
def test_search_scores_exactly_as_bm25s_ranks(docs: list[list[str]], query: list[str], k: int, masked: bool) -> None:
    """The postings-only scoring with a bounded top-k selection gives bm25s' own top k."""
    texts = [" ".join(d) for d in docs]
    index = LexicalIndex.build([f"d{i}" for i in range(len(texts))], texts)
    mask = np.array([(i % 3 != 0) for i in range(len(texts))], dtype=np.float32) if masked else None
    found = index.search(" ".join(query), k, mask)
    retriever = index._retriever
    assert retriever is not None
    terms = index.analyzer.terms(" ".join(query))
    if not retriever.get_tokens_ids(terms):
        assert found == []
        return
    ids, scores = retriever.retrieve([terms], k=min(k, len(texts)), weight_mask=mask, show_progress=False, n_threads=1)
    expected = [(f"d{int(i)}", float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]
    assert len(found) == len(expected)
    assert np.allclose([s for _, s in found], [s for _, s in expected], rtol=1e-5)
    cut = expected[-1][1] + 1e-4 if expected else 0.0  # documents tied at the cut may differ
    assert {d for d, s in found if s > cut} == {d for d, s in expected if s > cut}
    assert all(mask is None or mask[int(d[1:])] == 1.0 for d, _ in found)
