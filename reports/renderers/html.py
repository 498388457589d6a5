"""A report as one standalone HTML page: for the screen, for printing, and as the source of
the PDF (which adds page numbers to the contents and running headers and footers)."""

from html import escape

from django.utils.translation import gettext as _

from reports import charts
from reports.model import (
    BulletList,
    Chart,
    Contents,
    Document,
    Heading,
    ListItem,
    Note,
    PageBreak,
    Paragraph,
    Run,
    Table,
)

CONTENT_TYPE = "text/html; charset=utf-8"
EXTENSION = "html"

STYLE = """
:root { --ink: #1b1f23; --muted: #4a5560; --line: #c9d2d8; --soft: #f3f6f7; --brand: #0b5563; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       line-height: 1.45; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; }
h1 { font-size: 1.7rem; color: var(--brand); margin: .2rem 0; }
h2 { font-size: 1.3rem; color: var(--brand); margin-top: 2rem;
     border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
h4 { font-size: 1rem; margin-top: 1rem; }
.doc-author, .subtitle, .doc-meta { color: var(--muted); margin: .2rem 0; }
.running-header { display: none; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95em; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
table.fixed { table-layout: fixed; }
table.wide { font-size: .8em; }
th, td { overflow-wrap: break-word; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top;
         text-align: left; }
thead th { background: var(--soft); }
tbody th { font-weight: normal; background: #fbfcfc; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td p, th p { margin: 0 0 .3rem; } td ul, th ul { margin: .2rem 0 .2rem 1rem; padding-left: .6rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9em; }
.note { font-size: .9em; color: var(--muted); }
.lead { font-size: 1.05em; }
nav.toc ol { list-style: none; padding-left: 0; } nav.toc ol ol { padding-left: 1.2rem; }
nav.toc a { color: var(--ink); text-decoration: none; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .page-break { break-before: page; }
  h2 { break-after: avoid; } h3, h4 { break-after: avoid; }
  table, figure { break-inside: auto; }
}
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-left { content: string(running); font-size: 8pt; color: #4a5560; }
  @bottom-left { content: string(author); font-size: 8pt; color: #4a5560; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #4a5560; } }
@page :first { @top-left { content: none; } }
@page landscape { size: A4 landscape; }
table.landscape, h2.landscape, h3.landscape, h4.landscape { page: landscape; }
table.wide tr { break-inside: avoid; }
.running-header { string-set: running content(); }
.doc-author { string-set: author content(); }
nav.toc a::after { content: leader('.') target-counter(attr(href), page); }
@media screen { nav.toc a::after { content: none; } }
"""


def render_runs(items: list[Run]) -> str:
    out = []
    for run in items:
        text = escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.href:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _items(items: list[ListItem]) -> str:
    out = []
    for item in items:
        nested = f"<ul>{_items(item.children)}</ul>" if item.children else ""
        out.append(f"<li>{render_runs(item.runs)}{nested}</li>")
    return "".join(out)


def _heading_tag(level: int) -> str:
    return f"h{min(level + 1, 4)}"


