"""Cell text -> value, unit, RAG and period: the small parsers every KPI table reader shares.

Tables print numbers in many ways ("31%", "2,075", "£12.3m", "(1,234)", "+35.4",
"-£1.3m", "N/A"); a period heading likewise ("Sep-21", "April 2022",
"Q3 2024/25", "Jan 24 – Mar 24", "2021-22"). Keeping these rules here, with the
words in ``patterns/kpis.json``, lets the text reader and the PDF reader agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from ...patterns import load_json
from ..text.dates import month_names, month_number

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"

# one printed number: sign, currency, brackets for negatives, thousands commas, scale and percent
NUMBER = re.compile(
    r"^(?P<sign>[+" + _DASH + r"]\s?)?(?P<cur>[£$€])?\s?(?P<open>\()?(?P<sign2>[+" + _DASH + r"])?(?P<cur2>[£$€])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<close>\))?\s?(?P<scale>m|bn|k|million|billion)?\s?(?P<pct>%|pc|pp)?(?P<close2>\))?$", re.I)
_WS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists of ``patterns/kpis.json`` (lower-case), loaded once."""
    data = load_json("kpis.json")
    return {key: value for key, value in data.items() if not key.startswith("_")}


@dataclass(frozen=True)
class Cell:
    """A parsed cell: the number, its unit, and the RAG it carries (if any)."""

    raw: str
    value: Optional[float]
    unit: Optional[str] = None
    rag: Optional[str] = None
    is_value: bool = False  # a number or a 'no value' marker (N/A, TBC): a cell of the table


class CellLines(str):
    """A cell's text that also knows where each of its lines lies (``lines``: (top, bottom) per line, in points
    from the top of the page): a ruled cell stacking several items ("Pump 2 year 1 of 5" / "Station 1 …" wrapped
    over three lines) beside a cell of their amounts is split into its items by lining the lines up with the
    amounts (``pdf_tables.split_stacked_rows``). Any string operation gives a plain ``str``."""

    lines: tuple[tuple[float, float], ...] = ()

    @classmethod
    def of(cls, text: str, lines: tuple[tuple[float, float], ...]) -> "CellLines":
        cell = cls(text)
        cell.lines = lines
        return cell


class Covered(str):
    """An empty cell that lies under a merged cell (pdfplumber's ``None``): equal to "" everywhere, but a row whose
    label cell is covered shares the label of the row above (a year's cell spanning all its projects)."""


COVERED = Covered("")


_CODE = re.compile(r"^(?:[A-Z]{0,6}[ -]?\d{1,3}(?:\.\d{1,3})*[a-z]?|\d{2,5}(?:-\d{2,5}){1,3})$")


def is_reference_code(text: str) -> bool:
    """A row's reference code ("PI 01", "ASC1", "2.3", "KPI-12") or account number ("08-103", "101-2000-5100"):
    it files an indicator, it does not name it. A year or a span of years ("2023-24") is no code."""
    key = norm(text)
    return bool(_CODE.match(key)) and not parse_period(key) and not re.fullmatch(r"(?:19|20)\d{2}", key)


def norm(text: str) -> str:
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def is_rag_heading(heading: Optional[str]) -> bool:
    """A column heading that says the column holds RAG ratings ("RAG", "R/A/G", "Status", "RAG rating")."""
    key = norm(heading or "").lower().strip(" .:*()[]")
    return bool(key) and key in words().get("rag_columns", [])


def rag_of(text: str, rag_column: bool = False) -> Optional[str]:
    """``red``/``amber``/``green`` when the text is only a RAG rating ("RED", "Amber – Medium Risk").

    A single letter ("R", "A", "G") or letters joined by a slash ("A/G") is a rating only in a column
    headed as one (``rag_column``): elsewhere "A" is a word or a footnote mark."""
    key = norm(text).lower().strip(" .:()[]")
    if not key:
        return None
    table = words()["rag"]
    if key in table and len(key) > 1:
        return str(table[key])
    if rag_column and re.fullmatch(r"[a-z](?:\s*/\s*[a-z])*", key):
        first = key[0]
        return str(table[first]) if first in table else None
    first = re.split(r"\s*[" + _DASH + r"/:(]\s*", key)[0]
    if first in table and len(first) > 1 and len(key) <= 30:
        return str(table[first])
    return None


