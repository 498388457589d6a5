"""The editor's tree, written in Python.

A plan of Catalonia's size has hundreds of elements, each row with its links, buttons and
forms; built from included templates the tree took most of the page's time. The markup is the
same as a template would write: every text is escaped by ``format_html``, every address is
reversed once and filled in per element.
"""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

MARKER = 987654321  # an element id no plan has, replaced by each element's


class _Addresses:
    """The editor's addresses of a plan's elements, reversed once."""

    def __init__(self, organization, plan):
        def pattern(name):
            return reverse(f"editor:{name}", args=[organization.slug, plan.slug, MARKER])

        self.element = pattern("element")
        self.inline = pattern("element_inline")
        self.reorder = pattern("element_reorder")
        self.create = reverse("editor:element_create", args=[organization.slug, plan.slug])

    @staticmethod
    def of(pattern: str, element) -> str:
        return pattern.replace(str(MARKER), str(element.pk))


def _short(element) -> str:
    return Truncator(element.code or element.title).chars(40)


def _row(element, child_levels, addresses: _Addresses, *, can_edit: bool, csrf: str,
         focus: bool = False) -> str:
    parts = [format_html('<div class="node" id="row-{}">\n  <span class="code">{}</span>\n'
                         '  <a class="title" href="{}">{}</a>\n'
                         '  <span class="level">{}</span>\n',
                         element.pk, element.code, addresses.of(addresses.element, element),
                         element.title, element.level.name)]
    for flag, label in ((element.is_highlighted, _("Highlighted")),
                        (element.is_continuity, _("Continuity")),
                        (element.is_agreement_linked, _("Agreement"))):
        if flag:
            parts.append(format_html('  <span class="badge flag">{}</span>\n', label))
    labels = element.responsible_labels
    if labels:
        parts.append(format_html('  <span class="muted small" title="{}">{}</span>\n',
                                 _("Responsible"), labels))
    if can_edit:
        inline = addresses.of(addresses.inline, element)
        reorder = addresses.of(addresses.reorder, element)
        short = _short(element)
        parts.append(format_html(
            '  <span class="tools">\n'
            '    <a class="button small secondary" href="{}" hx-get="{}" hx-target="#row-{}" '
            'hx-swap="outerHTML" id="edit-{}"{}>{}<span class="visually-hidden"> {} {}</span>'
            '</a>\n', inline, inline, element.pk, element.pk,
            mark_safe(" autofocus") if focus else "", _("Edit"), element.code,
            Truncator(element.title).chars(40)))
        for direction, arrow, text in (
                ("up", "↑", _("Move %(element)s up") % {"element": short}),
                ("down", "↓", _("Move %(element)s down") % {"element": short})):
            parts.append(format_html(
                '    <form method="post" action="{}" hx-post="{}" hx-target="#tree" '
                'hx-swap="outerHTML">\n      <input type="hidden" name="csrfmiddlewaretoken" '
                'value="{}"><input type="hidden" name="direction" value="{}">\n'
                '      <button type="submit" class="small secondary" id="{}-{}">'
                '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>'
                '</button>\n    </form>\n', reorder, reorder, csrf, direction, direction,
                element.pk, arrow, text))
        parts.append(format_html_join("", (
            '    <a class="button small secondary" href="{}?level={}&amp;parent={}">+ {}'
            '<span class="visually-hidden"> {}</span></a>\n'), (
            (addresses.create, level.pk, element.pk, level.name,
             _("under %(element)s") % {"element": short}) for level in child_levels)))
        parts.append(mark_safe("  </span>\n"))
    parts.append(mark_safe("</div>"))
    return mark_safe("".join(parts))  # noqa: S308 — each part escaped by format_html


def _nodes(nodes, addresses, *, can_edit, csrf) -> str:
    out = []
    for node in nodes:
        out.append(format_html('<li id="element-{}">\n', node.element.pk))
        out.append(_row(node.element, node.child_levels, addresses, can_edit=can_edit,
                        csrf=csrf))
        if node.children:
            out.append(mark_safe("\n<ul>"))
            out.append(_nodes(node.children, addresses, can_edit=can_edit, csrf=csrf))
            out.append(mark_safe("</ul>"))
        out.append(mark_safe("\n</li>\n"))
    return mark_safe("".join(out))  # noqa: S308


@register.simple_tag(takes_context=True)
def tree_nodes(context, nodes):
    """The nested list items of ``nodes`` (``plans.selectors.TreeNode``)."""
    addresses = context.get("_tree_addresses")
    if addresses is None:
        addresses = _Addresses(context["organization"], context["plan"])
        context.dicts[0]["_tree_addresses"] = addresses
    can_edit = bool(context.get("can_edit"))
    csrf = (context.get("csrf_mark") or get_token(context["request"])) if can_edit else ""
    return _nodes(nodes, addresses, can_edit=can_edit, csrf=csrf)


@register.simple_tag(takes_context=True)
def element_row(context, element, child_levels):
    """One row of the tree, alone (after an inline edit or its cancel)."""
    addresses = _Addresses(context["organization"], context["plan"])
    can_edit = bool(context.get("can_edit"))
    return _row(element, child_levels, addresses, can_edit=can_edit,
                csrf=get_token(context["request"]) if can_edit else "",
                focus=bool(context.get("focus_edit")))
