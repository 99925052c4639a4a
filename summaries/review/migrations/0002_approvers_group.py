"""The 承認者 (approvers) group: editors' rights, and approving submissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVER_PERMISSIONS = {
    "summaries": {
        "talk": ["add", "change", "view"],
        "channel": ["add", "change", "view"],
        "speaker": ["add", "change", "view"],
        "tag": ["add", "change", "view"],
        "talkspeaker": ["add", "change", "delete", "view"],
        "taggedtalk": ["add", "change", "delete", "view"],
        "takeaway": ["add", "change", "delete", "view"],
        "question": ["add", "change", "delete", "view"],
        "outlinechapter": ["add", "change", "delete", "view"],
        "keyword": ["add", "change", "delete", "view"],
        "highlight": ["add", "change", "delete", "view"],
        "transcriptsegment": ["add", "change", "delete", "view"],
    },
    "ratings": {
        "feedback": ["view"],
        "rating": ["view"],
    },
    "review": {
        "submission": ["view", "approve"],
        "reviewevent": ["add", "view"],
    },
}


def create_approvers_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for label in APPROVER_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="承認者")
    for label, models in APPROVER_PERMISSIONS.items():
        codenames = [
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=label, codename__in=codenames
            )
        )


def remove_approvers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="承認者").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("ratings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_approvers_group, remove_approvers_group)]
