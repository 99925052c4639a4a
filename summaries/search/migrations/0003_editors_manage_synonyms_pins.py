"""Editors manage synonyms and pinned results (issue 16)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "synonym": ["add", "change", "delete", "view"],
    "pin": ["add", "change", "delete", "view"],
}


def _codenames():
    return [f"{a}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for a in actions]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="編集者")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="search", codename__in=_codenames()
        )
    )


def revoke(apps, schema_editor):
    # Through the link table: no model instances to compare across states.
    Group = apps.get_model("auth", "Group")
    Group.permissions.through.objects.filter(
        group__name="編集者",
        permission__content_type__app_label="search",
        permission__codename__in=_codenames(),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_words_synonyms_pins"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
