"""The Japanese analyser: dictionary load, throughput, and the seed tag figure.

Talk texts are made as `manage.py generate_talks` makes them (title, TL;DR,
5–12 takeaways, 5–12 questions with 2–4 sentence answers, a transcript for
one talk in five). Throughput is CPU time of this one process (`process_time`),
so other work on the machine does not count against it; best of three runs.
"""

import os
import random
import resource
import sys
import time

from tests.bench import ROOT, report

TALKS = 400
RUNS = 3


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govdx.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-a-secret")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def talk_texts(count, seed=11):
    """(summary text, transcript text) per talk, shaped as generated talks."""
    from summaries.generated import QUESTIONS, TITLES, Writer

    rng = random.Random(seed)
    writer = Writer(rng)
    talks = []
    for _ in range(count):
        writer.about()
        lines = [writer.fill(rng.choice(TITLES)), writer.sentences(4, 6)]
        lines += [writer.sentence() for _ in range(rng.randint(5, 12))]
        for _ in range(rng.randint(5, 12)):
            lines += [writer.fill(rng.choice(QUESTIONS)), writer.sentences(2, 4)]
        transcript = []
        if rng.random() < 0.2:
            transcript = [writer.sentences(1, 2) for _ in range(rng.randint(60, 180))]
        talks.append(("\n".join(lines), "\n".join(transcript)))
    return talks


def best_rate(function, texts):
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        for text in texts:
            function(text)
        best = min(best, time.process_time() - started)
    return chars / best


def main():
    setup()
    from summaries.search.analysis import dictionary, index_terms, tokens

    started = time.perf_counter()
    dictionary()
    tokens("辞書を読み込む。")
    load = time.perf_counter() - started
    report("analysis", "dictionary load + first call", round(load, 2), "s")

    talks = talk_texts(TALKS)
    summaries = [summary for summary, _transcript in talks]
    transcripts = [transcript for _summary, transcript in talks if transcript]
    index_terms(summaries[0])  # warm the word cache, as a running site has it
    for label, texts in (("summary", summaries), ("transcript", transcripts)):
        for name, function in (("tokens()", tokens), ("index_terms()", index_terms)):
            rate = best_rate(function, texts)
            report(
                "analysis", f"{name} on {label} text", f"{rate / 1e3:.0f}", "k chars/s"
            )
    per_talk = sum(map(len, summaries)) / len(summaries)
    rate = best_rate(index_terms, summaries)
    report(
        "analysis",
        "index_terms() for 10,000 talks' summaries (one core)",
        round(10_000 * per_talk / rate, 1),
        "s",
        goal="part of < 120 s indexing",
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("analysis", "peak resident memory", round(peak), "MiB")
    seed_figure()


def seed_figure():
    from summaries.generated import TAGS
    from summaries.search.suggestions import (
        document_frequencies,
        suggest_tags,
        talk_fields,
    )
    from summaries.summary_format import parse
    from tests.summary_samples import SEED_TAGS, SEED_TEXT
    from tests.test_suggestions import generated, handwritten

    talk = parse(SEED_TEXT).talk
    fields = talk_fields(
        tldr=talk.tldr,
        takeaways=[item.text for item in talk.takeaways],
        questions=[(item.text, item.answer) for item in talk.questions],
    )
    df, documents = document_frequencies(handwritten() + generated(100))
    vocabulary = [name for name in TAGS if name not in SEED_TAGS]
    found = {s.text for s in suggest_tags(fields, vocabulary, df, documents)}
    hits = len(found & set(SEED_TAGS))
    report(
        "analysis",
        "seed tags in the first 15 suggestions",
        f"{hits}/{len(SEED_TAGS)}",
        goal=">= 8/11",
        ok=hits >= 8,
    )


if __name__ == "__main__":
    main()
