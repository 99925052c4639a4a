"""Talk.video_id: one talk per YouTube video, kept with the talk's address,
filled for the talks already here, and how import_summary finds a talk by it."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from summaries.models import Channel, Talk
from tests.factories import make_talk
from tests.summary_samples import FULL

pytestmark = pytest.mark.django_db

URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_the_id_follows_the_address_on_every_save():
    talk = make_talk(video_url="https://youtu.be/AbCdEfGhI_0?t=5")
    assert Talk.objects.get(pk=talk.pk).video_id == "AbCdEfGhI_0"
    talk.video_url = URL
    talk.save()
    assert Talk.objects.get(pk=talk.pk).video_id == "dQw4w9WgXcQ"
    talk.video_url = ""
    talk.save()
    assert Talk.objects.get(pk=talk.pk).video_id is None


def test_a_second_talk_of_one_video_is_refused_with_a_message_on_the_address():
    first = make_talk("防災の講演", video_url=URL)
    second = make_talk("別の講演")
    second.video_url = "https://www.youtube.com/embed/dQw4w9WgXcQ"
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    message = error.value.message_dict["video_url"][0]
    assert "この動画の講演はすでにあります（「防災の講演」）" in message
    first.full_clean()  # the talk itself is no conflict


def run_import(path, *options):
    out = io.StringIO()
    call_command("import_summary", *options, str(path), stdout=out)
    return out.getvalue()


def test_import_summary_finds_the_talk_of_the_same_video_whatever_its_title(tmp_path):
    talk = make_talk(
        "動画から取り込んだ仮のタイトル",
        channel=Channel.objects.create(name="別の名前のチャンネル"),
        video_url=URL,
        takeaways=1,
    )
    path = tmp_path / "a.txt"
    path.write_text(FULL, encoding="utf-8")
    out = run_import(path)
    assert out.startswith("スキップ: ")
    assert "同じ動画か" in out
    assert Talk.objects.count() == 1

    out = run_import(path, "--update")
    assert out.startswith("更新しました: ")
    assert Talk.objects.count() == 1
    talk.refresh_from_db()
    assert talk.title == "防災DXの最前線 〜自治体の挑戦〜"
    assert talk.channel.name == "自治体DXチャンネル"
    assert talk.video_id == "dQw4w9WgXcQ"
    # Run again: the same content now, nothing to change.
    assert run_import(path, "--update").startswith("変更なし: ")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_the_id_once_per_video():
    old = migrate(("summaries", "0010_videos_video_id"))
    OldTalk = old.get_model("summaries", "Talk")
    OldChannel = old.get_model("summaries", "Channel")
    channel = OldChannel.objects.create(name="チャンネル", slug="channel")
    fields = {"channel": channel, "video_date": "2024-06-05", "duration_seconds": 60}
    made = [
        OldTalk.objects.create(title=title, slug=slug, video_url=url, **fields)
        for title, slug, url in (
            ("一", "a", "https://youtu.be/AbCdEfGhI_0"),
            ("二", "b", "https://www.youtube.com/watch?v=AbCdEfGhI_0&t=3s"),
            ("三", "c", URL),
            ("四", "d", ""),
        )
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ids = dict(Talk.objects.values_list("slug", "video_id"))
    assert ids == {"a": "AbCdEfGhI_0", "b": None, "c": "dQw4w9WgXcQ", "d": None}
    assert len(made) == 4


def test_restoring_a_video_another_talk_now_has_keeps_the_address_and_says_so():
    from summaries.history import recording, restore, versions_of

    talk = make_talk("元の講演", video_url=URL)
    with recording("最初"):
        from summaries.history import record_current

        record_current(talk)
    talk.video_url = ""
    talk.save()
    other = make_talk("今その動画を持つ講演", video_url=URL)
    version = versions_of(talk.pk).last()
    notes = restore(version, None)
    talk.refresh_from_db()
    assert talk.video_url == "" and talk.video_id is None
    assert other.video_id == "dQw4w9WgXcQ"
    assert notes == [
        f"動画のアドレス「{URL}」は別の講演の動画なので、今のままにしました。"
    ]
