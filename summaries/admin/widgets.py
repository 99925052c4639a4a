"""Widgets that make the talk form easier to type into."""

from django.forms import Script
from django.urls import reverse_lazy
from taggit.forms import TagWidget


class TagInput(TagWidget):
    """The tag text input, enhanced by summaries/js/tag-input.js when it runs.

    Without JavaScript it stays the plain input (tags separated by 、 or
    commas). With it: a token per tag, suggestions of existing tags as you
    type, 、 , and Enter to confirm (never during an IME conversion), and
    pasted lists split into tags. The script keeps this input's value in sync,
    so the server reads the same field either way.
    """

    class Media:
        js = [Script("summaries/js/tag-input.js", type="module")]

    def __init__(self, attrs=None):
        super().__init__(
            {
                "class": "vTextField tag-input",
                "autocomplete": "off",
                "data-suggest-url": reverse_lazy("admin:summaries_tag_suggest"),
                **(attrs or {}),
            }
        )
