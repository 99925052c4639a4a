"""Open data at size: a page of the list, one talk, a 304, the whole-set downloads."""

import datetime as dt
import statistics
import time

from tests.bench import report, setup_django

TALKS = 2000


def build():
    from django.utils import timezone

    from summaries.models import (
        Channel,
        Question,
        Speaker,
        Tag,
        TaggedTalk,
        Takeaway,
        Talk,
        TalkSpeaker,
        TranscriptSegment,
    )

    channel = Channel.objects.create(name="ベンチ用チャンネル")
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"登壇者 {i}", slug=f"speaker-{i}") for i in range(50)
    )
    tags = [Tag.objects.create(name=f"タグ{i}") for i in range(30)]
    now = timezone.now()
    talks = Talk.objects.bulk_create(
        Talk(
            title=f"ベンチ講演 {i}",
            slug=f"bench-{i}",
            channel=channel,
            video_date=dt.date(2020 + i % 5, 1 + i % 12, 1 + i % 28),
            duration_seconds=600 + i,
            tldr="講演の要約。" * 20,
            status=Talk.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=i),
            is_generated=True,
        )
        for i in range(TALKS)
    )
    TalkSpeaker.objects.bulk_create(
        TalkSpeaker(talk=t, speaker=speakers[(i + k) % 50], position=k + 1)
        for i, t in enumerate(talks)
        for k in range(2)
    )
    TaggedTalk.objects.bulk_create(
        TaggedTalk(content_object=t, tag=tags[(i + k) % 30])
        for i, t in enumerate(talks)
        for k in range(3)
    )
    Takeaway.objects.bulk_create(
        Takeaway(talk=t, position=k, emoji="📌", text="要点。" * 10)
        for t in talks
        for k in range(1, 6)
    )
    Question.objects.bulk_create(
        Question(talk=t, position=k, text="質問？", answer="回答。" * 10)
        for t in talks
        for k in range(1, 6)
    )
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(talk=t, position=k, start_seconds=k * 10, text="発言。" * 8)
        for t in talks
        for k in range(1, 11)
    )


def timed(client, url, runs, **headers):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, size = [], 0, 0
    for _ in range(runs):
        cache.clear()  # measure building the answer, not the kept body
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
            times.append((time.perf_counter() - start) * 1000)
        queries, size = len(captured.captured_queries), len(body)
    return statistics.median(times), queries, size, response


def main():
    setup_django()
    build()
    from django.test import Client

    client = Client()
    section = f"open data ({TALKS} talks)"
    # 100 a page is the most a client may ask for; Django's prefetching of the
    # tags and speakers of 100 talks is about a third of the time.
    ms, queries, _size, first = timed(client, "/api/talks/?size=100", 15)
    report(section, "list, 100 a page (median)", round(ms, 1), "ms", "< 200", ms < 200)
    report(section, "list queries", queries, "", "= 5", queries == 5)
    ms, queries, *_ = timed(client, "/api/talks/bench-7/", 15)
    report(section, "one talk (median)", round(ms, 1), "ms", "< 50", ms < 50)
    report(section, "one talk queries", queries, "", "= 10", queries == 10)
    etag = first["ETag"]
    ms, queries, _size, response = timed(
        client, "/api/talks/?size=100", 15, if_none_match=etag
    )
    ok = response.status_code == 304 and ms < 20
    report(section, "304 for an unchanged list", round(ms, 1), "ms", "< 20", ok)
    for url in ("/api/talks.json", "/api/talks.csv"):
        ms, queries, size, _ = timed(client, url, 2)
        report(section, f"{url} (median)", round(ms), "ms", "< 15000", ms < 15000)
        report(section, f"{url} size", round(size / 1e6, 1), "MB")


if __name__ == "__main__":
    main()
