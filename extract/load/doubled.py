"""Text whose every character was printed twice, read once: "MMIINNUUTTEESS" -> "MINUTES".

Word processors and PDF printers fake bold by printing each character twice, a
hair apart; a text layer (or a text file made from it) then holds each character
twice over, "JJuunnee 22002211", and no heading, label or date in it can be
read. Where the two copies are separate runs the PDF loader already keeps one
(``pdf.run_texts``); this reads the case where they are interleaved in one run
or line. A text is taken as doubled only when it is so throughout: nearly every
character is followed by itself, and it holds enough different letters to be
words (so "1100", "XXXXXXXX" and a "coffee" stay as they are).
"""

from __future__ import annotations

MIN_LETTERS = 4  # letters the text must hold, read once, to be judged at all
MIN_DISTINCT = 3  # different letters: "XXXXXXXX" (a redaction, a filler) is no doubled word
DOUBLED_SHARE = 0.85  # of the letters and figures read once, this share must come as a pair


def undouble(text: str) -> str:
    """``text`` with each doubled character read once when the whole text is doubled; else ``text``."""
    if len(text) < 2 * MIN_LETTERS:
        return text
    out: list[str] = []
    paired: list[bool] = []
    i = 0
    while i < len(text):
        pair = i + 1 < len(text) and text[i] == text[i + 1]
        out.append(text[i])
        paired.append(pair)
        i += 2 if pair else 1
    inked = [p for c, p in zip(out, paired) if c.isalnum()]  # dot leaders and rules pair up too
    letters = [c for c in out if c.isalpha()]
    if (len(letters) < MIN_LETTERS or len({c.lower() for c in letters}) < MIN_DISTINCT
            or sum(inked) < DOUBLED_SHARE * len(inked)):
        return text
    return "".join(out)


__all__ = ["undouble"]
