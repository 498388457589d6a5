"""A report as an OpenDocument text (ODT), the open format Catalan administrations use:
outline headings, lists, tables with repeated header rows, charts as pictures, and a footer
with the page number."""

import io

from django.utils.translation import gettext as _
from odf import dc
from odf.draw import Frame
from odf.draw import Image as DrawImage
from odf.opendocument import OpenDocumentText
from odf.style import (
    Footer,
    GraphicProperties,
    Header,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    H,
    List,
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    P,
    PageCount,
    PageNumber,
    Span,
)
from odf.text import (
    ListItem as OdfListItem,
)

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

CONTENT_TYPE = "application/vnd.oasis.opendocument.text"
EXTENSION = "odt"
FONT = "Liberation Sans"
BRAND = "#0b5563"
MUTED = "#4a5560"


class OdtRenderer:
    def __init__(self, document: Document):
        self.source = document
        self.odt = OpenDocumentText()
        self.tables = 0
        self.pictures = 0
        self._styles()

    # styles -------------------------------------------------------------------------------

    def _paragraph_style(self, name: str, display: str, *, size: str, bold=False,
                         colour=None, outline: int | None = None, above="0cm", below="0.2cm",
                         automatic=False, align=None, keep_with_next=False) -> Style:
        attributes = {"name": name, "displayname": display, "family": "paragraph"}
        if outline:
            attributes["defaultoutlinelevel"] = str(outline)
        style = Style(**attributes)
        paragraph = {"margintop": above, "marginbottom": below}
        if align:
            paragraph["textalign"] = align
        if keep_with_next:
            paragraph["keepwithnext"] = "always"
        style.addElement(ParagraphProperties(**paragraph))
        text = {"fontsize": size, "fontfamily": FONT, "language": self.source.language,
                "country": "ES"}
        if bold:
            text["fontweight"] = "bold"
        if colour:
            text["color"] = colour
        style.addElement(TextProperties(**text))
        (self.odt.automaticstyles if automatic else self.odt.styles).addElement(style)
        return style

    def _styles(self) -> None:
        odt, language = self.odt, self.source.language
        self.body = self._paragraph_style("Standard", "Standard", size="10.5pt")
        self.title = self._paragraph_style("Title", "Title", size="22pt", bold=True,
                                           colour=BRAND, below="0.3cm")
        self.subtitle = self._paragraph_style("Subtitle", "Subtitle", size="11pt",
                                              colour=MUTED, below="0.5cm")
        self.headings = {
            level: self._paragraph_style(f"Heading_20_{level}", f"Heading {level}", size=size,
                                         bold=True, colour=BRAND, outline=level,
                                         above="0.45cm", below="0.2cm", keep_with_next=True)
            for level, size in ((1, "15pt"), (2, "12.5pt"), (3, "11pt"))}
        self.note = self._paragraph_style("Note", "Note", size="8.5pt", colour=MUTED)
        self.caption = self._paragraph_style("Caption", "Caption", size="9pt", colour=MUTED,
                                             above="0.2cm", keep_with_next=True)
        self.numeric = self._paragraph_style("Numeric", "Numeric", size="10pt", align="end",
                                             below="0cm", automatic=True)
        self.cell_text = self._paragraph_style("TableText", "Table Contents", size="10pt",
                                               below="0.05cm")
        self.small = self._paragraph_style("Small", "Small", size="8pt", colour=MUTED,
                                           automatic=True)
        self.page_break = Style(name="PageBreak", family="paragraph")
        self.page_break.addElement(ParagraphProperties(breakbefore="page"))
        odt.automaticstyles.addElement(self.page_break)
        self.bold = Style(name="Bold", family="text")
        self.bold.addElement(TextProperties(fontweight="bold"))
        self.italic = Style(name="Italic", family="text")
        self.italic.addElement(TextProperties(fontstyle="italic"))
        self.bold_italic = Style(name="BoldItalic", family="text")
        self.bold_italic.addElement(TextProperties(fontweight="bold", fontstyle="italic"))
        for style in (self.bold, self.italic, self.bold_italic):
            odt.automaticstyles.addElement(style)
        self.bullets = ListStyle(name="Bullets")
        self.numbers = ListStyle(name="Numbers")
        for level in range(1, 5):
            bullet = ListLevelStyleBullet(level=level, bulletchar="•" if level % 2 else "–")
            bullet.addElement(ListLevelProperties(spacebefore=f"{0.5 * level}cm",
                                                  minlabelwidth="0.5cm"))
            self.bullets.addElement(bullet)
            number = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            number.addElement(ListLevelProperties(spacebefore=f"{0.5 * level}cm",
                                                  minlabelwidth="0.6cm"))
            self.numbers.addElement(number)
        odt.automaticstyles.addElement(self.bullets)
        odt.automaticstyles.addElement(self.numbers)
        self.table_style = Style(name="Grid", family="table")
        self.table_style.addElement(TableProperties(width="17cm", align="left"))
        odt.automaticstyles.addElement(self.table_style)
        self.cell = Style(name="GridCell", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #c9d2d8",
                                                 padding="0.08cm"))
        odt.automaticstyles.addElement(self.cell)
        self.head_cell = Style(name="GridHead", family="table-cell")
        self.head_cell.addElement(TableCellProperties(border="0.5pt solid #c9d2d8",
                                                      padding="0.08cm",
                                                      backgroundcolor="#f3f6f7"))
        odt.automaticstyles.addElement(self.head_cell)
        self.frame = Style(name="Chart", family="graphic")
        self.frame.addElement(GraphicProperties(anchortype="as-char", verticalpos="top",
                                                wrap="none"))
        odt.automaticstyles.addElement(self.frame)
        layout = PageLayout(name="A4")
        layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm",
                                               margintop="1.6cm", marginbottom="1.4cm",
                                               marginleft="2cm", marginright="2cm",
                                               printorientation="portrait"))
        odt.automaticstyles.addElement(layout)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        header = Header()
        header.addElement(P(stylename=self.small, text=self.source.header))
        footer = Footer()
        footer_text = P(stylename=self.small, text=f"{self.source.author} · {_('Page')} ")
        footer_text.addElement(PageNumber(selectpage="current"))
        footer_text.addText(" / ")
        footer_text.addElement(PageCount())
        footer.addElement(footer_text)
        master.addElement(header)
        master.addElement(footer)
        odt.masterstyles.addElement(master)
        odt.meta.addElement(dc.Title(text=self.source.title))
        odt.meta.addElement(dc.Language(text=language))
        if self.source.author:
            odt.meta.addElement(dc.Creator(text=self.source.author))

    # content ------------------------------------------------------------------------------

    def runs(self, paragraph, items: list[Run]) -> None:
        for item in items:
            style = (self.bold_italic if item.bold and item.italic else self.bold if item.bold
                     else self.italic if item.italic else None)
            pieces = item.text.split("\n")
            for index, piece in enumerate(pieces):
                if item.href:
                    link = A(type="simple", href=item.href)
                    link.addElement(Span(stylename=style, text=piece) if style else
                                    Span(text=piece))
                    paragraph.addElement(link)
                elif style is not None:
                    paragraph.addElement(Span(stylename=style, text=piece))
                else:
                    paragraph.addText(piece)
                if index < len(pieces) - 1:
                    from odf.text import LineBreak

                    paragraph.addElement(LineBreak())

    def render(self) -> bytes:
        text = self.odt.text
        text.addElement(P(stylename=self.title, text=self.source.title))
        if self.source.subtitle:
            text.addElement(P(stylename=self.subtitle, text=self.source.subtitle))
        for block in self.source.blocks:
            for element in self.block(block):
                text.addElement(element)
        if self.source.footer:
            text.addElement(P(stylename=self.note, text=self.source.footer))
        buffer = io.BytesIO()
        self.odt.write(buffer)
        return buffer.getvalue()

    def block(self, block) -> list:
        if isinstance(block, Heading):
            level = min(block.level, 3)
            return [H(outlinelevel=level, stylename=self.headings[level],
                      text=f"{block.numbered} {block.text}".strip())]
        if isinstance(block, Paragraph):
            style = self.note if block.style in ("note", "small") else self.body
            paragraph = P(stylename=style)
            self.runs(paragraph, block.runs)
            return [paragraph]
        if isinstance(block, BulletList):
            return [self.list(block.items, block.ordered)]
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, Note):
            paragraph = P(stylename=self.note)
            self.runs(paragraph, ([Run(block.marker + " ")] if block.marker else [])
                      + block.runs)
            return [paragraph]
        if isinstance(block, PageBreak):
            return [P(stylename=self.page_break)]
        if isinstance(block, Contents):
            elements = [H(outlinelevel=1, stylename=self.headings[1], text=block.title)]
            for heading in self.source.headings():
                if heading.level <= 2:
                    label = f"{heading.numbered} {heading.text}".strip()
                    indent = "   " * (heading.level - 1)
                    elements.append(P(stylename=self.body, text=f"{indent}{label}"))
            return elements
        raise TypeError(f"unknown block {block!r}")

    def list(self, items: list[ListItem], ordered: bool, style=None):
        odf_list = List(stylename=style or (self.numbers if ordered else self.bullets))
        for item in items:
            odf_item = OdfListItem()
            paragraph = P(stylename=self.body)
            self.runs(paragraph, item.runs)
            odf_item.addElement(paragraph)
            if item.children:
                odf_item.addElement(self.list(item.children, ordered))
            odf_list.addElement(odf_item)
        return odf_list

    def table(self, table: Table) -> list:
        self.tables += 1
        elements = []
        if table.caption:
            elements.append(P(stylename=self.caption, text=table.caption))
        columns = len(table.header) or max((len(r) for r in table.rows), default=1)
        odf_table = OdfTable(name=f"Taula{self.tables}", stylename=self.table_style)
        widths = table.widths or [1] * columns
        total = sum(widths)
        for index in range(columns):
            column_style = Style(name=f"T{self.tables}C{index}", family="table-column")
            column_style.addElement(TableColumnProperties(
                columnwidth=f"{17 * widths[index] / total:.2f}cm"))
            self.odt.automaticstyles.addElement(column_style)
            odf_table.addElement(TableColumn(stylename=column_style))
        if table.header:
            header_rows = TableHeaderRows()
            row = TableRow()
            for index, text in enumerate(table.header):
                cell = TableCell(stylename=self.head_cell, valuetype="string")
                paragraph = P(stylename=self.numeric if index in table.numeric
                              else self.cell_text)
                paragraph.addElement(Span(stylename=self.bold, text=text))
                cell.addElement(paragraph)
                row.addElement(cell)
            header_rows.addElement(row)
            odf_table.addElement(header_rows)
        for cells in table.rows:
            row = TableRow()
            for index, blocks in enumerate(cells):
                cell = TableCell(stylename=self.cell, valuetype="string")
                bold = table.row_headers and index == 0
                for block in blocks or [Paragraph([Run("")])]:
                    if isinstance(block, Paragraph):
                        paragraph = P(stylename=self.numeric if index in table.numeric
                                      else self.cell_text)
                        self.runs(paragraph, [Run(r.text, bold=r.bold or bold,
                                                  italic=r.italic, href=r.href)
                                              for r in block.runs])
                        cell.addElement(paragraph)
                    else:
                        for element in self.block(block):
                            cell.addElement(element)
                row.addElement(cell)
            odf_table.addElement(row)
        elements.append(odf_table)
        elements.append(P(stylename=self.body))
        return elements

    def chart(self, chart: Chart) -> list:
        self.pictures += 1
        href = self.odt.addPicture(f"Pictures/grafic-{self.pictures}.png", "image/png",
                                   charts.png(chart))
        width, height = charts.png_size_cm(chart)
        frame = Frame(stylename=self.frame, width=f"{width:.2f}cm", height=f"{height:.2f}cm",
                      anchortype="as-char", name=f"Grafic{self.pictures}")
        frame.addElement(DrawImage(href=href))
        holder = P(stylename=self.body)
        holder.addElement(frame)
        return [holder, P(stylename=self.caption, text=chart.title)]


def render(document: Document) -> bytes:
    return OdtRenderer(document).render()


def label() -> str:
    return _("OpenDocument text (ODT)")
