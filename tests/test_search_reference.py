"""Search gives what a plain scan of the folded text gives, on either database
(the bigram guarantee), plus only talks that hold a query word in another
spelling or by its reading: the word keys the analyser stored for them."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaries.models import Talk
from summaries.search.models import SearchEntry
from summaries.search.query import Query
from summaries.search.tokens import fold, split_terms

from .factories import make_talk

pytestmark = pytest.mark.django_db

# Few distinct characters, so that texts and queries share many bigrams and
# near misses (the bigrams of a term present, but not the term).
PIECES = list("都庁防災窓口書かないデジタル人材ＦＡＸfaxｶﾀｶﾅカナ1２ ab、。・\n") + [
    "東京都",
    "GovTech",
    "ｶﾞｲﾄﾞ",
]


@pytest.fixture
def corpus():
    rng = random.Random(4)

    def text(n):
        return "".join(rng.choice(PIECES) for _ in range(n)).strip() or "空"

    talks = []
    for i in range(40):
        talk = make_talk(
            text(8),
            tldr=text(30),
            tags=[text(3) for _ in range(rng.randint(0, 2))],
            status=Talk.Status.PUBLISHED if i % 5 else Talk.Status.DRAFT,
        )
        talk.takeaways.create(position=1, text=text(20))
        talk.questions.create(position=1, text=text(10), answer=text(25))
        talk.transcript.create(position=1, start_seconds=0, text=text(40))
        talks.append(talk)
    return talks


def reference(query, keys=None):
    """Published talks whose folded text contains every term: a plain scan.

    With `keys` ({term: key tokens}), a term also counts as present when the
    talk's stored word keys hold one of its tokens."""
    terms = split_terms(query)
    stored = dict(SearchEntry.objects.values_list("talk_id", "keys"))
    found = set()
    for talk in Talk.objects.published().prefetch_related("tags"):
        parts = [talk.title, talk.tldr, *(tag.name for tag in talk.tags.all())]
        parts += [t.text for t in talk.takeaways.all()]
        parts += [q.text + "\n" + q.answer for q in talk.questions.all()]
        parts += [s.text for s in talk.transcript.all()]
        folded = fold("\n".join(parts))
        held = set(stored.get(talk.pk, "").split())
        if all(
            term in folded or bool(held.intersection((keys or {}).get(term, ())))
            for term in terms
        ):
            found.add(talk.pk)
    return found


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_search_equals_a_scan_of_the_folded_text(corpus, query):
    parsed = Query.parse(query)
    if not parsed:
        return
    found = set(parsed.matching(Talk.objects.published()).values_list("pk", flat=True))
    assert reference(query) <= found
    groups, _pairs = parsed.groups()
    keys = {group.texts[0]: group.tokens for group in groups}
    assert found == reference(query, keys)


def test_every_substring_of_a_talk_finds_it(corpus):
    talk = next(t for t in corpus if t.status == Talk.Status.PUBLISHED)
    folded = fold(talk.tldr)
    for start in range(0, len(folded) - 3, 3):
        piece = folded[start : start + 4]
        if not split_terms(piece):
            continue
        ids = Query.parse(piece).matching(Talk.objects.published())
        assert talk.pk in set(ids.values_list("pk", flat=True)), piece
