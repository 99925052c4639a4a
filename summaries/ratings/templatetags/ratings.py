"""Readers' ratings in templates: `{% load ratings %}`."""

from django import template

from ..models import Feedback, Rating
from ..voting import RatingSummary

register = template.Library()


@register.filter
def rating_summary(talk):
    """The talk's RatingSummary: prints as 4.5（2件）or まだ評価はありません."""
    return RatingSummary.of(talk)


@register.simple_tag
def rating_choices():
    """[(score, label)] for the 1-5 radio group."""
    return Rating.Score.choices


@register.simple_tag
def feedback_comment_limit():
    return Feedback.COMMENT_MAX_LENGTH
