"""Approvers manage synonyms and pinned results, as editors do.

The 承認者 group was made (0002) with a copy of the editors' rights taken
before editors were given the search rights; approvers write as editors do,
so they get them too. `roles.APPROVER_PERMISSIONS` is now derived from the
editors' rights, so the two cannot drift apart again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVER_PERMISSIONS_ADDED = {
    "search": {
        "synonym": ["add", "change", "delete", "view"],
        "pin": ["add", "change", "delete", "view"],
    },
}


def _codenames():
    return [
        f"{action}_{model}"
        for model, actions in APPROVER_PERMISSIONS_ADDED["search"].items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="承認者")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="search", codename__in=_codenames()
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.permissions.through.objects.filter(
        group__name="承認者",
        permission__content_type__app_label="search",
        permission__codename__in=_codenames(),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_approvers_group"),
        ("search", "0003_editors_manage_synonyms_pins"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
