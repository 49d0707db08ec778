from django import template

from slt.accounts.second_factor import has_second_factor

register = template.Library()


@register.simple_tag
def second_factor_enabled(user) -> bool:
    return has_second_factor(user)
