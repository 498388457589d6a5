"""Rich text as Teixit stores it, and the light markup people write it in.

Stored form: a small subset of HTML (paragraphs, line breaks, bold, italic, links, lists and
two heading levels), always passed through :func:`sanitize_html`, so templates may mark it
safe. Written form: a light markup that maps one-to-one onto that subset, so editing a text
in a plain textarea never loses anything:

    ### Heading          #### Smaller heading
    A paragraph, with **bold**, *italic* and [a link](https://example.org).
    A single line break stays inside the paragraph.

    - a list item
    - another            (1. 2. 3. for a numbered list)

Blank lines separate blocks.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_START = re.compile(r"^\s*<(p|ul|ol|h[1-6]|div|table|blockquote)[\s>]", re.IGNORECASE)
_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>(?:https?://|mailto:)[^\s)]+)\)"
)
_BULLET = re.compile(r"^[-*•]\s+")
_NUMBER = re.compile(r"^\d+[.)]\s+")


def sanitize_html(value: str) -> str:
    """``value`` reduced to the allowed HTML subset (scripts, styles, events removed).

    ``<b>``/``<i>`` become ``<strong>``/``<em>``; other tags are dropped, their text kept.
    """
    if not value or not value.strip():
        return ""
    value = re.sub(r"<(/?)b(\s|>)", r"<\1strong\2", value, flags=re.IGNORECASE)
    value = re.sub(r"<(/?)i(\s|>)", r"<\1em\2", value, flags=re.IGNORECASE)
    cleaned = nh3.clean(
        value.strip(),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return cleaned.strip()


def markup_to_html(text: str) -> str:
    """Turn the light markup into stored HTML. Input that already is HTML is only sanitised."""
    if not text or not text.strip():
        return ""
    if _BLOCK_START.match(text):
        return sanitize_html(text)
    html = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#### "):
            html.append(f"<h4>{_inline(' '.join(lines)[5:].strip())}</h4>")
        elif lines[0].startswith("### "):
            html.append(f"<h3>{_inline(' '.join(lines)[4:].strip())}</h3>")
        elif all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif all(_NUMBER.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBER.sub('', line))}</li>" for line in lines)
            html.append(f"<ol>{items}</ol>")
        else:
            html.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return sanitize_html("".join(html))


# Imports of hand-written data files use the same reader.
text_to_html = markup_to_html


def _inline(text: str) -> str:
    out, position = [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[position:match.start()], quote=False))
        if match["bold"] is not None:
            out.append(f"<strong>{_inline(match['bold'])}</strong>")
        elif match["italic"] is not None:
            out.append(f"<em>{_inline(match['italic'])}</em>")
        else:
            out.append(f'<a href="{escape(match["href"])}">{_inline(match["text"])}</a>')
        position = match.end()
    out.append(escape(text[position:], quote=False))
    return "".join(out)


class _MarkupWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[str] = []
        self.items: list[str] = []
        self.href: list[str] = []

    def flush(self, prefix: str = "") -> None:
        text = "".join(self.current).strip()
        self.current = []
        if text:
            self.blocks.append(prefix + text)

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3", "h4"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
            self.items = []
        elif tag == "li":
            self.current = []
        elif tag == "br":
            self.current.append("\n")
        elif tag == "strong":
            self.current.append("**")
        elif tag == "em":
            self.current.append("*")
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
            self.current.append("[")

    def handle_endtag(self, tag):
        if tag == "p":
            self.flush()
        elif tag == "h3":
            self.flush("### ")
        elif tag == "h4":
            self.flush("#### ")
        elif tag == "li":
            marker = "-" if self.lists and self.lists[-1] == "ul" else f"{len(self.items) + 1}."
            self.items.append(f"{marker} " + "".join(self.current).strip().replace("\n", " "))
            self.current = []
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            if self.items:
                self.blocks.append("\n".join(self.items))
            self.items = []
        elif tag == "strong":
            self.current.append("**")
        elif tag == "em":
            self.current.append("*")
        elif tag == "a":
            self.current.append(f"]({self.href.pop() if self.href else ''})")

    def handle_data(self, data):
        self.current.append(data)


def html_to_markup(html: str) -> str:
    """The light markup of stored HTML, for editing it in a textarea."""
    if not html or not html.strip():
        return ""
    writer = _MarkupWriter()
    writer.feed(sanitize_html(html))
    writer.close()
    writer.flush()
    return "\n\n".join(writer.blocks)


def html_to_text(html: str) -> str:
    """A plain-text rendering of stored HTML, for exports, search and page descriptions."""
    if not html:
        return ""
    text = re.sub(r"<li[^>]*>", "\n- ", html)
    text = re.sub(r"</(p|ul|ol|h[34])>", "\n\n", text)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = unescape(nh3.clean(text, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