def rag_in_brackets(text: str) -> Optional[str]:
    """The RAG printed after a value, as in "97% (Green)"."""
    m = re.search(r"\(([A-Za-z]+)\)\s*$", text)
    return rag_of(m.group(1)) if m else None


def is_missing(text: str) -> bool:
    return norm(text).lower() in words()["missing"]


def _without_suffix(text: str) -> tuple[str, Optional[str]]:
    """A cell without the unit word printed after its number (``value_suffixes``), and that word's unit."""
    parts = text.rsplit(" ", 2)
    suffixes = words().get("value_suffixes", {})
    for k in (2, 1):
        if len(parts) > k:
            word = " ".join(parts[-k:]).lower().strip(".")
            if word in suffixes:
                return " ".join(parts[:-k]), str(suffixes[word])
    return text, None


def parse_number(text: str) -> Optional[tuple[float, Optional[str]]]:
    """(value, unit) of a printed number, or None when the text is not one number."""
    t = norm(text).replace(" ,", ",")
    t = re.sub(r"\s*\((?:[A-Za-z]+)\)\s*$", "", t)  # "97% (Green)"
    m = NUMBER.match(t)
    if not m:
        bare, suffix_unit = _without_suffix(t)
        if suffix_unit and bare != t:  # "12.3 days", "45 mins": the number, its unit word printed after it
            number = parse_number(bare)
            return (number[0], suffix_unit) if number and number[1] != "percentage" else None
        return None
    if bool(m.group("open")) != bool(m.group("close") or m.group("close2")):
        return None
    value = float(m.group("num").replace(",", ""))
    negative = bool(m.group("open")) or any(
        (m.group(g) or "").strip() and (m.group(g) or "").strip() != "+" for g in ("sign", "sign2"))
    if negative:
        value = -value
    unit: Optional[str] = "number"
    if m.group("pct"):
        unit = "percentage"
    elif m.group("cur") or m.group("cur2") or m.group("scale"):
        unit = "money" if (m.group("cur") or m.group("cur2")) else "number"
    return value, unit


@lru_cache(maxsize=65536)
def parse_cell(text: str, rag_column: bool = False) -> Cell:
    """A table cell's value: 31% -> 31.0, "(1,234)" -> -1234.0, N/A -> None (still a value cell); in a RAG
    column (``rag_column``) a letter "R"/"A"/"G" is a rating. Cached: tables repeat the same cell texts, and
    the readers ask about each token several times (the ``Cell`` is frozen, so a cached one is safe to share)."""
    raw = norm(text)
    if raw.endswith("P") and raw[:-1].lower() in ("n/a",):  # page-stamp debris glued to the last cell
        raw = raw[:-1]
    number = parse_number(raw)
    if number is None and len(raw) > 1:
        bare = strip_marks(raw)
        if bare != raw:  # "45%*", "1,234¹", "▲ 3.2%", "12,345 r": the value under a footnote mark or an arrow
            inner = parse_cell(bare, rag_column)
            return Cell(raw=raw, value=inner.value, unit=inner.unit, rag=inner.rag, is_value=inner.is_value)
    if number is not None:
        return Cell(raw=raw, value=number[0], unit=number[1], rag=rag_in_brackets(raw), is_value=True)
    if is_missing(raw):
        return Cell(raw=raw, value=None, is_value=True)
    rag = rag_of(raw, rag_column)
    if rag:
        return Cell(raw=raw, value=None, rag=rag, is_value=False)
    return Cell(raw=raw, value=None, is_value=False)


