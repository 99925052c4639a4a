"""Editors only read readers' answers, as the README always said: the right to
delete one (granted by summaries 0006) is taken back from the 編集者 group.
Administrators still delete an answer that names someone."""

from django.db import migrations

# Frozen: what this migration takes back (tests/test_roles.py keeps the sum of
# every grant and revocation equal to summaries.roles).
EDITOR_PERMISSIONS_REVOKED = ["delete_feedback"]


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="編集者"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="ratings",
                codename__in=EDITOR_PERMISSIONS_REVOKED,
            )
        )


def grant_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="編集者"):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="ratings",
                codename__in=EDITOR_PERMISSIONS_REVOKED,
            )
        )


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]

    operations = [migrations.RunPython(revoke, grant_back)]
