"""The figure of an element in a table row, written in Python: a plan's tree has hundreds of
rows, and the same cells made of included templates cost ten times as much."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.templatetags.numbers import percent, share
from monitoring import calc

register = template.Library()

BADGES = {calc.ON_TRACK: ("ok", lambda: _("On track")),
          calc.BEHIND: ("behind", lambda: _("Behind")),
          calc.NOT_SCHEDULED: ("muted", lambda: _("No expected pace")),
          calc.NO_DATA: ("nodata", lambda: _("No data"))}


def _bar(executed, expected) -> str:
    if executed is None:
        return ""
    if expected is not None:
        title = _("%(executed)s executed; the line marks the %(expected)s expected") % {
            "executed": percent(executed), "expected": percent(expected)}
        line = format_html('<span class="expected" style="left: {}%"></span>',
                           str(expected)[:6])
    else:
        title = _("%(executed)s executed") % {"executed": percent(executed)}
        line = ""
    return format_html('<span class="bar" aria-hidden="true" title="{}"><span class="done" '
                       'style="width: {}%"></span>{}</span> ', title, str(executed)[:6], line)


@register.simple_tag
def figure_cells(row) -> str:
    """Four cells: status, executed (with its bar), expected, and the pace badge."""
    progress, figure = row.progress, row.figure
    if progress is not None:
        status = format_html("{}", progress.get_status_display())
    elif figure.rolled_up and figure.counted:
        status = format_html('<span class="small muted">{}</span>', _(
            "from %(counted)s of %(considered)s") % {"counted": figure.counted,
                                                    "considered": figure.considered})
    else:
        status = format_html('<span class="muted">{}</span>', _("no data"))
    if progress is not None and progress.status == "cancelled":
        badge = format_html('<span class="badge muted">{}</span>', _("Cancelled"))
    else:
        css, label = BADGES.get(row.flag, BADGES[calc.NO_DATA])
        badge = format_html('<span class="badge {}">{}</span>', css, label())
    return mark_safe(  # noqa: S308 — every part above is escaped by format_html
        f"<td>{status}</td>"
        f'<td class="number">{_bar(figure.percent, figure.expected)}{percent(row.percent)}</td>'
        f'<td class="number">{percent(row.expected)}</td><td>{badge}</td>')


@register.simple_tag(takes_context=True)
def dashboard_rows(context, figures, *, can_edit, period, policy):
    """The rows of the dashboard's table of every element followed in ``period``."""
    organization, plan = context["organization"], context["plan"]
    marker = 987654321
    element_url = reverse("editor:element_monitoring",
                          args=[organization.slug, plan.slug, marker])
    entry_url = reverse("editor:entry", args=[organization.slug, plan.slug, marker, period.pk])
    writable = can_edit and not period.is_closed
    rows = []
    for row in figures.followed:
        element = row.element
        weight = "normal" if row.monitored else "600"
        title = format_html(
            '<th scope="row" class="indent-{}" style="font-weight: {}"><a href="{}">{} {}</a> '
            '<span class="muted small">{}</span></th>', row.depth, weight,
            element_url.replace(str(marker), str(element.pk)), element.code,
            Truncator(element.title).chars(90), element.level.name)
        entry = ""
        if writable:
            link = ""
            if row.monitored or policy.rollup == "manual":
                link = format_html('<a href="{}">{}<span class="visually-hidden"> {} {}</span>'
                                   '</a>', entry_url.replace(str(marker), str(element.pk)),
                                   _("Enter data"), element.code,
                                   Truncator(element.title).chars(40))
            entry = format_html("<td>{}</td>", link)
        rows.append(format_html("<tr>{}{}<td class=\"number\">{}</td>{}</tr>\n", title,
                                figure_cells(row), share(row.share), entry))
    return mark_safe("".join(rows))  # noqa: S308 — each row escaped by format_html
