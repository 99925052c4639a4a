"""The shipped content: the seed talk exactly as the seed page gives it."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from summaries.models import Question, Tag, TaggedTalk, Takeaway, Talk, TalkSpeaker
from tests.summary_samples import SEED_TAGS

pytestmark = pytest.mark.django_db


def test_seed_talk_has_its_header(seed):
    assert seed.title == (
        "デジタル監から東京都副知事に3つの質問「都のDX」「ユーザー視点」「キャリア改革」"
    )
    assert seed.channel.name == "デジタル庁ニュース"
    assert seed.video_date == dt.date(2024, 6, 5)
    assert seed.duration == "11:14"
    assert seed.video_url == ""
    assert seed.tldr.startswith("東京都のデジタル改革を進める中で")
    assert seed.is_public


def test_seed_talk_keeps_every_takeaway_and_its_emoji_exactly(seed):
    takeaways = list(seed.takeaways.all())
    assert len(takeaways) == 11
    assert [t.position for t in takeaways] == list(range(1, 12))
    assert takeaways[0].emoji == "🌟"
    # The seed lost the zero-width joiner of 👨‍💼: two code points, kept as given.
    assert takeaways[-1].emoji == "\U0001f468\U0001f4bc"
    assert takeaways[-1].text.startswith("公務員としてのキャリアアップ")


def test_seed_talk_keeps_every_question_and_answer(seed):
    questions = list(seed.questions.all())
    assert len(questions) == 11
    assert (
        questions[0].text
        == "東京都のデジタル改革を進める中でどのようなチャレンジがありましたか?"
    )
    # Answers are stored without the page's leading "-".
    assert questions[0].answer.startswith("コロナ禍の影響で、特に保健所")
    assert all(q.answer and not q.answer.startswith("-") for q in questions)


def test_seed_talk_has_its_eleven_tags(seed):
    assert sorted(seed.tags.names()) == sorted(SEED_TAGS)


def test_seed_talk_speakers_in_order_with_roles(seed):
    roles = [
        (r.speaker.name, r.speaker.affiliation, r.role)
        for r in seed.talk_speakers.all()
    ]
    assert roles == [
        ("宮坂 学", "東京都 副知事", "話し手"),
        ("浅沼 尚", "デジタル庁 デジタル監", "聞き手"),
    ]


def test_loading_the_fixture_twice_changes_nothing(seed):
    models = (Talk, Takeaway, Question, Tag, TaggedTalk, TalkSpeaker)
    before = {m: m.objects.count() for m in models}
    updated = seed.updated_at
    call_command("loaddata", "talks", verbosity=0)
    assert {m: m.objects.count() for m in models} == before
    assert Talk.objects.get().updated_at == updated


def test_make_run_loads_the_shipped_content_once_and_keeps_edits(db):
    """`make run` runs `loaddata talks --if-empty` on every start."""
    from io import StringIO

    call_command("loaddata", "talks", "--if-empty", verbosity=0)
    talk = Talk.objects.get()
    talk.tldr = "編集者が直した要約"
    talk.video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    talk.save()
    out = StringIO()
    call_command("loaddata", "talks", "--if-empty", stdout=out)
    talk.refresh_from_db()
    assert talk.tldr == "編集者が直した要約"
    assert talk.video_url.endswith("dQw4w9WgXcQ")
    assert "読み込みませんでした" in out.getvalue()
    assert (
        "--if-empty" in Path("Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    )
