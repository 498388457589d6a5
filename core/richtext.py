"""Rich text as stored by Teixit: a small, safe subset of HTML.

Every description and text section passes through :func:`sanitize_html` before it is stored,
so templates can mark it safe. The subset is what a plan document needs: paragraphs, emphasis,
lists, links, simple tables and headings below the page's own.
"""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_START = re.compile(r"^\s*<(p|ul|ol|table|h[3-5]|blockquote)[\s>]", re.IGNORECASE)


def sanitize_html(value: str) -> str:
    """Return ``value`` reduced to the allowed HTML subset (scripts, styles, events removed)."""
    if not value or not value.strip():
        return ""
    return nh3.clean(
        value.strip(),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def text_to_html(value: str) -> str:
    """Turn plain text (blank-line separated paragraphs, ``- `` bullets) into safe HTML.

    Already-HTML input (starting with a block tag) is only sanitised.
    """
    if not value or not value.strip():
        return ""
    if _BLOCK_START.match(value):
        return sanitize_html(value)
    blocks = re.split(r"\n\s*\n", value.strip())
    html = []
    for block in blocks:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if all(line.startswith(("- ", "* ", "• ")) for line in lines):
            items = "".join(f"<li>{_escape(line[2:].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(_escape(line) for line in lines) + "</p>")
    return sanitize_html("".join(html))


def html_to_text(value: str) -> str:
    """A plain-text rendering of stored rich text, for exports and search."""
    if not value:
        return ""
    text = re.sub(r"<li[^>]*>", "\n- ", value)
    text = re.sub(r"</(p|ul|ol|h[3-5]|blockquote|tr)>", "\n\n", text)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = nh3.clean(text, tags=set())
    text = (text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&#39;", "'"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
