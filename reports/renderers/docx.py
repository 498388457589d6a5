"""A report as a Word document (DOCX): real headings, lists and tables, so the technician can
finish it in Word or LibreOffice; charts as pictures next to the same figures in tables."""

import io

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSION = "docx"
BRAND = RGBColor(0x0B, 0x55, 0x63)
MUTED = RGBColor(0x4A, 0x55, 0x60)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES…) that the word processor computes."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, placeholder, end):
        run._r.append(element)


def _hyperlink(paragraph, text: str, url: str, bold: bool, italic: bool) -> None:
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B5563")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    if bold:
        properties.append(OxmlElement("w:b"))
    if italic:
        properties.append(OxmlElement("w:i"))
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _add_runs(paragraph, items: list[Run], *, size: Pt | None = None, colour=None) -> None:
    for item in items:
        pieces = item.text.split("\n")
        if item.href:
            _hyperlink(paragraph, item.text.replace("\n", " "), item.href, item.bold,
                       item.italic)
            continue
        for index, piece in enumerate(pieces):
            run = paragraph.add_run(piece)
            run.bold, run.italic = item.bold or None, item.italic or None
            if size:
                run.font.size = size
            if colour:
                run.font.color.rgb = colour
            if index < len(pieces) - 1:
                run.add_break()


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


class DocxRenderer:
    def __init__(self, document: Document):
        self.source = document
        self.word = WordDocument()
        self._setup()

    def _setup(self) -> None:
        word, source = self.word, self.source
        properties = word.core_properties
        properties.title, properties.author = source.title, source.author or "Teixit"
        properties.language = source.language
        normal = word.styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(10.5)
        for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 12.5),
                           ("Heading 3", 11)):
            style = word.styles[name]
            style.font.name = "Liberation Sans"
            style.font.size = Pt(size)
            style.font.color.rgb = BRAND
        section = word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        _add_runs(header, [Run(source.header)], size=Pt(8), colour=MUTED)
        footer = section.footer.paragraphs[0]
        _add_runs(footer, [Run(f"{source.author}\t\t")], size=Pt(8), colour=MUTED)
        footer.add_run(_("Page") + " ").font.size = Pt(8)
        _field(footer, "PAGE")
        footer.add_run(" / ").font.size = Pt(8)
        _field(footer, "NUMPAGES")
        first = section.first_page_footer.paragraphs[0]
        _add_runs(first, [Run(source.author)], size=Pt(8), colour=MUTED)

    def render(self) -> bytes:
        word, source = self.word, self.source
        word.add_paragraph(source.title, style="Title")
        if source.subtitle:
            _add_runs(word.add_paragraph(), [Run(source.subtitle)], colour=MUTED)
        for block in source.blocks:
            self.block(block, word)
        if source.footer:
            _add_runs(word.add_paragraph(), [Run(source.footer)], size=Pt(8), colour=MUTED)
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()

    def block(self, block, container) -> None:
        if isinstance(block, Heading):
            text = f"{block.numbered} {block.text}".strip()
            container.add_paragraph(text, style=f"Heading {min(block.level, 3)}")
        elif isinstance(block, Paragraph):
            paragraph = container.add_paragraph()
            small = Pt(9) if block.style in ("note", "small") else None
            _add_runs(paragraph, block.runs, size=small,
                      colour=MUTED if block.style == "note" else None)
        elif isinstance(block, BulletList):
            self.items(block.items, container, 1, block.ordered)
        elif isinstance(block, Table):
            self.table(block, container)
        elif isinstance(block, Chart):
            width, _height = charts.png_size_cm(block)
            container.add_picture(io.BytesIO(charts.png(block)), width=Cm(width))
            self.caption(container, block.title)
        elif isinstance(block, Note):
            paragraph = container.add_paragraph()
            marker = [Run(block.marker + " ")] if block.marker else []
            _add_runs(paragraph, marker + block.runs, size=Pt(8.5), colour=MUTED)
        elif isinstance(block, PageBreak):
            container.add_page_break()
        elif isinstance(block, Contents):
            container.add_paragraph(block.title, style="Heading 1")
            for heading in self.source.headings():
                if heading.level <= 2:
                    text = f"{heading.numbered} {heading.text}".strip()
                    paragraph = container.add_paragraph(text)
                    paragraph.paragraph_format.left_indent = Cm(0.6 * (heading.level - 1))
                    paragraph.paragraph_format.space_after = Pt(1)

    def caption(self, container, text: str) -> None:
        paragraph = container.add_paragraph(text, style="Caption")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def items(self, items: list[ListItem], container, depth: int, ordered: bool) -> None:
        base = "List Number" if ordered else "List Bullet"
        style = base if depth == 1 else f"{base} {min(depth, 3)}"
        for item in items:
            paragraph = container.add_paragraph(style=style)
            _add_runs(paragraph, item.runs)
            if item.children:
                self.items(item.children, container, depth + 1, ordered)

    def table(self, table: Table, container) -> None:
        if table.caption:
            self.caption(container, table.caption)
        columns = len(table.header) or max((len(r) for r in table.rows), default=1)
        word_table = container.add_table(rows=0, cols=columns)
        word_table.style = "Table Grid"
        word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
        if table.header:
            row = word_table.add_row()
            _repeat_header(row)
            for index, text in enumerate(table.header):
                paragraph = row.cells[index].paragraphs[0]
                _add_runs(paragraph, [Run(text, bold=True)])
                if index in table.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for cells in table.rows:
            row = word_table.add_row()
            for index, blocks in enumerate(cells):
                cell = row.cells[index]
                self.cell(cell, blocks, numeric=index in table.numeric,
                          bold=table.row_headers and index == 0)
        widths = table.widths or [1] * columns
        total = sum(widths)
        word_table.autofit = False
        for index, width in enumerate(widths[:columns]):
            column = word_table.columns[index]
            column.width = Cm(17 * width / total)  # the grid, which LibreOffice follows
            for cell in column.cells:
                cell.width = Cm(17 * width / total)
        container.add_paragraph()

    def cell(self, cell, blocks, *, numeric: bool, bold: bool) -> None:
        first = cell.paragraphs[0]
        for position, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                paragraph = first if position == 0 else cell.add_paragraph()
                _add_runs(paragraph, [Run(r.text, bold=r.bold or bold, italic=r.italic,
                                          href=r.href) for r in block.runs])
                if numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif isinstance(block, BulletList):
                if position == 0:
                    first._p.getparent().remove(first._p)
                self.items(block.items, cell, 1, block.ordered)
            else:
                self.block(block, cell)


def render(document: Document) -> bytes:
    return DocxRenderer(document).render()


def label() -> str:
    return _("Word document (DOCX)")
