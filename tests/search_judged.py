"""A judged query set: small talks, and for each query the talks that must
come first. Used by tests/test_search_judged.py (both databases) and by the
bench (precision@5 and nDCG@10).

Each talk is (title, fields); titles name talks in the judgements. Talks are
published in list order, one day apart, so the LAST talk is the newest:
where a judgement puts an older talk first, recency cannot be the reason.

A judgement is (query, first, also): `first` is a tuple (this order) or a
frozenset (any order) of titles that must open the results; `also` are
titles that must be found further down (the recall guarantee).
"""

import datetime as dt

TALKS = [
    (
        "京都府のデジタル化",
        {"tldr": "京都府が進める行政手続きのデジタル化。", "tags": ["京都"]},
    ),
    (
        "東京都の窓口改革",
        {"tldr": "東京都庁の書かない窓口の取り組み。", "tags": ["東京都"]},
    ),
    (
        "デジタル人材の育成",
        {"tldr": "自治体でデジタル人材を育てる方法。", "tags": ["人材育成"]},
    ),
    ("人材とデジタルの話", {"tldr": "技術の活用と人材の確保を別々に論じる。"}),
    ("問い合わせ対応の自動化", {"tldr": "住民からの質問にチャットボットで答える。"}),
    ("取り組み事例集", {"tldr": "各地の自治体の工夫を紹介。"}),
    ("マイナンバーカードの普及", {"tldr": "交付率を上げる工夫。"}),
    ("DXの始め方", {"tldr": "これから始める自治体向けの入門。", "tags": ["DX"]}),
    ("デジタルトランスフォーメーション戦略", {"tldr": "組織全体を変える戦略。"}),
    ("行政サービスの未来", {"tldr": "サービスをどう変えるか。"}),
    ("防災アプリの開発", {"tldr": "防災情報を住民に届けるアプリ。", "tags": ["防災"]}),
    ("オープンデータで地域課題を解く", {"tldr": "避難所の防災データも公開した。"}),
    ("マイナ保険証の利用", {"tldr": "病院の受付が変わる。"}),
    ("オンライン申し込みの拡大", {"tldr": "紙の申請をなくす。"}),
    ("引っ越し手続きのワンストップ化", {"tldr": "転入と転出をまとめる。"}),
    # The same word in each field, oldest in the title: field order, not date.
    ("公園管理のこれから", {"tldr": "緑の価値。"}),
    ("まちの緑を守る", {"tldr": "樹木の話。", "tags": ["公園管理"]}),
    ("担い手の確保", {"tldr": "公園管理の担い手を増やす。"}),
    (
        "住民協働の実践",
        {"tldr": "協働の形。", "takeaways": ["公園管理を住民と分担する。"]},
    ),
    (
        "寄付の集め方",
        {"tldr": "寄付の話。", "qa": [("公園管理の予算は？", "寄付で賄う。")]},
    ),
    (
        "地域の話",
        {"tldr": "地域の話。", "transcript": ["今日は公園管理について話します。"]},
    ),
    # Recency breaks ties: both say 下水道 in their TL;DR, the second is newer.
    ("古いインフラの話", {"tldr": "下水道の更新。"}),
    ("新しいインフラの話", {"tldr": "下水道の点検。"}),
    # Words standing together.
    ("子育て支援の窓口", {"tldr": "支援の内容と子育ての悩み。"}),
    ("窓口で子育て支援", {"tldr": "子育て支援をひとつの窓口で。"}),
    (
        "図書館の電子化",
        {"tldr": "電子書籍の貸出。", "takeaways": ["図書館の蔵書を電子化する。"]},
    ),
    ("GovTech東京の挑戦", {"tldr": "都の行政DXを支える組織。", "tags": ["GovTech"]}),
    ("ガバメントクラウド移行", {"tldr": "基幹業務システムのクラウド移行。"}),
]

