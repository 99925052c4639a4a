"""Editors' groups and what they may do: the one place that names them.

Data migrations make the groups (migrations are frozen history, so each keeps
its own copy of the names and rights it granted; tests/test_roles.py keeps
those copies equal to what is written here). `ensure_groups()` brings them back
after any `migrate` or `flush`, e.g. when tests empty the tables.
"""

from django.contrib.auth.models import Group, Permission

# The group name is a database row, shown in the admin as it is written.
EDITORS = "編集者"

# What editors may do, by app label and model: write talks and their parts,
# read readers' answers and votes (never delete one: that is an
# administrator's call); never users, never delete talks.
EDITOR_PERMISSIONS = {
    "summaries": {
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
    },
    "ratings": {
        "feedback": ["view"],
        "rating": ["view"],
    },
    "search": {
        "synonym": ["add", "change", "delete", "view"],
        "pin": ["add", "change", "delete", "view"],
    },
}

APPROVERS = "承認者"

# Approvers write as editors do and decide on editors' submissions
# (summaries/review/): their own changes need no approval. Derived from the
# editors' rights, so a right given to editors is an approver's too (each
# migration that grants one grants it to both; tests/test_roles.py checks).
APPROVER_PERMISSIONS = {
    **EDITOR_PERMISSIONS,
    "review": {
        "submission": ["view", "approve"],
        "reviewevent": ["add", "view"],
    },
}

GROUPS = {EDITORS: EDITOR_PERMISSIONS, APPROVERS: APPROVER_PERMISSIONS}


def codenames(permissions):
    """{app_label: [codename]} for a {app_label: {model: [action]}} mapping."""
    return {
        app_label: [
            f"{action}_{model}"
            for model, actions in models.items()
            for action in actions
        ]
        for app_label, models in permissions.items()
    }


def ensure_groups(sender, app_config=None, using="default", **kwargs):
    """post_migrate receiver: every group gets at least its rights on the app
    just migrated (whose permissions auth has made just before)."""
    label = app_config.label if app_config else sender.label
    for name, permissions in GROUPS.items():
        names = codenames(permissions).get(label)
        if not names:
            continue
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label=label, codename__in=names
            )
        )
