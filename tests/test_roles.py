"""Groups and their rights: one constant, equal to what the migrations granted."""

import importlib

import pytest
from django.contrib.auth.models import Group

from summaries import roles

# Each data migration that granted editors rights, with its frozen constant.
GRANTS = [
    ("summaries.migrations.0002_editors_group", "summaries"),
    ("summaries.migrations.0006_editors_read_feedback", "ratings"),
    ("summaries.search.migrations.0003_editors_manage_synonyms_pins", "search"),
]
# Each data migration that took rights back, with its frozen constant.
REVOCATIONS = [
    (
        "summaries.ratings.migrations.0002_walkthrough_editors_only_read_feedback",
        "ratings",
    ),
]


def granted_by_migrations():
    """{app_label: {codename}} as the migrations left them (the feedback
    rights were granted while Feedback belonged to the core app; they moved
    to `ratings` with its content type)."""
    granted = {}
    for module, app_label in GRANTS:
        constant = importlib.import_module(module).EDITOR_PERMISSIONS
        if isinstance(constant, dict):
            names = roles.codenames({app_label: constant})[app_label]
        else:
            names = constant
        granted.setdefault(app_label, set()).update(names)
    for module, app_label in REVOCATIONS:
        revoked = importlib.import_module(module).EDITOR_PERMISSIONS_REVOKED
        granted[app_label].difference_update(revoked)
    return granted


def test_the_constant_equals_what_the_migrations_granted():
    constant = {
        label: set(names)
        for label, names in roles.codenames(roles.EDITOR_PERMISSIONS).items()
    }
    assert constant == granted_by_migrations()


@pytest.mark.django_db
def test_the_editors_group_holds_exactly_those_rights():
    group = Group.objects.get(name=roles.EDITORS)
    held = {
        (perm.content_type.app_label, perm.codename)
        for perm in group.permissions.select_related("content_type")
    }
    expected = {
        (label, name)
        for label, names in roles.codenames(roles.EDITOR_PERMISSIONS).items()
        for name in names
    }
    assert held == expected


def test_the_approvers_constant_equals_what_its_migrations_granted():
    granted = {}
    for module, constant in (
        ("summaries.review.migrations.0002_approvers_group", "APPROVER_PERMISSIONS"),
        (
            "summaries.review.migrations.0003_approvers_manage_synonyms_pins",
            "APPROVER_PERMISSIONS_ADDED",
        ),
    ):
        frozen = getattr(importlib.import_module(module), constant)
        for label, names in roles.codenames(frozen).items():
            granted.setdefault(label, set()).update(names)
    constant = {
        label: set(names)
        for label, names in roles.codenames(roles.APPROVER_PERMISSIONS).items()
    }
    assert constant == granted


@pytest.mark.django_db
def test_approvers_may_do_all_that_editors_may():
    """An approver edits as an editor does (and decides on submissions): the
    synonyms and pins given to editors later were once missing here."""

    def held(name):
        group = Group.objects.get(name=name)
        return {
            (perm.content_type.app_label, perm.codename)
            for perm in group.permissions.select_related("content_type")
        }

    missing = held(roles.EDITORS) - held(roles.APPROVERS)
    assert not missing
    assert ("search", "change_synonym") in held(roles.APPROVERS)


@pytest.mark.django_db
def test_the_approvers_group_holds_exactly_those_rights():
    group = Group.objects.get(name=roles.APPROVERS)
    held = {
        (perm.content_type.app_label, perm.codename)
        for perm in group.permissions.select_related("content_type")
    }
    expected = {
        (label, name)
        for label, names in roles.codenames(roles.APPROVER_PERMISSIONS).items()
        for name in names
    }
    assert held == expected
    assert ("review", "approve_submission") in held
