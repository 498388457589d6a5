from django import template
from django.utils.safestring import mark_safe

from core.richtext import html_to_text, sanitize_html

register = template.Library()


@register.filter
def richtext(value: str):
    """Stored rich text, safe to show (it was sanitised on the way in; this is a second net)."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308


@register.filter
def plaintext(value: str) -> str:
    return html_to_text(value or "")


@register.inclusion_tag("core/_status.html")
def plan_status(plan):
    return {"plan": plan}
