"""Synthetic talks for benchmarks and load tests (`manage.py generate_talks`).

Realistic in shape: Japanese sentences of realistic length built from a
vocabulary of government-DX words, 5–12 takeaways and questions, tags from one
shared vocabulary, some talks with an outline, keywords, highlights and a
transcript. Clearly marked: `is_generated=True` and titles starting 【生成】.
The same `seed` gives the same talks.
"""

import datetime as dt
import random
from string import Formatter

import reversion
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Channel,
    Highlight,
    Keyword,
    OutlineChapter,
    Question,
    Speaker,
    Tag,
    TaggedTalk,
    Takeaway,
    Talk,
    TalkSpeaker,
    TranscriptSegment,
)
from .signals import announce, bulk_work, collecting_changes
from .text import fold

MARK = "【生成】"
BATCH = 1000

PLACES = (
    "東京都 大阪府 北海道 福岡市 横浜市 札幌市 仙台市 神戸市 京都市 広島市 "
    "つくば市 加古川市 浜松市 前橋市 会津若松市 都城市 渋谷区 墨田区 北見市 "
    "石川県 長野県 三重県 熊本県 沖縄県 デジタル庁 総務省 厚生労働省 都庁"
).split()
TOPICS = (
    "書かない窓口 行かない窓口 防災 子育て支援 介護保険 国民健康保険 住民票 "
    "マイナンバーカード 電子申請 オープンデータ ガバメントクラウド 自治体DX "
    "システム標準化 キャッシュレス決済 デジタル人材 データ連携 ユーザーテスト "
    "アクセシビリティ 生成AI チャットボット 公金受取口座 ベース・レジストリ "
    "行政手続き 電子契約 テレワーク 庁内LAN ノーコード ペーパーレス 窓口業務 "
    "GovTech 公共調達 デザインシステム サービスデザイン 地域DX 医療DX 教育DX "
    "スマートシティ 避難所運営 災害情報 給付金 確定申告 転出届 引っ越し手続き "
    "KPI FAX削減 押印廃止 クラウド移行 セキュリティ対策 データ利活用"
).split()
ACTORS = (
    "職員 住民 市民 利用者 事業者 首長 CIO補佐官 デザイナー エンジニア "
    "窓口担当者 保健師 教員 民間人材 スタートアップ 高齢者 子育て世帯"
).split()
VERBS = (
    "進めている 見直した 導入した 改善した 検証した 公開した 共通化した "
    "短縮した 削減した 設計し直した 試行した 広げている 標準化した 自動化した"
).split()
RESULTS = (
    "手続きの時間が半分になった 問い合わせが大きく減った 職員の残業が減った "
    "利用者の満足度が上がった 紙の書類がほぼなくなった 入力の誤りが減った "
    "窓口の待ち時間が短くなった 若手職員の提案が増えた 他の自治体にも広がった "
    "予算を抑えて素早く作れた 障害のある人も使いやすくなった"
).split()
REASONS = (
    "利用者の声を最初に聞いたから 小さく始めて毎週直したから "
    "現場の職員と一緒に作ったから データを共通の形式にそろえたから "
    "首長が目標を数字で示したから 外部の専門人材を迎えたから "
    "失敗を責めない文化を作ったから 法令の解釈を早めに確認したから"
).split()
TEMPLATES = (
    "{place}では{topic}を{verb}。",
    "{actor}の視点から{topic}を{verb}結果、{result}。",
    "{topic}について、{place}の{actor}は{reason}うまくいったと語った。",
    "{result}のは、{reason}だという。",
    "{place}の取り組みでは、{topic}と{topic2}を組み合わせて{verb}。",
    "課題は{topic}に関わる{actor}の負担で、{topic2}によって{result}。",
    "{actor}が{topic}の使い勝手を確かめ、{result}。",
    "今後は{topic}を{place}全体に広げ、{topic2}とのデータ連携も進める。",
    "{topic}は一度に作らず、{reason}、{result}。",
    "国と{place}が役割を分け、{topic}の仕組みを{verb}。",
)
QUESTIONS = (
    "{topic}を進めるうえで、最も大きな壁は何でしたか？",
    "{place}では{topic}をどのように始めたのですか？",
    "{actor}の反応はどうでしたか？",
    "{topic}の成果をどう測っていますか？",
    "{topic2}との関係について教えてください。",
    "ほかの自治体が{topic}に取り組むなら、何から始めるべきですか？",
    "{topic}で失敗したことはありますか？",
)
TITLES = (
    "{place}の{topic}：{actor}と作る行政サービス",
    "{topic}はなぜうまくいったのか　{place}の実践",
    "{topic}と{topic2}で変わる{place}の窓口",
    "{place}に聞く{topic}の進め方",
    "{actor}視点の{topic}　{place}の挑戦",
)
TAGS = (
    "DX デジタル庁 東京都 自治体DX 書かない窓口 防災 子育て マイナンバー "
    "オープンデータ ガバメントクラウド 標準化 生成AI アクセシビリティ "
    "ユーザーテスト デザイン 人材 データ連携 セキュリティ 医療 教育 介護 "
    "スマートシティ 電子申請 キャッシュレス ペーパーレス FAX削減 KPI "
    "GovTech東京 地域DX 調達 ノーコード 働き方 コロナ 税 給付金"
).split()
EMOJI = "🌟 📈 🔍 💼 🏢 🌐 📱 🏆 👥 💡 ✅ 🚀 📊 🤝 🏛️ 👨‍💼".split()
SURNAMES = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 "
    "吉田 山田 松本 井上 木村 林 清水 山口 森 池田"
).split()
GIVEN = "太郎 花子 健 誠 陽子 美咲 翔 大輔 直子 学 裕子 拓也 恵 亮 真理 剛".split()
ROLES = ("話し手", "聞き手", "パネリスト", "司会")
VOCABULARY = {
    "place": PLACES,
    "topic": TOPICS,
    "topic2": TOPICS,
    "actor": ACTORS,
    "verb": VERBS,
    "result": RESULTS,
    "reason": REASONS,
}
FOCUS = 0.9  # share of topic and place words drawn from the talk's own few
POOL = 200  # sentences made once per topic, drawn for answers and transcripts