_MARKS = re.compile(r"^[\u2191\u2193\u2190\u2192\u25b2\u25bc\u25ba\u25c4\u2b06\u2b07\u21e7\u21e9\u2197\u2198\u2794\s]+|"
                    r"(?:\s*(?:[*\u2020\u2021\u00a7#\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d{1,2}\]|\s[rpe])|"
                    r"\s*[\u2191\u2193\u2190\u2192\u25b2\u25bc\u25ba\u25c4\u2b06\u2b07\u21e7\u21e9\u2197\u2198\u2794]+)$")


def strip_marks(text: str) -> str:
    """A cell without its footnote marks ("*", "†", "¹", "[2]", " r" revised, " p" provisional) and
    direction-of-travel arrows ("▲", "↓"): what is left is the value. Only a cell's length: a whole line
    of "[1] [1] ..." lost one mark a pass, in time of the square of its length."""
    if len(text) > 80:
        return text
    previous = None
    while previous != text:
        previous, text = text, _MARKS.sub("", text).strip()
    return text


def amount_in_cell(text: str) -> Optional[Cell]:
    """One value from a cell that lists several labelled amounts ("Four Oaks £200 … Total= £750").

    The printed total where there is one, else the only amount; None for prose or
    several amounts without a total (which one would be a guess).
    """
    raw = norm(text)
    amounts = list(re.finditer(r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:m|bn|k)\b)?", raw))
    # "Budget £000": a scale marker in a heading, not an amount
    amounts = [a for a in amounts if not re.fullmatch(r"[£$€]\s?'?000s?", a.group(0))
               or re.search(r"[\d,.]", raw[a.end():a.end() + 1] or "")]
    if not amounts:
        return None
    totals = "|".join(re.escape(w) for w in words()["total_words"])
    total = re.search(r"\b(?:" + totals + r")\b\s*[=:\-–]?\s*([£$€]\s?\d[\d,]*(?:\.\d+)?)", raw, re.I)
    if total:
        number = parse_number(total.group(1).replace(" ", ""))
        if number:
            return Cell(raw=raw, value=number[0], unit="money", is_value=True)
    if len(amounts) == 1:
        rest = (raw[:amounts[0].start()] + raw[amounts[0].end():]).strip(" -–=:")
        if len(rest.split()) <= 4 and not re.search(r"[.;]\s", rest):  # "Vesey Ward £3098.50": a label and the amount
            number = parse_number(amounts[0].group(0).replace(" ", ""))
            if number:
                return Cell(raw=raw, value=number[0], unit="money", is_value=True)
    return None


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """"Target: 97%, Floor: 90%" -> [("Target", "97%"), ("Floor", "90%")]; [] when the cell has no such labels."""
    raw = norm(text)
    pairs = []
    for m in re.finditer(r"([A-Za-z][A-Za-z ./&'()-]{0,40}?)\s*:\s*((?:[^,;:]|,(?=\d{3}))+?)(?=\s*(?:[,;](?!\d{3})|$|\s[A-Z][A-Za-z ./&'-]{0,40}:))", raw):
        label, value = m.group(1).strip(), m.group(2).strip()
        if parse_cell(value).is_value:
            pairs.append((label, value))
    return pairs


# ---- periods ---------------------------------------------------------------------------------------------------

def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _fy(a: str, b: str) -> Optional[str]:
    start, end = _year(a), _year(b)
    if end % 100 != (start + 1) % 100:
        return None
    return f"{start}/{str(end % 100).zfill(2)}"


@lru_cache(maxsize=1)
def _p_month() -> re.Pattern[str]:
    """A month and its year ("Sep-21", "April 2022"); month names: the vocabulary's ``months``."""
    return re.compile(r"^(" + month_names() + r")[\s\-'’/.]*(\d{2}|\d{4})$", re.I)


