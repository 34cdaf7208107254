from django import template

from api.forms import TokenCreateForm
from api.models import ApiToken

register = template.Library()


@register.inclusion_tag("api/token_section.html", takes_context=True)
def token_section(context):
    """The security page's API tokens: the user's own, and the form to make one."""
    user = context["request"].user
    return {
        "tokens": ApiToken.objects.filter(user=user),
        "form": TokenCreateForm(),
        "csrf_token": context.get("csrf_token"),
    }
