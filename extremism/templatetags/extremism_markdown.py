from django import template

from extremism.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """The guide's Markdown as sanitised HTML (see extremism.rendering)."""
    return render_markdown(text)
