"""The shipped content, rendered by the real pages."""

import pytest

pytestmark = pytest.mark.django_db


def test_seed_talk_page_shows_everything_the_seed_page_shows(client, seed):
    response = client.get(seed.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert seed.title in page
    assert "デジタル庁ニュース" in page
    for takeaway in seed.takeaways.all():
        assert takeaway.text in page
        assert takeaway.emoji in page
    for question in seed.questions.all():
        assert question.text in page
        assert question.answer in page
    for tag in seed.tags.all():
        assert f">{tag.name}</a>" in page
