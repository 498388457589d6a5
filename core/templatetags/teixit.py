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


@register.filter
def marks_required(form) -> bool:
    """Whether a visible field of ``form`` shows the asterisk of a required field (see
    core/_field.html: radio buttons and checkboxes do not)."""
    return any(field.field.required and field.name != "calendar"
               and getattr(field.field.widget, "input_type", None) not in ("checkbox", "radio")
               for field in form.visible_fields())


@register.inclusion_tag("core/_status.html")
def plan_status(plan):
    return {"plan": plan}


@register.filter
def attr_field(form, name):
    """``form[name]`` for a field name held in a variable."""
    return form[name]


@register.filter
def lookup_value(values: dict, period_id):
    """The actual value of an indicator series in a period (``IndicatorSeries.values``)."""
    return values.get((period_id, "actual"))


@register.filter
def lookup_target(values: dict, period_id):
    return values.get((period_id, "target"))


@register.filter
def lookup_element(totals: dict, element_id):
    return totals.get(element_id, {})


@register.filter
def lookup_level(counts: dict, key):
    return counts.get(key)


@register.inclusion_tag("core/_languages.html", takes_context=True)
def language_links(context):
    """The current page in each language: plain links (the language is in the address, and
    Catalan has no prefix), so a page needs no form, cookie or token to switch — and can be
    cached. Built from the address itself, without resolving it again."""
    from django.conf import settings
    from django.utils.translation import get_language, get_language_info

    request = context["request"]
    current = get_language()
    path = request.path_info
    if current != settings.LANGUAGE_CODE and path.startswith(f"/{current}/"):
        path = path[len(current) + 1:]
    query = request.META.get("QUERY_STRING", "")
    prefix = request.META.get("SCRIPT_NAME", "").rstrip("/")
    links = []
    for code, _name in settings.LANGUAGES:
        localized = path if code == settings.LANGUAGE_CODE else f"/{code}{path}"
        links.append({"code": code, "current": code == current,
                      "name": get_language_info(code)["name_local"].capitalize(),
                      "url": f"{prefix}{localized}" + (f"?{query}" if query else "")})
    return {"languages": links}
