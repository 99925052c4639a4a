"""Generated talks for the benchmark, until `manage.py generate_talks` exists.

Shaped like the seed talk (11 takeaways, 11 questions and answers, a few tags
from a shared vocabulary, two speakers) plus a video, and marked `is_generated`. Bulk
inserts: 10,000 talks in well under a minute on SQLite.
"""

import datetime as dt
import random

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
)

TAGS = (
    "DX デジタル庁 東京都 自治体DX 書かない窓口 防災 子育て マイナンバー "
    "オープンデータ ガバメントクラウド 標準化 生成AI アクセシビリティ "
    "ユーザーテスト デザイン 人材 データ連携 セキュリティ 医療 教育"
).split()
SENTENCE = "デジタル改革を進める中で、利用者の声を聞きながら手続きを見直した。"
BATCH = 500


def generate(count, start=0, seed=1):
    rng = random.Random(seed + start)
    channels = [
        Channel.objects.get_or_create(
            slug=f"bench-channel-{i}", defaults={"name": f"生成チャンネル{i}"}
        )[0]
        for i in range(20)
    ]
    speakers = [
        Speaker.objects.get_or_create(
            slug=f"bench-speaker-{i}", defaults={"name": f"生成 登壇者{i}"}
        )[0]
        for i in range(300)
    ]
    tags = list(Tag.objects.resolve(TAGS).values())
    now = timezone.now()
    for first in range(start, start + count, BATCH):
        numbers = range(first, min(first + BATCH, start + count))
        talks = Talk.objects.bulk_create(
            Talk(
                title=f"【生成】講演{n}：{rng.choice(TAGS)}の実践",
                slug=f"bench-{n}",
                channel=rng.choice(channels),
                video_date=dt.date(2020, 1, 1) + dt.timedelta(days=n % 1800),
                duration_seconds=rng.randint(300, 3600),
                # Every talk has a video, so the page carries its player script.
                video_url=f"https://www.youtube.com/watch?v=bench{n:06d}",
                tldr=SENTENCE * 4,
                status=Talk.Status.PUBLISHED,
                published_at=now - dt.timedelta(minutes=n + 1),
                is_generated=True,
            )
            for n in numbers
        )
        Takeaway.objects.bulk_create(
            Takeaway(talk=talk, position=i, emoji="🌟", text=SENTENCE * 2)
            for talk in talks
            for i in range(1, 12)
        )
        Question.objects.bulk_create(
            Question(talk=talk, position=i, text="どう進めましたか？", answer=SENTENCE)
            for talk in talks
            for i in range(1, 12)
        )
        TaggedTalk.objects.bulk_create(
            TaggedTalk(content_object=talk, tag=tag)
            for talk in talks
            for tag in rng.sample(tags, 5)
        )
        TalkSpeaker.objects.bulk_create(
            TalkSpeaker(talk=talk, speaker=speaker, position=i)
            for talk in talks
            for i, speaker in enumerate(rng.sample(speakers, 2), start=1)
        )