_P_QUARTER = re.compile(r"^(?:q|quarter\s*|qtr\s*)([1-4])\s*(?:[\-–,]\s*)?(?:(?:fy\s*)?(\d{2,4})\s*[/\-–]\s*(\d{2,4})|(\d{4}))?$", re.I)
_P_QUARTER_AFTER = re.compile(r"^(\d{4})\s*[/\-–]\s*(\d{2,4})\s*(?:q|quarter\s*)([1-4])$", re.I)
_P_FY = re.compile(r"^(?:fy\s*)?(\d{2}|\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$", re.I)
_P_YEAR = re.compile(r"^((?:19|20)\d{2})$")
_P_RANGE = re.compile(r"^(.+?)\s*(?:[\-–—]|to)\s*(.+)$", re.I)
_P_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")


_SPAN_TO = re.compile(r"(?:^|\s)(?:rolling\s+)?(?:(?P<n>\d{1,2})\s*(?:m|mths?|months?)|(?P<q>quarter|qtr)|(?P<y>year))"
                      r"\s+(?:to|ending|ended)\s+(?P<end>.+)$", re.I)


def parse_period(heading: Optional[str]) -> Optional[str]:
    """The period a column heading names, normalised: "Sep-21" -> "2021-09", "Q3 2024/25" -> "2024/25 Q3",
    "2021-22" -> "2021/22", "Jan 24 – Mar 24" -> "2024-01/2024-03", "Actual 30/11/2024" -> "2024-11-30"; else None."""
    if not heading:
        return None
    text = _strip_unit(heading)
    rolling = _SPAN_TO.search(text)  # "12m to Dec 23", "Quarter to Sep 24": the months up to a month
    if rolling:
        end = _period(rolling.group("end").strip())
        if end and re.fullmatch(r"\d{4}-\d{2}", end):
            months = int(rolling.group("n")) if rolling.group("n") else (3 if rolling.group("q") else 12)
            year, month = int(end[:4]), int(end[5:])
            first = year * 12 + month - 1 - (months - 1)
            return f"{first // 12}-{first % 12 + 1:02d}/{end}" if months > 1 else end
    # a word before the period ("Southampton 19/20", "Actual 30/11/2024", "Revenue Budget 2024-25") names whose period
    names = month_names()
    tail = re.search(r"(" + names + r"(?:[\s\-'’/.]*\d{2,4})?\s*(?:[\-–—]|to)\s*" + names + r"[\s\-'’/.]*\d{2,4}|"
                     r"(?:q|quarter\s*|qtr\s*)[1-4][\s,\-–]*(?:\d{2,4}\s*[/\-–]\s*\d{2,4}|\d{4})?|"
                     r"\d{4}\s*[/\-–]\s*\d{2,4}\s*(?:q|quarter\s*)[1-4]|"
                     + names + r"[\s\-'’/.]*\d{2,4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
                     r"(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}|(?:19|20)\d{2})$", text, re.I)
    if not tail:
        return None
    return _period(tail.group(1))


def _strip_unit(heading: str) -> str:
    """The heading without a trailing unit marker ("Budget 2024/25 £m" -> "Budget 2024/25")."""
    text = norm(heading).strip(" *")
    return re.sub(r"\s*\(?(?:[£$€]\s?(?:m|bn|k|000s?|'000)|%)\)?$", "", text, flags=re.I)


