"""Files that cannot be read as a plan's document are refused with a clear message, and
quickly: too large, of another kind, damaged, a zip that would unpack into too much, a PDF
with a password or too many pages."""

import io
import zipfile

from django.test import SimpleTestCase
from pypdf import PdfWriter

from exchange.documents import MAX_BYTES, DocumentError, draft_from_file
from exchange.documents.readers import pdf
from exchange.tests.document_files import docx_from_text


class RefusedFileTests(SimpleTestCase):
    def refused(self, data: bytes, filename: str) -> str:
        with self.assertRaises(DocumentError) as caught:
            draft_from_file(data, filename)
        return " ".join(caught.exception.messages)

    def test_another_kind_of_file(self):
        self.assertIn("plan.xlsx", self.refused(b"PK\x03\x04", "plan.xlsx"))

    def test_too_large(self):
        message = self.refused(b"x" * (MAX_BYTES + 1), "pla.txt")
        self.assertIn("20", message)

    def test_empty(self):
        self.refused(b"", "pla.txt")
        self.refused(b"\n\n  \n", "pla.md")

    def test_not_a_word_document(self):
        self.refused(b"just some text", "pla.docx")
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as handle:
            handle.writestr("hello.txt", "hello")
        self.refused(archive.getvalue(), "pla.docx")

    def test_a_damaged_word_document(self):
        data = docx_from_text("Pla de treball 2024\n\n1. Fer una cosa.\n")
        damaged = data[: len(data) // 2]
        self.refused(damaged, "pla.docx")

    def test_a_word_document_that_would_unpack_into_too_much(self):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
            handle.writestr("[Content_Types].xml", "<Types/>")
            handle.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
        self.assertLess(len(archive.getvalue()), 50_000)
        self.assertIn("un cop descomprimit", self.refused(archive.getvalue(), "bomb.docx"))

    def test_not_a_pdf(self):
        with self.assertLogs("pypdf", "WARNING"):
            self.refused(b"%PDF-1.7 but nothing else", "pla.pdf")

    def test_a_pdf_with_a_password(self):
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        writer.encrypt("secret")
        output = io.BytesIO()
        writer.write(output)
        self.refused(output.getvalue(), "pla.pdf")

    def test_a_pdf_with_too_many_pages(self):
        writer = PdfWriter()
        for _ in range(pdf.MAX_PAGES + 1):
            writer.add_blank_page(100, 100)
        output = io.BytesIO()
        writer.write(output)
        self.assertIn(str(pdf.MAX_PAGES), self.refused(output.getvalue(), "pla.pdf"))

    def test_a_pdf_without_text(self):
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        output = io.BytesIO()
        writer.write(output)
        self.assertIn("OCR", self.refused(output.getvalue(), "escanejat.pdf"))

    def test_text_in_another_encoding_is_read(self):
        draft = draft_from_file("Pla de treball 2024\n\n- Acció\n".encode("cp1252"), "pla.txt")
        self.assertEqual(draft.document["plan"]["title"], "Pla de treball 2024")
