"""What readers post about a talk: a 1-5 vote and "was this useful?".

Both work without JavaScript (post, then redirect back with a message) and with
it (reader-forms.js asks for JSON and updates the page in place).
"""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ..client_address import client_address
from ..models import Talk
from . import ratelimit
from .feedback import FeedbackForm, record_feedback
from .voting import (
    RatingForm,
    TooManyNewVoters,
    new_voter_token,
    record_vote,
    remember_voter,
    voter_token,
)


class ReaderPostView(FormView):
    """A reader's post about a public talk: limited per address, then validated."""

    http_method_names = ["post"]
    template_name = "summaries/reader_post_error.html"
    limit_scope = None
    section = None  # where on the talk page the reader returns to

    def post(self, request, *args, **kwargs):
        retry_after = ratelimit.hit(self.limit_scope, request)
        if retry_after:
            return self.too_many(retry_after)
        self.talk = get_object_or_404(Talk.objects.published(), slug=kwargs["slug"])
        return super().post(request, *args, **kwargs)

    def wants_json(self):
        preferred = self.request.get_preferred_type(["text/html", "application/json"])
        return preferred == "application/json"

    def return_url(self):
        url = reverse("summaries:talk-detail", kwargs={"slug": self.kwargs["slug"]})
        return f"{url}#{self.section}"

    def done(self, message, **data):
        """PRG for a form post, the figures as JSON for fetch."""
        if self.wants_json():
            return JsonResponse({"message": message, **data})
        messages.success(self.request, message, extra_tags=f"inline {self.section}")
        return HttpResponseRedirect(self.return_url(), status=303)

    def form_invalid(self, form):
        return self.refuse(
            " ".join(error for errors in form.errors.values() for error in errors),
            status=400,
        )

    def too_many(self, retry_after):
        message = _(
            "短い時間に送信が集中しています。%(seconds)d秒ほど待ってから、"
            "もう一度送信してください。"
        ) % {"seconds": retry_after}
        response = self.refuse(message, status=429)
        response["Retry-After"] = str(retry_after)
        return response

    def refuse(self, message, status):
        if self.wants_json():
            return JsonResponse({"error": message}, status=status)
        return self.render_to_response(
            {"message": message, "return_url": self.return_url()}, status=status
        )


class RateTalkView(ReaderPostView):
    form_class = RatingForm
    limit_scope = "rating"
    section = "rating"

    def form_valid(self, form):
        token = voter_token(self.request) or new_voter_token()
        score = form.cleaned_data["score"]
        try:
            summary = record_vote(
                self.talk, token, score, address=client_address(self.request)
            )
        except TooManyNewVoters:
            return self.refuse(
                _(
                    "このネットワークからは、この講演への新しい評価を今日はこれ以上"
                    "受け付けられません。すでに評価した方は選び直せます。"
                    "明日以降にもう一度お試しください。"
                ),
                status=429,
            )
        response = self.done(
            _(
                "評価「%(score)d」を記録しました。現在の平均は%(summary)sです。"
                "選び直すと評価を変更できます。"
            )
            % {"score": score, "summary": summary},
            score=score,
            count=summary.count,
            average=str(summary.average),
            display=str(summary),
        )
        remember_voter(response, token)
        return response


class TalkFeedbackView(ReaderPostView):
    form_class = FeedbackForm
    limit_scope = "feedback"
    section = "feedback"

    def form_valid(self, form):
        record_feedback(form, self.talk)
        return self.done(_("ご回答ありがとうございました。今後の改善に役立てます。"))