def _compiled(template):
    """`template` as [(literal, field or None)]: filled without str.format."""
    return [(text, field) for text, field, _spec, _conv in Formatter().parse(template)]


class Writer:
    """Japanese sentences from the vocabulary, driven by one seeded Random.

    A talk is about a few topics in a few places, as real talks are: most
    sentences draw from those, a few from the whole vocabulary. Only the words
    a template uses are drawn. Picks use `random()` and an index (C code)
    rather than `choice()`: 100,000 talks are some 8 million sentences.
    """

    def __init__(self, rng):
        self.rng = rng
        self.random = rng.random
        self.focus = {}
        self.pools = {}
        self.on_topic = None
        self.compiled = {}
        self.templates = [self.compile(t) for t in TEMPLATES]

    def compile(self, template):
        if template not in self.compiled:
            self.compiled[template] = _compiled(template)
        return self.compiled[template]

    def pick(self, items):
        return items[int(self.random() * len(items))]

    def about(self):
        """Pick the topics and places of the next talk."""
        topics = self.rng.sample(TOPICS, 3)
        self.on_topic = None
        self.focus = {
            "place": self.rng.sample(PLACES, 2),
            "topic": topics,
            "topic2": topics,
        }
        return topics

    def word(self, key):
        focus = self.focus.get(key)
        if focus and self.random() < FOCUS:
            return self.pick(focus)
        return self.pick(VOCABULARY[key])

    def _fill(self, parts):
        word = self.word
        return "".join(text + word(field) if field else text for text, field in parts)

    def fill(self, template):
        return self._fill(self.compile(template))

    def sentence(self):
        return self._fill(self.pick(self.templates))

    def sentences(self, low, high):
        sentence = self.sentence
        return "".join([sentence() for _ in range(self.rng.randint(low, high))])

    def pooled(self, low, high):
        """Like `sentences`, drawn from sentences made once per topic: answers
        and transcripts are most of the text, and stay on the talk's topics."""
        if self.on_topic is None:
            self.on_topic = [s for t in self.focus["topic"] for s in self.pool(t)]
        sentences, random = self.on_topic, self.random
        count = low + int(random() * (high - low + 1))
        size = len(sentences)
        return "".join([sentences[int(random() * size)] for _ in range(count)])

    def pool(self, topic):
        if topic not in self.pools:
            focus = self.focus
            self.focus = {"topic": [topic], "topic2": [topic]}
            self.pools[topic] = [self.sentence() for _ in range(POOL)]
            self.focus = focus
        return self.pools[topic]


def _pools(rng, seed):
    channels = [
        Channel(
            name=f"{MARK}{place}デジタル行政チャンネル",
            slug=f"generated-channel-{i}",
        )
        for i, place in enumerate(PLACES[:20], start=1)
    ]
    speakers = [
        Speaker(
            name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            organisation=f"{rng.choice(PLACES)}（生成データ）",
            title=rng.choice(("CIO", "課長", "係長", "デジタル推進監", "教授")),
            slug=f"generated-speaker-{seed}-{i}",
        )
        for i in range(1, 301)
    ]
    Channel.objects.bulk_create(channels, ignore_conflicts=True)
    Speaker.objects.bulk_create(speakers, ignore_conflicts=True)
    return (
        list(Channel.objects.filter(slug__in=[c.slug for c in channels])),
        list(Speaker.objects.filter(slug__in=[s.slug for s in speakers])),
        Tag.objects.resolve(TAGS),
    )


def _talk(rng, writer, seed, n, channel):
    video_date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    published = timezone.make_aware(
        dt.datetime.combine(video_date, dt.time(9)) + dt.timedelta(days=7)
    )
    writer.about()
    return Talk(
        title=MARK + writer.fill(rng.choice(TITLES)),
        slug=f"generated-{seed}-{n}",
        channel=channel,
        video_date=video_date,
        duration_seconds=rng.randint(5, 90) * 60 + rng.randint(0, 59),
        tldr=writer.sentences(4, 6),
        status=Talk.Status.PUBLISHED,
        published_at=min(published, timezone.now()),
        is_generated=True,
    )


