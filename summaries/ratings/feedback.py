"""「このページは役に立ちましたか？」: readers' answers, their form and figures.

Answers are kept without anything personal: the form refuses comments that
hold an e-mail address or a telephone number.
"""

from datetime import timedelta

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Feedback
from .personal_data import holds_contact
from .retry import retry_when_busy


def record_feedback(form, talk):
    """Save a valid FeedbackForm's answer for `talk`."""
    answer = form.save(commit=False)
    answer.talk = talk
    retry_when_busy(answer.save)
    return answer


def feedback_figures(now=None):
    """「このページは役に立ちましたか？」 answers for the dashboard, in one query:
    {"answers", "yes", "answers_30_days", "yes_30_days"}."""
    recent = Q(created_at__gte=(now or timezone.now()) - timedelta(days=30))
    return Feedback.objects.aggregate(
        answers=Count("pk"),
        yes=Count("pk", filter=Q(helpful=True)),
        answers_30_days=Count("pk", filter=recent),
        yes_30_days=Count("pk", filter=recent & Q(helpful=True)),
    )


class FeedbackForm(forms.ModelForm):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("このページは役に立ちましたか？"),
        choices=[("yes", gettext_lazy("はい")), ("no", gettext_lazy("いいえ"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": gettext_lazy(
                "「はい」か「いいえ」を選んでから送信してください。"
            ),
            "invalid_choice": gettext_lazy("「はい」か「いいえ」を選んでください。"),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("ご意見（任意）"),
        required=False,
        max_length=Feedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": gettext_lazy(
                "ご意見は%(limit_value)d字以内でお書きください（いま%(show_value)d字）。"
            )
        },
    )

    class Meta:
        model = Feedback
        fields = ["helpful", "comment"]

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        # Comments are kept without any personal data (personal_data.py).
        if holds_contact(comment):
            raise forms.ValidationError(
                _(
                    "ご意見にメールアドレスや電話番号は書かないでください。"
                    "個人情報は受け付けていません。"
                )
            )
        return comment
