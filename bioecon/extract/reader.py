"""Read a plan document into text: UTF-8 or GB18030/GBK plain text, .docx, .pdf with a text
layer. Offsets reported by the extractor are into the text returned here."""

from __future__ import annotations

from pathlib import Path

from bioecon.errors import InvalidInput, Problem


def read_document(path: Path) -> str:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return _docx(path)
        if suffix == ".pdf":
            return _pdf(path)
        return _text(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise InvalidInput(str(path), [Problem("", "file not found")]) from None
    except InvalidInput:
        raise
    except Exception as error:  # damaged files raise many kinds of errors in the readers
        raise InvalidInput(
            str(path), [Problem("", f"cannot read {suffix or 'file'}: {error}")]
        ) from None


def _text(raw: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(source, [Problem("", "text is neither UTF-8 nor GB18030/GBK")])


def _docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    text = "\n".join(pages)
    if not text.strip():
        raise InvalidInput(
            str(path), [Problem("", "the PDF has no text layer (a scan?): run OCR first")]
        )
    return text
