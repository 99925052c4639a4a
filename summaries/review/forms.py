"""The review page's form: a comment, and for approvers a time to apply."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext_lazy as _


class ReviewForm(forms.Form):
    text = forms.CharField(
        label=_("コメント"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("差し戻すときは、直してほしい点を必ず書いてください。"),
    )
    apply_at = forms.SplitDateTimeField(
        label=_("反映する日時（任意）"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_(
            "空なら承認した時点で反映します。未来の時刻なら、その時刻を過ぎた"
            "最初の閲覧で反映されます。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date, time = self.fields["apply_at"].widget.widgets
        date.attrs["aria-label"] = _("反映する日（年-月-日）")
        time.attrs["aria-label"] = _("反映する時刻（時:分:秒）")