class HtmlRenderer:
    def __init__(self, document: Document):
        self.document = document
        self.charts = 0

    def block(self, block) -> str:
        if isinstance(block, Heading):
            tag = _heading_tag(block.level)
            number = f"{escape(block.numbered)} " if block.numbered else ""
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            return f"<{tag}{anchor}>{number}{escape(block.text)}</{tag}>"
        if isinstance(block, Paragraph):
            style = f' class="{block.style}"' if block.style else ""
            return f"<p{style}>{render_runs(block.runs)}</p>"
        if isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            return f"<{tag}>{_items(block.items)}</{tag}>"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            self.charts += 1
            chart_id = f"chart-{self.charts}"
            return (f'<figure>{charts.svg(block, chart_id)}'
                    f"<figcaption>{escape(block.title)}</figcaption></figure>")
        if isinstance(block, Note):
            marker = f"{escape(block.marker)} " if block.marker else ""
            return f'<p class="note">{marker}{render_runs(block.runs)}</p>'
        if isinstance(block, PageBreak):
            return '<div class="page-break"></div>'
        if isinstance(block, Contents):
            return self.contents(block)
        raise TypeError(f"unknown block {block!r}")

    def cell(self, blocks, tag: str, numeric: bool, scope: str = "") -> str:
        classes = ' class="num"' if numeric else ""
        inner = "".join(self.block(b) for b in blocks)
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph) and not blocks[0].style:
            inner = render_runs(blocks[0].runs)
        return f"<{tag}{scope}{classes}>{inner}</{tag}>"

    def table(self, table: Table) -> str:
        caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
        numeric = ' class="num"'
        head = "".join(
            f'<th scope="col"{numeric if i in table.numeric else ""}>{escape(text)}</th>'
            for i, text in enumerate(table.header))
        rows = []
        for row in table.rows:
            cells = []
            for i, cell in enumerate(row):
                header = table.row_headers and i == 0
                cells.append(self.cell(cell, "th" if header else "td", i in table.numeric,
                                       ' scope="row"' if header else ""))
            rows.append(f"<tr>{''.join(cells)}</tr>")
        thead = f"<thead><tr>{head}</tr></thead>" if table.header else ""
        columns = len(table.header) or max((len(r) for r in table.rows), default=0)
        colgroup, classes = "", []
        if table.widths:
            total = sum(table.widths)
            colgroup = "<colgroup>" + "".join(
                f'<col style="width: {100 * w / total:.1f}%">' for w in table.widths) + \
                "</colgroup>"
            classes.append("fixed")
        if columns > 5:
            classes.append("wide")
        if _is_landscape(table):
            classes.append("landscape")  # printed on its own landscape pages
        attributes = f' class="{" ".join(classes)}"' if classes else ""
        return (f"<table{attributes}>{caption}{colgroup}{thead}<tbody>{''.join(rows)}</tbody>"
                f"</table>")

    def contents(self, block: Contents) -> str:
        items, open_sub = [], False
        for heading in self.document.headings():
            if heading.level > 2 or not heading.anchor:
                continue
            label = f"{heading.numbered} {heading.text}".strip()
            link = f'<a href="#{escape(heading.anchor)}">{escape(label)}</a>'
            if heading.level == 1:
                if open_sub:
                    items.append("</ol></li>")
                    open_sub = False
                items.append(f"<li>{link}")
                items.append("<ol>")
                open_sub = True
            else:
                items.append(f"<li>{link}</li>")
        if open_sub:
            items.append("</ol></li>")
        body = "".join(items).replace("<ol></ol>", "")
        return (f'<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">'
                f"{escape(block.title)}</h2><ol>{body}</ol></nav>")

    def page(self) -> str:
        document = self.document
        parts = []
        for index, block in enumerate(document.blocks):
            html = self.block(block)
            following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
            if isinstance(block, Heading) and _is_landscape(following):
                # The heading goes on the landscape page with its table.
                tag = _heading_tag(block.level)
                html = html.replace(f"<{tag}", f'<{tag} class="landscape"', 1)
            parts.append(html)
        body = "".join(parts)
        author = f'<p class="doc-author">{escape(document.author)}</p>' if document.author \
            else ""
        subtitle = f'<p class="subtitle">{escape(document.subtitle)}</p>' \
            if document.subtitle else ""
        footer = f'<footer class="note"><p>{escape(document.footer)}</p></footer>' \
            if document.footer else ""
        return (f'<!DOCTYPE html><html lang="{document.language}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{escape(document.title)}</title><style>{STYLE}</style></head><body>"
                f'<p class="running-header">{escape(document.header)}</p>'
                f"<header>{author}<h1>{escape(document.title)}</h1>{subtitle}</header>"
                f"<main>{body}</main>{footer}</body></html>")


def _is_landscape(block) -> bool:
    if not isinstance(block, Table):
        return False
    columns = len(block.header) or max((len(r) for r in block.rows), default=0)
    return columns > 6


def render(document: Document) -> bytes:
    return HtmlRenderer(document).page().encode("utf-8")


def label() -> str:
    return _("Web page (HTML)")
