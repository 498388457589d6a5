"""The document model every report is built into and every format renders.

A report builder (``reports/builders/``) reads the data and produces a :class:`Document`: a
title and a list of blocks — headings, paragraphs of text runs, lists, tables, charts and
notes — with every figure, date and label already written in the document's language. A
renderer (``reports/renderers/``) turns a Document into HTML, PDF, DOCX or ODT and knows
nothing about plans.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Run:
    """A stretch of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def runs(*parts) -> list[Run]:
    """``runs("plain ", Run("bold", bold=True))`` → a list of runs (strings become plain)."""
    return [part if isinstance(part, Run) else Run(str(part)) for part in parts if part != ""]


@dataclass
class Heading:
    level: int  # 1 to 3
    text: str
    anchor: str = ""
    numbered: str = ""  # e.g. "1.2", shown before the text


@dataclass
class Paragraph:
    runs: list[Run]
    style: str = ""  # "", "lead", "note", "small"


@dataclass
class ListItem:
    runs: list[Run]
    children: list["ListItem"] = field(default_factory=list)


@dataclass
class BulletList:
    items: list[ListItem]
    ordered: bool = False


# A table cell holds blocks (paragraphs and lists).
Cell = list


@dataclass
class Table:
    header: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    numeric: frozenset = frozenset()  # indexes of right-aligned (figure) columns
    widths: list[int] | None = None   # relative widths
    row_headers: bool = False         # the first column names its row


@dataclass
class Series:
    name: str
    values: list[float | None]
    labels: list[str]  # the values as the document writes them ("84.965,00 €", "sense dades")


@dataclass
class Chart:
    """A bar chart (one or two series per category). ``description`` is its text
    alternative; the same figures always appear in a table nearby."""

    title: str
    categories: list[str]
    series: list[Series]
    description: str
    maximum: float | None = None  # fixed top of the scale (e.g. 100 for percentages)


@dataclass
class Note:
    runs: list[Run]
    marker: str = ""  # e.g. "¹" or "(*)"


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """Where the table of contents goes (formats that can number pages fill it in)."""

    title: str


Block = Heading | Paragraph | BulletList | Table | Chart | Note | PageBreak | Contents


@dataclass
class Document:
    title: str
    language: str
    blocks: list
    subtitle: str = ""
    header: str = ""   # running header: plan and year
    author: str = ""   # the organisation
    footer: str = ""

    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]


# Stored rich text (the sanitised HTML subset of core.richtext) as blocks --------------------

class _RichTextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list = []
        self.current: list[Run] | None = None
        self.styles = {"bold": 0, "italic": 0}
        self.href: str | None = None
        self.lists: list[tuple[BulletList | ListItem, bool]] = []
        self.item_stack: list[ListItem] = []

    def _run_target(self) -> list[Run]:
        if self.item_stack:
            return self.item_stack[-1].runs
        if self.current is None:
            self.current = []
        return self.current

    def _flush(self) -> None:
        if self.current:
            text = "".join(r.text for r in self.current).strip()
            if text:
                self.blocks.append(Paragraph(self.current))
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3", "h4"):
            self._flush()
            self.current = []
        elif tag == "br":
            self._run_target().append(Run("\n"))
        elif tag in ("strong", "b"):
            self.styles["bold"] += 1
        elif tag in ("em", "i"):
            self.styles["italic"] += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag in ("ul", "ol"):
            if not self.item_stack:
                self._flush()
                bullet_list = BulletList(items=[], ordered=tag == "ol")
                self.blocks.append(bullet_list)
                self.lists.append((bullet_list, True))
            else:
                self.lists.append((self.item_stack[-1], False))
        elif tag == "li":
            item = ListItem(runs=[])
            container, is_list = self.lists[-1] if self.lists else (None, True)
            if container is None:
                return
            if is_list:
                container.items.append(item)
            else:
                container.children.append(item)
            self.item_stack.append(item)

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4"):
            if tag != "p" and self.current:
                for run in self.current:
                    run.bold = True
            self._flush()
        elif tag in ("strong", "b"):
            self.styles["bold"] = max(0, self.styles["bold"] - 1)
        elif tag in ("em", "i"):
            self.styles["italic"] = max(0, self.styles["italic"] - 1)
        elif tag == "a":
            self.href = None
        elif tag == "li" and self.item_stack:
            self.item_stack.pop()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        if not data:
            return
        if not self.item_stack and self.current is None and not data.strip():
            return
        self._run_target().append(Run(data, bold=bool(self.styles["bold"]),
                                      italic=bool(self.styles["italic"]), href=self.href))


def blocks_from_html(html: str) -> list:
    """Paragraphs and lists of a stored rich text (empty list for empty text)."""
    if not html or not html.strip():
        return []
    reader = _RichTextReader()
    reader.feed(html)
    reader.close()
    reader._flush()
    return reader.blocks


def text_of(blocks: list) -> str:
    """All the text of some blocks (for searching and for tests)."""
    parts = []
    for block in blocks:
        if isinstance(block, (Paragraph, Note)):
            parts.append("".join(r.text for r in block.runs))
        elif isinstance(block, Heading):
            parts.append(f"{block.numbered} {block.text}".strip())
        elif isinstance(block, BulletList):
            stack = list(block.items)
            while stack:
                item = stack.pop(0)
                parts.append("".join(r.text for r in item.runs))
                stack[0:0] = item.children
        elif isinstance(block, Table):
            parts.append(" ".join(block.header))
            for row in block.rows:
                for cell in row:
                    parts.append(text_of(cell))
        elif isinstance(block, Chart):
            parts.append(block.title)
    return "\n".join(parts)
