from django import template

register = template.Library()


@register.inclusion_tag("admin/summaries/dashboard/panels.html", takes_context=True)
def admin_dashboard(context):
    """The KPI panels, for editors who may see talks."""
    from ..admin.dashboard import panels

    user = context["request"].user
    return {"panels": panels() if user.has_perm("summaries.view_talk") else []}
