"""Word and PDF files made from a plain-text plan document, for the tests of reading them:
headings as Word headings, numbered and bulleted lists as Word lists (numbered lists keep
their numbers, restarting where the text restarts them), tables as real tables."""

import io
import re
from html import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from exchange.documents.blocks import html_lines, is_bold_cell
from exchange.documents.readers.text import blocks_from_text

_NUMBERED = re.compile(r"^([1-9]\d{0,2})\.\s+(.*)$")


def docx_from_text(text: str) -> bytes:
    document = Document()
    numbered = _NumberedLists(document)
    for block in blocks_from_text(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "table":
            _table(document, block.rows)
        elif block.marker:
            style = "List Bullet" if block.level == 0 else f"List Bullet {min(block.level + 1, 3)}"
            document.add_paragraph(block.text, style=style)
        elif _NUMBERED.match(block.text):
            number, rest = _NUMBERED.match(block.text).groups()
            paragraph = document.add_paragraph(rest, style="List Number")
            numbered.number(paragraph, int(number), block.level)
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.italic = block.emphasis
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


class _NumberedLists:
    """A new Word list (a ``w:num`` starting at the given number) wherever the numbers of the
    text do not follow on."""

    def __init__(self, document):
        self.numbering = document.part.numbering_part.element
        style = document.styles["List Number"].element
        self.abstract = None
        num_pr = style.find(qn("w:pPr")).find(qn("w:numPr"))
        base_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        for num in self.numbering.iterchildren(qn("w:num")):
            if num.get(qn("w:numId")) == base_id:
                self.abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        self.last: dict[int, tuple[str, int]] = {}
        self.next_id = 1000

    def number(self, paragraph, number: int, level: int) -> None:
        current = self.last.get(level)
        if current is None or current[1] + 1 != number:
            num = OxmlElement("w:num")
            num.set(qn("w:numId"), str(self.next_id))
            abstract = OxmlElement("w:abstractNumId")
            abstract.set(qn("w:val"), self.abstract)
            num.append(abstract)
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(level))
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), str(number))
            override.append(start)
            num.append(override)
            self.numbering.append(num)
            current = (str(self.next_id), number - 1)
            self.next_id += 1
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), current[0])
        num_pr.append(ilvl)
        num_pr.append(num_id)
        paragraph._p.get_or_add_pPr().append(num_pr)
        self.last[level] = (current[0], number)


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, table_row in zip(rows, table.rows, strict=True):
        cells = table_row.cells
        for c in range(width):
            value = row[c] if c < len(row) else ""
            cell = cells[c]
            lines = html_lines(value)
            bold = is_bold_cell(value)
            first = True
            for line in lines:
                item = re.match(r"^(\s*)- (.*)$", line)
                if first:
                    paragraph = cell.paragraphs[0]
                    first = False
                    if item:
                        paragraph.style = document.styles["List Bullet"]
                else:
                    paragraph = cell.add_paragraph(style="List Bullet" if item else None)
                run = paragraph.add_run(item.group(2) if item else line)
                run.bold = bold


def html_from_text(text: str) -> str:
    """A simple HTML page of the text (headings, paragraphs, lists, tables), to print."""
    parts = ["<html lang='ca'><head><meta charset='utf-8'><style>"
             "body{font-family:'DejaVu Sans';font-size:9pt} table{border-collapse:collapse}"
             "td{border:1px solid #999;vertical-align:top;padding:2pt}</style></head><body>"]
    for block in blocks_from_text(text):
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif block.kind == "table":
            parts.append("<table>")
            for row in block.rows:
                cells = "".join(
                    f"<td>{'<br>'.join(escape(line) for line in html_lines(cell))}</td>"
                    for cell in row)
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
        elif block.marker:
            parts.append(f"<ul><li>{escape(block.text)}</li></ul>")
        else:
            parts.append(f"<p>{escape(block.text)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def pdf_from_text(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_from_text(text)).write_pdf()

