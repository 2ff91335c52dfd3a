"""Catalogue search latency (/opdrachten) with 10,000 synthetic approved questions.

    .venv/bin/python -m bench.catalogue [--size 10000] [--queries 200]

The questions are recombined from realistic parts (organisation, subject, aim; themes, form,
level, region drawn at random), so BM25 sees a real vocabulary. Their vectors are the real
model's embedding of the question's subject sentence plus a little noise (encoding 10,000
passages would take minutes on this machine, and the search does not care how a vector was
made). Every timed search encodes its query with the real offline model (the encoder
`vraagwijzer run` loads), then runs BM25 with the filters as a mask, the vector search, the
fusion and the filters: the whole `Catalogue.search` as the page calls it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import numpy as np

from bot.catalogue.index import INLINE_REBUILD, CatalogueIndex, Filters
from bot.catalogue.public import PublicQuestion
from bot.settings import load_settings
from embeddings.encoder import configure_threads, load_encoder
from embeddings.lexical import QueryExpander
from knowledge.example_data import thesaurus_entries
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, THEMES

ORGANISATIONS = (
    "DUO", "UWV", "de Belastingdienst", "het CJIB", "de SVB", "het RDW", "de IND", "Rijkswaterstaat",
    "het ministerie van Defensie", "het ministerie van BZK", "het KNMI", "de Dienst Justitiële Inrichtingen",
)  # fmt: skip
SUBJECTS = (
    ("de wachttijd aan de telefoon verkorten", "e-governance"),
    ("brieven begrijpelijker maken voor burgers met weinig leesvaardigheid", "digitale-inclusie"),
    ("beveiligingsupdates sneller uitrollen op laptops en servers", "cybersecurity"),
    ("phishing door medewerkers eerder laten herkennen", "cybersecurity"),
    ("het aantal aanvragen voor het komende jaar voorspellen", "data-science"),
    ("een chatbot inzetten die vragen over toeslagen beantwoordt", "ai"),
    ("verouderde applicaties naar de cloud verhuizen", "software-cloud"),
    ("sensoren op bruggen gebruiken om onderhoud te plannen", "iot-5g"),
    ("persoonsgegevens in oude archieven opsporen en verwijderen", "privacy-ethiek"),
    ("de toegankelijkheid van webformulieren voor ouderen verbeteren", "digitale-inclusie"),
    ("fraude met subsidieaanvragen vroeg signaleren", "data-science"),
    ("algoritmes toetsen op discriminatie en uitlegbaarheid", "privacy-ethiek"),
    ("een digitale tweeling van het waterbeheer bouwen", "iot-5g"),
    ("blockchain gebruiken om diploma's te verifiëren", "blockchain"),
    ("de uitval van het roostersysteem op maandagochtend verhelpen", "software-cloud"),
    ("crisisoefeningen realistischer maken met simulaties", "e-governance"),
    ("datalekken sneller melden en afhandelen", "cybersecurity"),
    ("klantcontact via sociale media beter organiseren", "e-governance"),
    ("open data over vergunningen bruikbaar maken voor gemeenten", "data-science"),
    ("taalmodellen veilig inzetten voor het samenvatten van dossiers", "ai"),
)
AIMS = (
    "Welke maatregelen kan {org} nemen om {subject}?",
    "Hoe kan {org} {subject}?",
    "In welke mate kan {org} {subject}?",
    "Wat is nodig om bij {org} {subject}?",
)
QUERIES = (
    "brieven", "phishing herkennen", "cloud migratie", "wachttijd telefoon", "voorspellen aanvragen",
    "chatbot toeslagen", "toegankelijk formulier ouderen", "diploma blockchain", "sensoren bruggen onderhoud",
    "algoritme discriminatie", "datalek", "rooster valt uit", "privacy archief", "crisis oefenen",
    "open data vergunningen", "taalmodel dossiers samenvatten", "updates laptops", "fraude subsidie",
)  # fmt: skip


def synthetic(size: int, seed: int = 7) -> list[tuple[PublicQuestion, int]]:
    """`size` questions, each with the index of its subject (for its vector)."""
    rng = random.Random(seed)
    made = []
    for n in range(size):
        subject_index = rng.randrange(len(SUBJECTS))
        subject, theme = SUBJECTS[subject_index]
        org = rng.choice(ORGANISATIONS)
        themes = tuple(dict.fromkeys([theme, *rng.sample(THEMES, rng.choice((0, 1)))]))
        question = PublicQuestion(
            id=f"VW-2026-{n:06d}",
            state=rng.choice(("approved", "suggested", "matched", "completed")),
            title=subject.capitalize(),
            organisation=org,
            main_question=rng.choice(AIMS).format(org=org, subject=subject),
            sub_questions=(f"Wat is de huidige situatie bij {org}?", "Welke opties zijn er en wat kosten ze?"),
            form=rng.choice(FORMS),
            level=rng.choice(LEVELS),
            region=rng.choice(REGIONS),
            themes=themes,
            timeline=rng.choice(("voor de zomer", "binnen een jaar", "")),
            published_at=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+00:00",
        )
        made.append((question, subject_index))
    return made


def percentiles(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    settings = load_settings()
    configure_threads(settings.threads)
    started = time.perf_counter()
    encoder = load_encoder(settings.model, settings.data_dir / "models")
    print(f"model {encoder.name} ({type(encoder).__name__}) loaded in {time.perf_counter() - started:.1f} s")

    made = synthetic(args.size)
    subject_vectors = encoder.encode_passages([f"{s.capitalize()}" for s, _ in SUBJECTS])
    rng = np.random.default_rng(7)
    vectors = subject_vectors[[i for _, i in made]] + rng.normal(0, 0.03, (len(made), encoder.dimension))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    index = CatalogueIndex(encoder, QueryExpander(thesaurus_entries()))
    started = time.perf_counter()
    index.replace_all([q for q, _ in made], vectors)
    print(f"{len(index)} questions indexed in {time.perf_counter() - started:.1f} s (BM25 and vectors, in memory)")

    picker = random.Random(11)
    plans = []
    for n in range(args.queries):
        filters = Filters()
        if n % 3 == 1:
            filters = Filters(theme=picker.choice(THEMES))
        elif n % 3 == 2:
            filters = Filters(level=picker.choice(("hbo", "wo")), region=picker.choice(REGIONS))
        plans.append((picker.choice(QUERIES), filters))
    for query, filters in plans[:10]:  # warm up
        index.search(query, filters)
    timings, cpu, found, browse, encoding = [], [], [], [], []
    for query, filters in plans:
        started, started_cpu = time.perf_counter(), time.thread_time()
        results = index.search(query, filters)
        timings.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        found.append(len(results))
    for query, _ in plans:
        started = time.perf_counter()
        encoder.encode_queries([query])
        encoding.append(time.perf_counter() - started)
    for n in range(50):
        started = time.perf_counter()
        index.search("", Filters(theme=THEMES[n % len(THEMES)]))
        browse.append(time.perf_counter() - started)
    p50, p95 = percentiles(timings)
    b50, b95 = percentiles(browse)
    print(f"search with a query ({args.queries}, a third filtered by theme, a third by level and region):")
    print(f"  p50 {p50:.1f} ms  p95 {p95:.1f} ms  (target p95 <= 100 ms: {'met' if p95 <= 100 else 'NOT met'})")
    e50, e95 = percentiles(encoding)
    c50, c95 = percentiles(cpu)
    print(f"  of which encoding the query alone: p50 {e50:.1f} ms  p95 {e95:.1f} ms")
    print(f"  CPU time of this thread per search: p50 {c50:.1f} ms  p95 {c95:.1f} ms")
    print(f"  results per search: median {statistics.median(found):.0f}")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"browse by theme without a query: p50 {b50:.1f} ms  p95 {b95:.1f} ms")
    question, _ = made[0]
    started = time.perf_counter()
    index.put(question)
    put = time.perf_counter() - started
    index.wait_until_current()
    current = time.perf_counter() - started
    print(f"updating one question: {put * 1000:.0f} ms (re-embedded, in the vector index);")
    how = "in the background" if len(index) >= INLINE_REBUILD else "at once"
    print(f"  BM25 over {len(index)} rebuilt {how}: {current:.2f} s")


if __name__ == "__main__":
    main()
