"""Inline formsets for a talk's ordered parts: positions editors can rearrange."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from .. import limits
from .fields import TimecodeField


class OrderedPartForm(forms.ModelForm):
    """A blank position means "after the others"; the formset fills it in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False
            self.fields["position"].widget.attrs.update(
                {"class": "ordered-position", "min": 1, "size": 4}
            )
        if "start_seconds" in self.fields:
            self.fields["start_seconds"] = TimecodeField(
                label=self.fields["start_seconds"].label,
                help_text=self.fields["start_seconds"].help_text,
            )


class OrderedPartFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        """Each input of a row names its column and row for assistive
        technology (the table's headers are not labels): 「本文（要点 2）」."""
        super().add_fields(form, index)
        item = self.model._meta.verbose_name
        for field in form.fields.values():
            if field.widget.is_hidden or not field.label:
                continue  # the row's id and its talk: no one reads them
            where = (
                _("%(item)s %(n)d") % {"item": item, "n": index + 1}
                if index is not None
                else _("新しい%(item)s") % {"item": item}
            )
            field.widget.attrs.setdefault(
                "aria-label",
                _("%(field)s（%(where)s）") % {"field": field.label, "where": where},
            )

    def _kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if form not in self.deleted_forms and form.cleaned_data
        ]

    def clean(self):
        kept = self._kept_forms()
        over = limits.excess(self.fk.remote_field.get_accessor_name(), len(kept))
        if over:
            raise ValidationError(over.message, code="too_many")
        taken = [f.cleaned_data.get("position") for f in kept]
        next_position = max((p for p in taken if p), default=0) + 1
        for form in kept:
            if not form.cleaned_data.get("position"):
                form.cleaned_data["position"] = form.instance.position = next_position
                next_position += 1
        super().clean()  # duplicate positions among the forms are refused here

    def save_existing_objects(self, commit=True):
        if commit:
            self._park_moving_rows()
        return super().save_existing_objects(commit)

    def _park_moving_rows(self):
        """Move rows that change place to free numbers first, so that swapping
        two items never trips the unique (talk, position) constraint midway."""
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk
            and (form in self.deleted_forms or "position" in form.changed_data)
        ]
        if not moving:
            return
        queryset = self.model._default_manager.filter(**{self.fk.name: self.instance})
        highest = queryset.aggregate(top=Max("position"))["top"] or 0
        highest = max([highest, *(f.instance.position or 0 for f in self.forms)])
        for offset, pk in enumerate(moving, start=1):
            queryset.filter(pk=pk).update(position=highest + offset)


class OrderedInline(admin.TabularInline):
    form = OrderedPartForm
    formset = OrderedPartFormSet
    extra = 0
    classes = ["ordered-inline"]

    class Media:
        # Drag and drop plus 上へ/下へ buttons over the position numbers.
        js = [forms.Script("summaries/js/ordering.js", type="module")]
