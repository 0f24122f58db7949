"""What kind of file page bytes are, when they are not a page: PDF, Word/Excel/WPS, OFD, images.

Many bodies publish their report as a file only (Beijing districts publish mostly PDFs, domain.md
§8.5), and a 年报 column links the file as the report itself. The crawler stores it as fetched;
the parser reads HTML and text only. Decoding such bytes as text would give mojibake and a
"not an annual report" verdict; recognising the file by its leading bytes lets the report say
what it is instead. Pure: bytes in, a name out.
"""

from __future__ import annotations

# (leading bytes, what the file is). Checked in order; the first match wins.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    # OLE2 compound file: .doc, .xls, .wps and .et of Office 97-2003 and WPS
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel/WPS (OLE2)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
)
# A ZIP container is named by the part names inside it (stored uncompressed in its local headers).
_ZIP_PARTS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "Word (docx)"),
    (b"xl/", "Excel (xlsx)"),
    (b"OFD.xml", "OFD"),
    (b"Doc_0/", "OFD"),
    (b"ppt/", "PowerPoint (pptx)"),
)


def document_kind(data: bytes) -> str | None:
    """The kind of file `data` is when it is a document or image rather than a page, else None.

    A UTF-8 BOM or leading whitespace never precede these signatures, so a page that merely
    mentions "%PDF-" is still a page.

    >>> document_kind(b"%PDF-1.7\\n%\\xe2\\xe3"), document_kind(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1\\x00")
    ('PDF', 'Word/Excel/WPS (OLE2)')
    >>> document_kind(b"PK\\x03\\x04\\x14\\x00\\x06\\x00" + b"\\x00" * 22 + b"[Content_Types].xmlPK\\x03\\x04word/document.xml")
    'Word (docx)'
    >>> document_kind(b"PK\\x03\\x04" + b"\\x00" * 26 + b"OFD.xml"), document_kind(b"PK\\x03\\x04junk")
    ('OFD', 'ZIP archive')
    >>> document_kind(b"<html><body>%PDF-</body></html>") is None, document_kind(b"BMW is not a bitmap") is None
    (True, True)
    """
    if data[:4] == b"PK\x03\x04":
        head = data[:65536]
        for part, kind in _ZIP_PARTS:
            if part in head:
                return kind
        return "ZIP archive"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"BM" and not _bmp_header(data):
                continue
            return kind
    return None


def _bmp_header(data: bytes) -> bool:
    """"BM" starts plenty of text ("BMW…"): a bitmap's header also gives its own size and a
    pixel-data offset inside the file."""
    if len(data) < 26:
        return False
    size = int.from_bytes(data[2:6], "little")
    offset = int.from_bytes(data[10:14], "little")
    return data[6:10] == b"\x00\x00\x00\x00" and 14 <= offset < max(size, 15)