def _period(text: str) -> Optional[str]:
    m = _p_month().match(text)
    month = month_number(m.group(1)) if m else None
    if m and month:
        return f"{_year(m.group(2))}-{month:02d}"
    m = _P_QUARTER.match(text)
    if m:
        q = m.group(1)
        if m.group(2):
            fy = _fy(m.group(2), m.group(3))
            return f"{fy} Q{q}" if fy else None
        if m.group(4):
            return f"{m.group(4)} Q{q}"
        return f"Q{q}"
    m = _P_QUARTER_AFTER.match(text)
    if m:
        fy = _fy(m.group(1), m.group(2))
        return f"{fy} Q{m.group(3)}" if fy else None
    m = _P_DATE.match(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
        return None
    m = _P_FY.match(text)
    if m:
        return _fy(m.group(1), m.group(2))
    m = _P_YEAR.match(text)
    if m:
        return m.group(1)
    m = _P_RANGE.match(text)
    if m:
        start, end = m.group(1).strip(), m.group(2).strip()
        last = _period(end)
        printed_year = re.search(r"(\d{2,4})$", end)
        if last and printed_year and re.fullmatch(month_names(), start, re.I):  # "Jan – Mar 24": the year printed once
            start = f"{start} {printed_year.group(1)}"
        first = _period(start)
        if first and last:
            return f"{first}/{last}"
    return None


def unit_of_heading(text: Optional[str]) -> Optional[str]:
    """The unit a heading or units-row cell gives ("£000s" -> money, "%" -> percentage), or None."""
    if not text:
        return None
    key = norm(text).lower()
    headings = words()["unit_headings"]
    if key in headings:
        return str(headings[key])
    if re.search(r"£\s?(?:m|bn|k|000s?|'000)\b|\(£", key):
        return "money"
    return None


def unit_of_word(text: str) -> Optional[str]:
    """A row's unit word ("PERCENTAGE", "Number", and misspellings like "Percentge") -> unit."""
    key = norm(text).lower()
    table = words()["unit_words"]
    if key in table:
        return str(table[key])
    if len(key) >= 5 and key.isalpha():
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, [k for k in table if len(k) >= 4], scorer=fuzz.ratio)
        if best and best[1] >= 85:
            return str(table[best[0]])
    return None


# ---- what a column holds: the series model ---------------------------------------------------------------------

COLUMN_KINDS = ("period", "target", "comparator", "budget", "other")
PERIOD_TYPES = ("month", "quarter", "year", "financial_year", "date", "range")


def _has_phrase(folded: str, phrases: list[str]) -> bool:
    return any(re.search(r"(?<![\w£$])" + re.escape(p) + r"(?![\w])", folded) for p in phrases)


def column_kind(heading: Optional[str]) -> str:
    """What a column's cells are to the indicator's series (``COLUMN_KINDS``):

    ``target`` ("Target", "Floor 2024/25"), ``comparator`` ("England", "South East", "Statistical Neighbours",
    "Southampton 19/20": another area's or an average's value, whatever period it names), ``period`` (the
    indicator's own value for the period the heading names: "Sep-21", "Actual Q3 2024/25"), ``budget`` (finance
    columns: "Budget", "Forecast", "Variance", "Revenue Budget 2024-25"), else ``other``. Targets and comparators
    are attributes of a series, never points of it: their cells carry no period."""
    text = norm(heading or "")
    if not text:
        return "other"
    folded = text.lower()
    known = words()
    if _has_phrase(folded, known["target_words"]):
        return "target"
    if _has_phrase(folded, known["comparator_words"]):
        return "comparator"
    period = parse_period(text)
    if period:
        prefix = _period_prefix(text)
        if not prefix:
            return "period"
        if _has_phrase(prefix.lower(), known["budget_words"]):
            return "budget"
        rest = [w for w in re.findall(r"[A-Za-z][\w'’&.-]*", prefix) if w.lower() not in known["period_words"]]
        if rest and all(w[0].isupper() and w.lower() not in known["column_words"] for w in rest) and \
                not prefix.isupper() and period_type(period) in ("year", "financial_year"):
            return "comparator"  # "Southampton 19/20", "Medway 2023": a place and its year
        return "period"
    if _has_phrase(folded, known["budget_words"]) or re.search(r"[£$€]", text):  # "Total £s", "Amount ($)"
        return "budget"
    return "other"


def _period_prefix(heading: str) -> str:
    """The words before the period a heading ends with ("Actual" of "Actual 30/11/2024")."""
    text = _strip_unit(heading)
    for start in range(len(text)):
        if (start == 0 or text[start - 1] == " ") and parse_period(text[start:]) and _period(text[start:].strip()):
            return text[:start].strip(" -–:,")
    return ""


