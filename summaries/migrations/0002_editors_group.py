"""The 編集者 (editors) group: may write talks and their parts, never users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "talk": ["add", "change", "view"],
    "channel": ["add", "change", "view"],
    "speaker": ["add", "change", "view"],
    "tag": ["add", "change", "view"],
    # Parts are added, edited and removed through the talk's inlines.
    "talkspeaker": ["add", "change", "delete", "view"],
    "taggedtalk": ["add", "change", "delete", "view"],
    "takeaway": ["add", "change", "delete", "view"],
    "question": ["add", "change", "delete", "view"],
    "outlinechapter": ["add", "change", "delete", "view"],
    "keyword": ["add", "change", "delete", "view"],
    "highlight": ["add", "change", "delete", "view"],
    "transcriptsegment": ["add", "change", "delete", "view"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("summaries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="編集者")
    codenames = [
        f"{action}_{model}"
        for model, actions in EDITOR_PERMISSIONS.items()
        for action in actions
    ]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="summaries", codename__in=codenames
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="編集者").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("summaries", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
