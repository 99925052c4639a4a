"""`manage.py suggest SLUG --kind tags|keywords|highlights [--limit N]`."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from summaries.models import Question, Takeaway, TranscriptSegment

from .factories import make_talk

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("suggest", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def talk():
    make_talk("防災アプリの話", tldr="防災と避難の話。", tags=["防災"])
    make_talk("窓口の話", tldr="窓口と避難所の話。", tags=["窓口"])
    talk = make_talk(
        "避難所運営のデジタル化",
        tldr="避難所運営をデジタル化し、避難所の混雑を住民に知らせる。",
    )
    Takeaway.objects.create(
        talk=talk, position=1, text="避難所運営の名簿を電子化した。"
    )
    Question.objects.create(
        talk=talk,
        position=1,
        text="避難所の混雑はどう知らせる？",
        answer="地図で示す。",
    )
    lines = [
        "今日は避難所運営のデジタル化についてお話しします。",
        "避難所の受付では紙の名簿に住民が名前を書いていました。",
        "避難所運営の名簿を電子化して、受付の待ち時間が半分になりました。",
        "天気の話は別の機会にします。",
        "避難所の混雑状況を地図で住民に知らせる仕組みも作りました。",
    ]
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(talk=talk, position=i, start_seconds=i * 65, text=text)
        for i, text in enumerate(lines, start=1)
    )
    from summaries.signals import announce

    announce({talk.pk})
    return talk


def test_tags_existing_first_then_new_terms(talk):
    lines = run(talk.slug, "--kind", "tags", "--limit", "5")
    assert len(lines) == 5
    assert lines[0] == "避難所運営" or "避難所" in lines[:3]
    assert "窓口" not in lines and "防災" not in lines  # not in this talk's text


def test_keywords_are_compound_nouns(talk):
    lines = run(talk.slug, "--kind", "keywords", "--limit", "3")
    assert lines[0] == "避難所運営"


def test_highlights_with_their_time(talk):
    lines = run(talk.slug, "--kind", "highlights", "--limit", "2")
    assert len(lines) == 2
    for line in lines:
        assert re.fullmatch(r"\d+:\d\d:\d\d \S.*", line), line
    assert (
        "0:03:15 避難所運営の名簿を電子化して、受付の待ち時間が半分になりました。"
        in lines
    )
    assert not any("天気" in line for line in lines)


def test_bad_arguments_say_what_to_fix(talk):
    with pytest.raises(CommandError, match="スラッグ「nope」の講演はありません"):
        run("nope", "--kind", "tags")
    with pytest.raises(CommandError, match="--limit には1以上"):
        run(talk.slug, "--kind", "tags", "--limit", "0")
    with pytest.raises(CommandError):
        run(talk.slug, "--kind", "titles")


def test_a_term_said_as_a_of_b_is_counted_in_the_corpus_in_either_form():
    from summaries.search.editing import corpus_frequencies
    from summaries.search.suggestions import talk_fields

    make_talk("市民の声", tldr="市民のニーズを聞く。")
    make_talk("住民の声", tldr="市民のニーズに応える窓口。")
    make_talk("一言で", tldr="市民ニーズを調べた。")
    make_talk("別の話", tldr="防災の話。")
    fields = talk_fields(tldr="市民のニーズを反映する。")
    df, documents = corpus_frequencies(fields)
    assert documents == 4
    # Two talks say 市民のニーズ, one 市民ニーズ: at least the larger count.
    assert df["市民ニーズ"] == 2
    assert df["市民"] == 3
