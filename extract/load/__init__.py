"""file -> pages. ``load_document`` reads a PDF, text or HTML file into the page model.

The file's type is sniffed from its bytes, not trusted from its name: an HTML
error page saved as ``.pdf`` is named as such. Every problem that stops a file
from being read raises ``UnreadableInput`` with a one-line reason and a hint.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..errors import NeedsOCR, UnreadableInput
from . import progress, quality, stamps
from .doubled import undouble
from .html import pages_from_html
from .model import Document, Line, Page
from .text import pages_from_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_BYTES = 500 * 1024 * 1024  # a larger file is refused rather than read into memory
NEEDS_OCR_SHARE = 0.5  # more than this share of pages unreadable: the document needs OCR

# Hook for OCR (``extract.load.ocr``): given the document and the pages that need it, returns the pages re-read.
OcrHook = Callable[[str, list[Page], dict], list[Page]]


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sniff(path: str | Path) -> str:
    """``pdf``, ``html`` or ``text`` from the file's first bytes, or raise ``UnreadableInput``."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInput(p, "no such file")
    if p.is_dir():
        raise UnreadableInput(p, "is a folder, not a file", "pass the files inside it, or use ingest for folders")
    check_regular(p)
    size = p.stat().st_size
    if size == 0:
        raise UnreadableInput(p, "empty file (0 bytes)", "download it again or remove it from the batch")
    if size > MAX_BYTES:
        raise UnreadableInput(p, f"file too large ({size // (1024 * 1024)} MB)", "split it or raise the limit")
    try:
        with open(p, "rb") as fh:
            head = fh.read(2048)
    except PermissionError:
        raise UnreadableInput(p, "permission denied", "check the file's permissions") from None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    looks_html = lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in lowered[:512]
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        if looks_html:
            raise UnreadableInput(p, "not a PDF: it is an HTML page (perhaps an error page saved with a .pdf name)",
                                  "download it again or remove it from the batch")
        raise UnreadableInput(p, "not a PDF despite its name (no %PDF header)", "download it again or remove it from the batch")
    if looks_html or suffix in HTML_SUFFIXES:
        return "html"
    if _binary(head):
        kind = _binary_kind(head)
        raise UnreadableInput(p, f"unsupported file type ({kind})", "convert it to PDF, text or HTML")
    if suffix in TEXT_SUFFIXES or suffix == "" or True:
        return "text"


_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
            (stat.S_ISSOCK, "a socket"))


