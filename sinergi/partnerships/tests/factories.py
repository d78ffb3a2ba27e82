"""Builders of the partnerships tests: minimal PDF and non-PDF uploads."""

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="mou.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def fake_pdf(name="mou.pdf"):
    """A file named like a PDF that is not one (an HTML page renamed)."""
    return SimpleUploadedFile(name, b"<html>bukan pdf</html>", content_type="application/pdf")
