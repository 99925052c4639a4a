"""The long lists of a talk as one version holds them.

A version (django-reversion revision) keeps the talk's row and its short
parts as one Version row each; the long lists (outline, keywords, highlights,
transcript: up to 10,000 items) are kept here instead, one row per list,
holding the items in order. Serialising thousands of rows one by one made
saving a two-hour transcript take many seconds; this is one JSON value.
history.py writes these after every revision that holds a talk; diffs.py
and restore read them (revisions from before they existed hold the items as
Version rows, and are read as before).
"""

from django.db import models


class PartsVersion(models.Model):
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="parts_versions"
    )
    # Like reversion's object_id: the talk may be deleted later.
    talk_id = models.IntegerField()
    part = models.CharField(max_length=20)  # outline, keywords, highlights, transcript
    # [[start_seconds, text], ...] for timed lists, [[text], ...] for keywords.
    items = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "talk_id", "part"],
                name="summaries_partsversion_unique",
            )
        ]

    def __str__(self):
        return f"{self.part} of talk {self.talk_id} in revision {self.revision_id}"
