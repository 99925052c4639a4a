"""Form fields that let editors type what they see on the video."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..text import format_timecode, parse_timecode


class TimecodeField(forms.Field):
    """Seconds, typed as `11:14`, `1:02:05` or plain `674`."""

    widget = forms.TextInput(attrs={"size": 8, "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("「分:秒」か「時:分:秒」で入力してください。例: 11:14、1:02:05"),
    }

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_timecode(value)
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        if value.isascii() and value.isdigit():
            return int(value)
        try:
            return parse_timecode(value)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True
