"""The text of a generated document in each format, for checking what it says."""

import io
import re
import zipfile
from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "svg"):
            self.skip -= 1
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "tr"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def html_text(content: bytes) -> str:
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    return normalise("".join(parser.parts))


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return normalise("\n".join(page.extract_text() or "" for page in reader.pages))


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return normalise("\n".join(parts))


def odt_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("content.xml").decode("utf-8")
    xml = re.sub(r"<text:(line-break|tab|s)\b[^>]*/>", " ", xml)
    xml = re.sub(r"</text:(p|h)>", "\n", xml)
    text = re.sub(r"<[^>]+>", "", xml)
    from html import unescape

    return normalise(unescape(text))


EXTRACTORS = {"html": html_text, "pdf": pdf_text, "docx": docx_text, "odt": odt_text}
