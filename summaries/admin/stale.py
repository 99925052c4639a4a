"""Never lose work to a colleague: refuse a save made on top of an older version.

The change form carries a hidden token: the talk's `updated_at` (to the
microsecond) and the id of its latest recorded version, as they were when the
editor opened the form. On save, inside the admin's transaction, the talk row is
locked (SELECT … FOR UPDATE on PostgreSQL) and the token compared with what is
stored now. If someone saved in between, the save is refused: the form comes
back with the editor's input as typed and the list of what changed since it was
opened, taken from the history. The refused form carries the new token, so
saving again, after reading the changes, deliberately keeps the editor's text.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import diffs
from ..history import latest_version_id, versions_of
from ..models import Talk


def version_token(talk_id, lock=False):
    """`updated_at|latest version id` of the talk (locking its row when saving)."""
    talks = Talk.objects.select_for_update() if lock else Talk.objects
    updated_at = talks.filter(pk=talk_id).values_list("updated_at", flat=True).first()
    if updated_at is None:
        return ""
    return f"{updated_at.isoformat()}|{latest_version_id(talk_id)}"


class Conflict:
    """What others saved since the form was opened: who, when, and the changes."""

    def __init__(self, talk_id, opened_token):
        _opened_at, _sep, opened_version = opened_token.partition("|")
        opened_version = int(opened_version) if opened_version.isdigit() else 0
        self.versions = list(
            versions_of(talk_id).filter(pk__gt=opened_version).order_by("pk")
        )
        baseline = versions_of(talk_id).filter(pk=opened_version).first()
        self.changes = (
            diffs.compare(
                diffs.from_revision(baseline.revision, talk_id),
                diffs.from_database(talk_id),
            )
            if baseline
            else []
        )
        self.has_baseline = baseline is not None


class StaleSaveForm(forms.ModelForm):
    """A base for the talk form: a hidden version token and the check on save."""

    version_token = forms.CharField(widget=forms.HiddenInput, required=False)

    conflict = None

    class Media:
        js = [forms.Script("summaries/js/unsaved-changes.js", type="module")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version_token"] = version_token(self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = version_token(self.instance.pk, lock=True)
        opened = self.data.get(self.add_prefix("version_token"), "")
        if opened != current:
            self.conflict = Conflict(self.instance.pk, opened)
            # The form comes back with the token of what is stored now: saving
            # again, after reading the changes, keeps the editor's version.
            self.data = self.data.copy()
            self.data[self.add_prefix("version_token")] = current
            raise ValidationError(
                _(
                    "保存しませんでした。この講演は、あなたがこの画面を開いた後に"
                    "ほかの人が保存しています。下の「その後の変更」を確かめてから、"
                    "必要なら入力を直してもう一度保存してください（もう一度保存すると"
                    "あなたの入力で上書きされます）。あなたの入力はそのまま残っています。"
                ),
                code="stale",
            )
        return cleaned