# Each part's columns after the talk, in the order `_parts` writes them.
PART_FIELDS = {
    Takeaway: ("position", "emoji", "text"),
    Question: ("position", "text", "answer"),
    OutlineChapter: ("position", "start_seconds", "title"),
    Keyword: ("position", "text"),
    Highlight: ("position", "start_seconds", "text"),
    TranscriptSegment: ("position", "start_seconds", "text"),
    TalkSpeaker: ("position", "speaker", "role"),
    TaggedTalk: ("tag",),
}


def _parts(rng, writer, talk, speakers, tags):
    """One talk's parts: {model: [row tuples, the talk left out]}."""
    sentence, choice = writer.sentence, writer.pick
    names = {tag for tag in TAGS if tag in writer.focus["topic"]}
    names.update(rng.sample(TAGS, rng.randint(3, 6)))
    length = talk.duration_seconds
    rows = {
        TaggedTalk: [(tags[fold(name)].pk,) for name in sorted(names)],
        TalkSpeaker: [
            (i, speaker.pk, choice(ROLES))
            for i, speaker in enumerate(rng.sample(speakers, rng.randint(1, 3)), 1)
        ],
        Takeaway: [
            (i, choice(EMOJI), sentence()) for i in range(1, rng.randint(5, 12) + 1)
        ],
        Question: [
            (i, writer.fill(choice(QUESTIONS)), writer.pooled(2, 4))
            for i in range(1, rng.randint(5, 12) + 1)
        ],
    }
    if rng.random() < 0.4:
        chapters = rng.randint(4, 10)
        rows[OutlineChapter] = [
            (i, length * (i - 1) // chapters, writer.fill("{topic}と{actor}"))
            for i in range(1, chapters + 1)
        ]
    if rng.random() < 0.5:
        rows[Keyword] = list(enumerate(rng.sample(TOPICS, rng.randint(4, 8)), 1))
    if rng.random() < 0.3:
        rows[Highlight] = [
            (i, rng.randrange(length), sentence())
            for i in range(1, rng.randint(3, 6) + 1)
        ]
    if rng.random() < 0.2:
        segments = rng.randint(60, 180)
        rows[TranscriptSegment] = [
            (i, length * (i - 1) // segments, writer.pooled(1, 2))
            for i in range(1, segments + 1)
        ]
    return rows


def _insert(model, fields, rows):
    """Plain INSERTs (COPY on PostgreSQL): parts are many and simple, and the
    ORM's per-object work would take most of the time. Columns come from the
    model's own fields."""
    if not rows:
        return
    meta = model._meta
    talk_field = "content_object" if model is TaggedTalk else "talk"
    quote = connection.ops.quote_name
    columns = [quote(meta.get_field(name).column) for name in (talk_field, *fields)]
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            rows,
        )


def generate(count, seed=1, progress=None):
    """Make `count` published synthetic talks, index them; returns their ids."""
    rng = random.Random(seed)
    writer = Writer(rng)
    ids = []
    with transaction.atomic():
        channels, speakers, tags = _pools(rng, seed)
        for start in range(0, count, BATCH):
            talks, parts = [], []
            for n in range(start + 1, min(start + BATCH, count) + 1):
                talks.append(_talk(rng, writer, seed, n, rng.choice(channels)))
                parts.append(_parts(rng, writer, talks[-1], speakers, tags))
            Talk.objects.bulk_create(talks)
            for model, fields in PART_FIELDS.items():
                rows = [
                    (talk.pk, *row)
                    for talk, talk_parts in zip(talks, parts, strict=True)
                    for row in talk_parts.get(model, ())
                ]
                _insert(model, fields, rows)
            ids.extend(talk.pk for talk in talks)
            if progress:
                progress(len(ids), count, _("講演を作成"))
        if progress:
            progress(0, len(ids), _("検索索引と一覧を更新"))
        # Nothing above sent a signal: one event for them all, at the end (the
        # search index, the listings and the page cache follow it). Raw: the
        # rows were written as given, their updated_at included. Benchmark
        # data gets no first version in the history (recorded one by one, as
        # for a loaded fixture, 100,000 talks would take hours): a revision
        # under way, left empty, tells `history` so.
        with reversion.create_revision(manage_manually=True), bulk_work():
            announce(ids, raw=True)
        if progress:
            progress(len(ids), len(ids), _("検索索引と一覧を更新"))
    return ids


def delete_generated():
    """Remove every generated talk (and its index rows); returns how many."""
    talks = Talk.objects.filter(is_generated=True)
    # One "talk changed" event at the end, not one per deleted part.
    with transaction.atomic(), collecting_changes():
        ids = list(talks.values_list("pk", flat=True))
        talks.delete()
    return len(ids)
