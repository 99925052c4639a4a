"""The list's filters (facets.py) as HTML, written out in Python.

As a template the filters cost about 2 ms of the list page with the page
cache empty: some fifty links, each through several tags and filters (issue
13). Written here, as the talk cards are (cards.py), they cost a tenth of
that. `includes/facets.html` calls `{% facet_filters facets %}`
(templatetags/finder.py).

Every value is escaped here, as the template engine would: names of tags,
speakers and channels go through `bidi.bdi` (escaped and isolated); labels
of chosen filters are safe HTML already (`bidi_format`) or plain text.
"""

from html import escape

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..bidi import bdi
from ..templatetags.languages import content_lang


def filters_nav(facets):
    """`<nav class="finder__filters">` of a `facets.Facets`, as safe HTML."""
    heading = escape(_("絞り込み"))
    lines = [
        '<nav class="finder__filters" aria-labelledby="filters-heading">',
        f'<h2 id="filters-heading" class="finder__heading">{heading}</h2>',
    ]
    if facets.sample:
        note = escape(
            _("件数は、よく合う上位%(count)s件の内訳です。") % {"count": facets.sample}
        )
        lines.append(f'<p class="finder__note">{note}</p>')
    if facets.chosen:
        chosen = escape(_("選択中の条件"))
        remove = escape(_("（この条件を解除）"))
        clear = escape(_("すべての絞り込みを解除"))
        lines.append(f'<h3 class="facet__heading">{chosen}</h3>')
        lines.append('<ul class="facet facet--chosen">')
        lines += [
            f'<li><a href="{escape(option.url)}">{conditional_escape(option.label)}'
            '<span class="facet__remove" aria-hidden="true"> ×</span>'
            f'<span class="visually-hidden">{remove}</span></a></li>'
            for option in facets.chosen
        ]
        lines.append("</ul>")
        lines.append(f'<p><a href="{escape(facets.clear_url)}">{clear}</a></p>')
    selected = escape(_("（選択中。もう一度選ぶと解除）"))
    lang = content_lang()
    for key, heading, options in facets.groups:
        lines.append(f'<h3 class="facet__heading">{conditional_escape(heading)}</h3>')
        lines.append('<ul class="facet">')
        for option in options:
            label = (
                conditional_escape(option.label)
                if key == "year"
                else f"<span{lang}>{bdi(option.label)}</span>"
            )
            if option.selected:
                lines.append(
                    f'<li><a href="{escape(option.url)}" aria-current="true">'
                    f'<span aria-hidden="true">✓ </span>{label} '
                    f'<span class="count">({option.count})</span>'
                    f'<span class="visually-hidden">{selected}</span></a></li>'
                )
            else:
                lines.append(
                    f'<li><a href="{escape(option.url)}">{label} '
                    f'<span class="count">({option.count})</span></a></li>'
                )
        lines.append("</ul>")
    if not facets.groups and not facets.chosen:
        none = escape(_("絞り込める条件はありません。"))
        lines.append(f"<p>{none}</p>")
    lines.append("</nav>")
    return mark_safe("\n".join(lines))