SYNONYMS = [
    ["DX", "デジタルトランスフォーメーション"],
    ["マイナ", "マイナンバーカード"],
]
PINS = [("防災", "オープンデータで地域課題を解く")]


def ordered(*titles):
    return tuple(titles)


def anyof(*titles):
    return frozenset(titles)


JUDGEMENTS = [
    # Whole words above matches inside a longer word.
    ("京都", ordered("京都府のデジタル化"), {"東京都の窓口改革"}),
    ("東京都", ordered("東京都の窓口改革"), set()),
    ("東京", anyof("東京都の窓口改革", "GovTech東京の挑戦"), set()),
    ("京都府", ordered("京都府のデジタル化"), set()),
    # Normalised forms (表記揺れ).
    ("取組", anyof("取り組み事例集", "東京都の窓口改革"), set()),
    ("取り組み", anyof("取り組み事例集", "東京都の窓口改革"), set()),
    ("問合せ", ordered("問い合わせ対応の自動化"), set()),
    ("問合わせ", ordered("問い合わせ対応の自動化"), set()),
    ("問い合わせ", ordered("問い合わせ対応の自動化"), set()),
    ("申込", ordered("オンライン申し込みの拡大"), set()),
    ("引越し", ordered("引っ越し手続きのワンストップ化"), set()),
    # Readings: kana finds kanji, hiragana finds katakana.
    ("ぎょうせい", ordered("行政サービスの未来"), {"京都府のデジタル化"}),
    ("ぼうさい", ordered("防災アプリの開発"), {"オープンデータで地域課題を解く"}),
    ("とうきょうと", ordered("東京都の窓口改革"), set()),
    (
        "でじたる",
        anyof(
            "デジタル人材の育成",
            "人材とデジタルの話",
            "京都府のデジタル化",
            "デジタルトランスフォーメーション戦略",
        ),
        set(),
    ),
    ("ちゃっとぼっと", ordered("問い合わせ対応の自動化"), set()),
    ("ボウサイ", ordered("防災アプリの開発"), set()),
    ("としょかん", ordered("図書館の電子化"), set()),
    # Width and case folding, as before.
    ("ＤＸ", ordered("DXの始め方"), {"デジタルトランスフォーメーション戦略"}),
    ("dx", ordered("DXの始め方"), set()),
    ("ﾁｬｯﾄﾎﾞｯﾄ", ordered("問い合わせ対応の自動化"), set()),
    ("govtech", ordered("GovTech東京の挑戦"), set()),
    # Field weights: title, tags, TL;DR, takeaways, Q&A, transcript.
    (
        "公園管理",
        ordered(
            "公園管理のこれから",
            "まちの緑を守る",
            "担い手の確保",
            "住民協働の実践",
            "寄付の集め方",
            "地域の話",
        ),
        set(),
    ),
    ("図書館", ordered("図書館の電子化"), set()),
    ("緑", ordered("まちの緑を守る", "公園管理のこれから"), set()),
    # Recency only breaks ties.
    ("下水道", ordered("新しいインフラの話", "古いインフラの話"), set()),
    # Words standing together rank higher.
    ("デジタル 人材", ordered("デジタル人材の育成"), {"人材とデジタルの話"}),
    ("子育て 支援", ordered("窓口で子育て支援"), {"子育て支援の窓口"}),
    ("子育て支援", anyof("窓口で子育て支援", "子育て支援の窓口"), set()),
    ("窓口 子育て", anyof("窓口で子育て支援", "子育て支援の窓口"), set()),
    # Synonyms (editors').
    (
        "DX",
        ordered("DXの始め方"),
        {"デジタルトランスフォーメーション戦略", "GovTech東京の挑戦"},
    ),
    (
        "デジタルトランスフォーメーション",
        ordered("デジタルトランスフォーメーション戦略"),
        {"DXの始め方"},
    ),
    ("マイナンバーカード", ordered("マイナンバーカードの普及"), {"マイナ保険証の利用"}),
    ("マイナ", anyof("マイナンバーカードの普及", "マイナ保険証の利用"), set()),
    # Pins (editors').
    ("防災", ordered("オープンデータで地域課題を解く", "防災アプリの開発"), set()),
    # Substrings still found (the bigram guarantee).
    ("窓口", anyof("東京都の窓口改革", "子育て支援の窓口", "窓口で子育て支援"), set()),
    ("書かない窓口", ordered("東京都の窓口改革"), set()),
    ("クラウド移行", ordered("ガバメントクラウド移行"), set()),
    ("ワンストップ", ordered("引っ越し手続きのワンストップ化"), set()),
    ("都", ordered("東京都の窓口改革"), {"GovTech東京の挑戦"}),
    ("電子化", ordered("図書館の電子化"), set()),
    ("行政 デジタル化", ordered("京都府のデジタル化"), set()),
    ("基幹業務", ordered("ガバメントクラウド移行"), set()),
]


