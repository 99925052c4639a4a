"""`{% talk_cards talks heading_level %}`: a list of talk cards (views/cards.py)."""

from django import template

from ..views import cards

register = template.Library()


@register.simple_tag
def talk_cards(talks, heading_level=2):
    return cards.cards(talks, heading_level or 2)
