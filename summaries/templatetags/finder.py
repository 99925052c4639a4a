"""`{% facet_filters facets %}`: the list's filters (views/finder.py)."""

from django import template

from ..views import finder

register = template.Library()


@register.simple_tag
def facet_filters(facets):
    return finder.filters_nav(facets)
