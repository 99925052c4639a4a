"""The capabilities' move into apps of their own keeps every row and right.

Search, ratings and the page cache were models of the core app until
summaries 0008. These tests take the database back to that state, fill it as
the site then was (through the historical models), and migrate forward: the
rows, the search index, the content types (with the permissions hanging on
them) and the 編集者 group's rights must all come through.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from summaries.models import Talk
from summaries.pagecache.models import ContentVersion
from summaries.ratings.models import Feedback, Rating
from summaries.search.models import SearchEntry, SearchLog
from summaries.search.query import Query
from tests.factories import make_talk

BEFORE = [
    ("summaries", "0008_content_version_ordering"),
    ("ratings", None),
    ("search", None),
    ("pagecache", None),
]


def migrate(targets):
    """Migrate to `targets`; the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_moving_the_capabilities_keeps_rows_index_and_rights():
    # A talk indexed by the search of the day (the FTS table moves with it).
    talk = make_talk("防災の取り組み", tags=["防災"])
    content_type_ids = {
        model: ContentType.objects.get_for_model(model).pk
        for model in (Rating, Feedback, SearchLog, SearchEntry, ContentVersion)
    }

    old = migrate(BEFORE)
    OldRating = old.get_model("summaries", "Rating")
    OldFeedback = old.get_model("summaries", "Feedback")
    OldSearchLog = old.get_model("summaries", "SearchLog")
    OldVersion = old.get_model("summaries", "ContentVersion")
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldRating.objects.create(talk_id=talk.pk, voter="a" * 64, score=4)
    OldRating.objects.create(talk_id=talk.pk, voter="b" * 64, score=5)
    OldFeedback.objects.create(talk_id=talk.pk, helpful=True, comment="役に立った")
    OldSearchLog.objects.create(query="防災", result_count=1)
    OldVersion.objects.filter(pk=1).update(number=41)
    assert set(
        OldContentType.objects.filter(pk__in=content_type_ids.values()).values_list(
            "app_label", flat=True
        )
    ) == {"summaries"}

    migrate(latest())
    ContentType.objects.clear_cache()

    assert sorted(Rating.objects.values_list("score", flat=True)) == [4, 5]
    assert Feedback.objects.get().comment == "役に立った"
    assert SearchLog.objects.get().query == "防災"
    assert ContentVersion.objects.get().number == 41
    assert list(Query.parse("防災").matching(Talk.objects.all())) == [talk]
    tables = set(connection.introspection.table_names())
    assert {"ratings_rating", "search_searchentry", "pagecache_contentversion"} <= (
        tables
    )
    assert "summaries_rating" not in tables
    # Same content type rows, relabelled: permissions and groups still point at them.
    for model, pk in content_type_ids.items():
        assert ContentType.objects.get_for_model(model).pk == pk
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="編集者"))
    assert editor.has_perm("ratings.view_feedback")
    assert editor.has_perm("ratings.view_rating")
    assert not editor.has_perm("summaries.view_feedback")
    # Editors only read feedback (ratings 0002 took back the right to delete).
    assert not editor.has_perm("ratings.delete_feedback")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors' own table: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_the_vectors_move_to_their_own_table_and_back():
    """search 0012 copies each talk's vector (with its recency) into
    `search_vectors`; back to 0011 the vectors return to the index rows. Both
    ways, the same talks are found, best first."""
    newer = make_talk("防災の取り組み", tags=["防災"])
    older = make_talk("行政の防災", tldr="防災の話。")
    older.published_at = newer.published_at.replace(year=2020)
    older.save()

    def results():
        return list(Query.parse("防災").ranked(Talk.objects.published()))

    assert results() == [newer, older]
    migrate([("search", "0011_main_table_matching_keys")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_searchentry WHERE vector @@ '防災'::tsquery"
        )
        assert cursor.fetchone()[0] == 2
    migrate(latest())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.talk_id FROM search_vectors v JOIN search_searchentry e"
            " USING (talk_id) WHERE v.recency = e.recency ORDER BY v.recency DESC"
        )
        assert [row[0] for row in cursor.fetchall()] == [newer.pk, older.pk]
    assert results() == [newer, older]