def build(published_from=None):
    """Make the talks, synonyms and pins; {title: talk}."""
    from django.utils import timezone

    from summaries.models import Question, Takeaway, TranscriptSegment
    from summaries.search.models import Pin, Synonym
    from tests.factories import make_talk

    start = published_from or timezone.now() - dt.timedelta(days=len(TALKS) + 1)
    talks = {}
    for n, (title, fields) in enumerate(TALKS):
        talk = make_talk(
            title,
            tldr=fields["tldr"],
            tags=fields.get("tags", ()),
            published_at=start + dt.timedelta(days=n),
        )
        Takeaway.objects.bulk_create(
            Takeaway(talk=talk, position=i, emoji="📌", text=text)
            for i, text in enumerate(fields.get("takeaways", ()), start=1)
        )
        Question.objects.bulk_create(
            Question(talk=talk, position=i, text=q, answer=a)
            for i, (q, a) in enumerate(fields.get("qa", ()), start=1)
        )
        TranscriptSegment.objects.bulk_create(
            TranscriptSegment(talk=talk, position=i, start_seconds=i * 10, text=text)
            for i, text in enumerate(fields.get("transcript", ()), start=1)
        )
        talks[title] = talk
    from summaries.signals import announce

    announce({talk.pk for talk in talks.values()})
    for terms in SYNONYMS:
        Synonym.objects.create(terms="\n".join(terms))
    for query, title in PINS:
        Pin.objects.create(query=query, talk=talks[title])
    return talks


def ranked_titles(query):
    """The titles of the published talks the search finds, best first."""
    from summaries.models import Talk
    from summaries.search.query import Query

    parsed = Query.parse(query)
    return list(parsed.ranked(Talk.objects.published()).values_list("title", flat=True))


def check(query, first, also, found):
    """The failure message for a judgement, or "" when it holds."""
    top = found[: len(first)]
    ok = list(top) == list(first) if isinstance(first, tuple) else set(top) == first
    missing = [title for title in also if title not in found]
    if ok and not missing:
        return ""
    wanted = sorted(first) if isinstance(first, frozenset) else list(first)
    return f"{query!r}: wanted first {wanted}, missing {missing}; got {found[:8]}"


def precision_ndcg(judgements=JUDGEMENTS, ranked=ranked_titles):
    """Mean precision@5 and nDCG@10 over the judged set: the talks to come
    first are relevant (grade 2), those to be found too are grade 1."""
    import math

    precisions, gains = [], []
    for query, first, also in judgements:
        found = ranked(query)
        grades = dict.fromkeys(also, 1) | dict.fromkeys(first, 2)
        relevant = min(5, len(grades))
        precisions.append(sum(1 for t in found[:5] if t in grades) / relevant)
        dcg = sum(
            (2 ** grades.get(t, 0) - 1) / math.log2(i + 2)
            for i, t in enumerate(found[:10])
        )
        ideal = sorted(grades.values(), reverse=True)[:10]
        idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        gains.append(dcg / idcg)
    return sum(precisions) / len(precisions), sum(gains) / len(gains)
