"""Tags, kept clean: one tag per folded name, rename with redirects, merge, suggest."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import Tag
from ..models.base import unique_slug
from ..review.workflow import needs_approval
from ..tag_merge import merge_tags
from ..text import fold, join_list, quoted
from .records import TalkCountMixin

SUGGESTIONS = 10


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {
            "slug": gettext_lazy(
                "名前を変えるとスラッグも新しい名前から作り直します"
                "（スラッグも書き換えた場合はそれを使います）。"
                "以前のアドレスは新しいアドレスへ転送されます。"
            ),
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Tag.objects.filter(key=fold(name)).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(
                _(
                    "「%(name)s」は既にあるタグ「%(existing)s」と同じです"
                    "（大文字・小文字や全角・半角の違いだけです）。"
                    "ひとつにまとめるには、タグ一覧で両方を選び"
                    "「選択したタグを統合する」を使ってください。"
                )
                % {"name": name, "existing": same.name}
            )
        return name


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label=gettext_lazy("残すタグ"),
        empty_label=None,
        error_messages={"required": gettext_lazy("残すタグを選んでください。")},
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = tags
        self.fields["target"].label_from_instance = lambda tag: (
            ngettext(
                "%(name)s（%(n)d件の講演）", "%(name)s（%(n)d件の講演）", tag.talk_total
            )
            % {"name": tag.name, "n": tag.talk_total}
        )


@admin.register(Tag)
class TagAdmin(TalkCountMixin, admin.ModelAdmin):
    form = TagForm
    count_lookup = "tagged_talks"
    talk_lookup = "tags"
    list_display = ["name", "slug", "talk_count"]
    search_fields = ["name", "key"]
    ordering = ["name"]
    actions = ["merge"]

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data and "slug" not in form.changed_data:
            obj.slug = unique_slug(Tag, obj.name, obj.pk)
        super().save_model(request, obj, form, change)

    @admin.action(
        description=gettext_lazy("選択したタグを統合する"), permissions=["change"]
    )
    def merge(self, request, queryset):
        if needs_approval(request.user):
            # A merge changes many talks at once: not one editor's submission.
            self.message_user(
                request,
                _(
                    "承認が必要な設定では、タグの統合は「承認者」グループの人が"
                    "行います。承認者に依頼してください。"
                ),
                messages.ERROR,
            )
            return None
        if queryset.count() < 2:
            self.message_user(
                request, _("統合するタグを2つ以上選んでください。"), messages.WARNING
            )
            return None
        form = MergeForm(
            request.POST if "apply" in request.POST else None, tags=queryset
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            merged = [tag for tag in queryset if tag.pk != target.pk]
            talk_ids = merge_tags(target, merged, request.user)
            self.message_user(
                request,
                ngettext(
                    "%(old)sを「%(new)s」に統合しました（講演%(n)d件）。"
                    "以前のアドレスは「%(new)s」へ転送されます。",
                    "%(old)sを「%(new)s」に統合しました（講演%(n)d件）。"
                    "以前のアドレスは「%(new)s」へ転送されます。",
                    len(talk_ids),
                )
                % {
                    "old": join_list(quoted(tag.name) for tag in merged),
                    "new": target.name,
                    "n": len(talk_ids),
                },
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/summaries/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("タグの統合"),
                "opts": self.opts,
                "form": form,
                "tags": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def get_urls(self):
        return [
            path(
                "suggest/",
                self.admin_site.admin_view(self.suggest_view),
                name="summaries_tag_suggest",
            ),
            *super().get_urls(),
        ]

    def suggest_view(self, request):
        """Existing tags for the tag input: by folded prefix, most used first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        typed = fold(request.GET.get("q", "").strip())
        if not typed:
            return JsonResponse({"results": []})
        tags = Tag.objects.annotate(talk_total=Count("tagged_talks")).order_by(
            "-talk_total", "name", "pk"
        )
        found = list(tags.filter(key__startswith=typed)[:SUGGESTIONS])
        if len(found) < SUGGESTIONS:
            found += tags.filter(key__contains=typed).exclude(
                pk__in=[tag.pk for tag in found]
            )[: SUGGESTIONS - len(found)]
        return JsonResponse(
            {"results": [{"name": t.name, "count": t.talk_total} for t in found]}
        )
