"""Fill Talk.video_id from the talks' video_url.

A frozen copy of summaries.youtube.video_id (a migration must not change
when the app's code does). Two talks of one video keep the ID on the older
one (the lower pk); the other keeps its address without an ID, and the admin
asks for a fix the next time it is saved (Talk.clean).
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.db import migrations

ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}


def video_id(url):
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or parts.hostname not in HOSTS:
        return None
    path = parts.path.strip("/").split("/")
    if parts.hostname == "youtu.be":
        candidate = path[0]
    elif path[0] == "watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    elif path[0] in {"embed", "live", "shorts", "v"} and len(path) > 1:
        candidate = path[1]
    else:
        return None
    return candidate if ID.match(candidate) else None


def fill(apps, schema_editor):
    Talk = apps.get_model("summaries", "Talk")
    taken = set()
    talks = Talk.objects.exclude(video_url="").order_by("pk")
    for pk, url in talks.values_list("pk", "video_url").iterator():
        found = video_id(url)
        if found and found not in taken:
            taken.add(found)
            Talk.objects.filter(pk=pk).update(video_id=found)


def empty(apps, schema_editor):
    apps.get_model("summaries", "Talk").objects.update(video_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("summaries", "0010_videos_video_id"),
    ]

    operations = [migrations.RunPython(fill, empty)]
