"""Tables kept in step with the talks so that no public page scans all of them.

- `Listing`: one row per published talk and list it belongs to (every talk,
  a tag, a speaker, a channel, a year), with its publication time. Its index
  gives any of these lists newest first in a range scan, however many talks
  there are.
- `FacetCount`: how many `Listing` rows each list has (published talks,
  scheduled ones included). The public count subtracts the scheduled ones at
  read time: few, and found through the index on `published_at`.
- `RelatedTalk` / `RelatedList`: each published talk's related talks, ranked
  when something changes (see `related.py`), read in one query.

Talks are referred to by id without a database constraint: a deleted talk's
rows are removed by the receiver that hears of the deletion (it needs them
to know which counts to lower).
"""

from django.db import models


class Kind(models.TextChoices):
    ALL = "a", "all"
    TAG = "t", "tag"
    SPEAKER = "s", "speaker"
    CHANNEL = "c", "channel"
    YEAR = "y", "year"


def _talk(related_name):
    return models.ForeignKey(
        "summaries.Talk",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name=related_name,
    )


class Listing(models.Model):
    talk = _talk("listings")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    value = models.IntegerField()  # the tag, speaker or channel id; the year; 0
    published_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "kind", "value"], name="listings_listing_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "value", "published_at", "talk"],
                name="listings_listing_newest",
            ),
            models.Index(fields=["published_at"], name="listings_listing_due"),
            models.Index(fields=["expires_at"], name="listings_listing_ends"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.value} talk {self.talk_id}"


class FacetCount(models.Model):
    kind = models.CharField(max_length=1, choices=Kind.choices)
    value = models.IntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"], name="listings_facetcount_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "-count", "value"], name="listings_count_top")
        ]

    def __str__(self):
        return f"{self.kind}:{self.value} = {self.count}"


class RelatedTalk(models.Model):
    talk = _talk("related_rows")
    position = models.PositiveSmallIntegerField()
    related = _talk("related_in")
    shared = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "position"], name="listings_relatedtalk_unique"
            )
        ]
        indexes = [models.Index(fields=["related"], name="listings_related_holder")]

    def __str__(self):
        return f"{self.talk_id} #{self.position}: {self.related_id}"


class RelatedList(models.Model):
    """Where a talk's stored list ends: a changed talk ranked above this entry
    enters it (`full` False: the list has room for anyone sharing a tag)."""

    talk = models.OneToOneField(
        "summaries.Talk",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    full = models.BooleanField(default=False)
    last_shared = models.PositiveSmallIntegerField(default=0)
    last_related_id = models.IntegerField(null=True)

    def __str__(self):
        return f"{self.talk_id} ends at {self.last_related_id}"
