"""Tags for the page frame: metadata for crawlers and for sharing."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..structured_data import to_json_ld

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A JSON-LD <script>; the JSON is escaped so text cannot close the element."""
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(to_json_ld(data))
    )


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """A static file's absolute address: share cards need scheme and host."""
    return context["request"].build_absolute_uri(static(path))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The output is already escaped by the template that made it.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render once, use twice (the
    page title in <title> and in its share card); blocks inside still override."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