def special_kind(path: str | Path) -> str | None:
    """What ``path`` (links followed) is when it is not a regular file or folder: "a named pipe", ...; else None.

    Reading one would wait forever (a pipe) or never end (``/dev/zero``), so papers are read only
    from regular files."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _SPECIAL if test(mode)), "not a regular file")


def check_regular(path: str | Path) -> None:
    """Raise ``UnreadableInput`` for a pipe, a device or a socket (see ``special_kind``)."""
    kind = special_kind(path)
    if kind:
        raise UnreadableInput(path, f"not a regular file ({kind}): only regular files are read",
                              "remove it from the folder or pass the file itself")


def _binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 4  # a multi-byte character cut at the end is fine


def _binary_kind(head: bytes) -> str:
    for magic, kind in ((b"PK\x03\x04", "a ZIP archive or Office document"), (b"\x89PNG", "a PNG image"),
                        (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
                        (b"{\\rtf", "an RTF document")):
        if head.startswith(magic):
            return kind
    return "binary data"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_page_range(spec: Optional[str], count: int) -> Optional[list[int]]:
    """"1-3,7" -> [1, 2, 3, 7] (1-based, within the document); None for all pages."""
    if not spec:
        return None
    wanted: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        first, _, last = part.partition("-")
        try:
            lo = int(first)
            hi = int(last) if last else lo
        except ValueError:
            raise ValueError(f"bad page range {spec!r}: use forms like 1-3,7") from None
        if lo < 1 or hi < lo:
            raise ValueError(f"bad page range {spec!r}: pages count from 1, ranges go upwards")
        wanted.update(range(lo, min(hi, count) + 1))
    return sorted(wanted)


def load_document(path: str | Path, password: Optional[str] = None, pages: Optional[str] = None,
                  ocr: str = "never", ocr_hook: Optional[OcrHook] = None,
                  on_page: Optional[Callable[[int, int], None]] = None) -> Document:
    """Read a file into the page model.

    ``ocr``: ``never`` raises ``NeedsOCR`` for scans and garbled layers;
    ``auto`` re-reads only the pages that need it through ``ocr_hook``;
    ``force`` re-reads every page. ``on_page(done, total)`` reports progress.
    """
    p = Path(path)
    kind = sniff(p)
    digest = sha256_of(p)
    if ocr_hook is None and ocr != "never":
        ocr_hook = default_ocr_hook()
    doc = Document(path=str(p), sha256=digest, format=kind)
    if kind == "pdf":
        _load_pdf(doc, password, pages, on_page)
    else:
        data = p.read_bytes()
        text = _decode(data)
        doc.pages = pages_from_html(text) if kind == "html" else pages_from_text(text)
        wanted = parse_page_range(pages, len(doc.pages))
        if wanted is not None:
            doc.pages = [pg for pg in doc.pages if pg.number in wanted]
        for pg in doc.pages:
            for line in pg.lines:
                line.text = undouble(line.text)
            stamps.annotate(pg)
        if not any(line.text.strip() for pg in doc.pages for line in pg.lines):
            raise UnreadableInput(p, "no text in this file", "check it is the document you meant")
    _check_quality(doc, ocr, ocr_hook)
    return doc


def _load_pdf(doc: Document, password: Optional[str], pages: Optional[str],
              on_page: Optional[Callable[[int, int], None]]) -> None:
    from . import pdf as pdf_loader

    pdf = pdf_loader.open_pdf(doc.path, password)
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableInput(doc.path, "PDF with no pages", "download it again or remove it from the batch")
        try:
            doc.metadata = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        except Exception:  # metadata is a nicety; a broken info dict must not stop the read
            doc.metadata = {}
        doc.metadata["page_count"] = count
        wanted = parse_page_range(pages, count) or list(range(1, count + 1))
        for done, number in enumerate(wanted, 1):
            try:
                page = pdf_loader.read_page(pdf, number - 1)
            except Exception as exc:  # one broken page must not lose the rest
                doc.warnings.append(f"page {number}: unreadable ({exc.__class__.__name__}); left empty")
                page = Page(number=number, text_source="none")
            doc.pages.append(stamps.annotate(page))
            if on_page:
                on_page(done, len(wanted))
            progress.report("reading", done, len(wanted))
    finally:
        pdf.close()


def default_ocr_hook() -> Optional[OcrHook]:
    """Tesseract through ``extract.load.ocr`` where it is installed, else None (scans then need OCR)."""
    try:
        from .ocr import ocr_pages
    except ImportError:
        return None
    return ocr_pages  # type: ignore[no-any-return]


def _check_quality(doc: Document, ocr: str, ocr_hook: Optional[OcrHook]) -> None:
    """Judge every page; OCR what needs it, or say the document needs OCR."""
    if doc.format != "pdf" and ocr != "force":
        return
    verdicts = {pg.number: quality.judge(pg) for pg in doc.pages}
    bad = [pg for pg in doc.pages if verdicts[pg.number].status in ("no_text", "garbled")]
    if ocr == "force":
        bad = list(doc.pages)
    if bad and ocr != "never" and ocr_hook is not None:
        reasons = {pg.number: ("forced" if ocr == "force" else verdicts[pg.number].status) for pg in bad}
        redone = {pg.number: pg for pg in ocr_hook(doc.path, bad, reasons)}
        doc.pages = [redone.get(pg.number, pg) for pg in doc.pages]
        return
    if not bad:
        return
    scanned = [pg.number for pg in bad if verdicts[pg.number].status == "no_text"]
    garbled = [pg.number for pg in bad if verdicts[pg.number].status == "garbled"]
    readable = [pg for pg in doc.pages if verdicts[pg.number].status == "good"]
    if not readable or len(bad) > NEEDS_OCR_SHARE * len(doc.pages):
        if len(garbled) >= len(scanned):
            raise NeedsOCR(doc.path, f"garbled text layer on {len(garbled)} of {len(doc.pages)} pages "
                                     "(the font's character map is broken): needs OCR", "run with --ocr auto")
        raise NeedsOCR(doc.path, f"no text layer on {len(scanned)} of {len(doc.pages)} pages (a scan): needs OCR",
                       "run with --ocr auto")
    for number in scanned:
        doc.warnings.append(f"page {number}: no text layer (an image); its text is missing")
    for number in garbled:
        doc.warnings.append(f"page {number}: garbled text layer; its text is unreliable")
    for pg in bad:
        pg.text_source = "none"


def iter_lines(doc: Document) -> Iterable[tuple[Page, Line]]:
    for page in doc.pages:
        for line in page.lines:
            yield page, line


__all__ = ["Document", "Page", "Line", "load_document", "sniff", "sha256_of", "parse_page_range", "iter_lines"]