def period_type(period: Optional[str]) -> Optional[str]:
    """The granularity of a normalised period (``parse_period``'s output): month "2021-09", quarter "2024/25 Q3",
    "2024 Q3", "Q3" or three months "2024-01/2024-03", financial_year "2021/22" or twelve months to March,
    year "2021" or twelve months to December, date "2024-11-30", range any other span ("12m to Sep 24")."""
    if not period:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return "date"
    if re.fullmatch(r"(?:\d{4}(?:/\d{2})? )?Q[1-4]", period):
        return "quarter"
    if re.fullmatch(r"\d{4}/\d{2}", period):
        return "financial_year"
    if re.fullmatch(r"\d{4}", period):
        return "year"
    months = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period)
    if months:  # a span of months: its length says what it is comparable with
        y0, m0, y1, m1 = (int(g) for g in months.groups())
        span = (y1 * 12 + m1) - (y0 * 12 + m0) + 1
        if span == 3 and m1 % 3 == 0:
            return "quarter"
        if span == 12 and m1 == 12:
            return "year"
        if span == 12 and m1 == 3:
            return "financial_year"
    if "/" in period:
        return "range"
    return None


def period_bounds(period: Optional[str]) -> Optional[tuple[str, str]]:
    """First and last day (ISO) of a normalised period; financial years run April to March (UK), so "2024/25 Q3"
    is October to December 2024. None for a quarter with no year."""
    import calendar

    kind = period_type(period)
    if not period or not kind:
        return None
    if re.fullmatch(r"[^/]+/[^/]+", period) and not re.fullmatch(r"\d{4}/\d{2}(?: Q[1-4])?", period):
        kind = "range"  # "2024-01/2024-03": its own bounds, whatever its length makes it comparable with

    def month_end(year: int, month: int) -> str:
        return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"

    if kind == "month":
        y, month = int(period[:4]), int(period[5:7])
        return f"{y}-{month:02d}-01", month_end(y, month)
    if kind == "date":
        return period, period
    if kind == "year":
        return f"{period}-01-01", f"{period}-12-31"
    if kind == "financial_year":
        y = int(period[:4])
        return f"{y}-04-01", f"{y + 1}-03-31"
    if kind == "quarter":
        quarter = re.fullmatch(r"(\d{4})(/\d{2})? Q([1-4])", period)
        if not quarter:
            return None
        y, q = int(quarter.group(1)), int(quarter.group(3))
        if quarter.group(2):  # financial-year quarter: Q1 = April-June
            first = 4 + 3 * (q - 1)
            year = y if first <= 12 else y + 1
            first = first if first <= 12 else first - 12
        else:
            year, first = y, 1 + 3 * (q - 1)
        return f"{year}-{first:02d}-01", month_end(year, first + 2)
    start, _, end = period.partition("/")
    a, b = period_bounds(start), period_bounds(end)
    return (a[0], b[1]) if a and b else None


def classify_columns(records: list[Any]) -> None:
    """Set ``column_kind`` and ``period_type`` on KPI records; targets and comparators lose any period."""
    kinds: dict[Optional[str], str] = {}
    for rec in records:
        if rec.column not in kinds:
            kinds[rec.column] = column_kind(rec.column)
        rec.column_kind = kinds[rec.column]
        if rec.column_kind in ("target", "comparator"):
            rec.period = None
        rec.period_type = period_type(rec.period)


def is_breakdown_heading(heading: Optional[str]) -> bool:
    """A label column headed "Service area", "Directorate", "Ward": its rows break one measure down."""
    key = norm(heading or "").lower().strip(" .:*")
    return bool(key) and key in words()["breakdown_headings"]


def measure_line(texts: list[str]) -> Optional[str]:
    """The name of the measure a table breaks down: of the lines above it (nearest first), the first short one
    that is no sentence and holds no figures ("Number of phone calls to Contact Point (thousands)")."""
    for text in texts[:12]:
        t = norm(text)
        if not t or re.search(r"[.!?;:]$|[.!?;]\s+[A-Z]", t) or re.search(r"\d{2,}", t) or len(t.split()) > 10:
            continue  # a sentence, a line of a paragraph, or figures: not a measure's name
        if not re.match(r"[A-Z]", t):
            continue
        return t
    return None
