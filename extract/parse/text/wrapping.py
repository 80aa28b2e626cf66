"""Lines a paper wrapped, joined back into the one line they were.

A recommendation, a table label and an action's sentence are all printed over
several lines; each reader wants them back as one line, with a word the line
break split at its hyphen ("take-" + "up") kept whole. One function, so the
readers cannot drift apart on what a split word is.
"""

from __future__ import annotations

import re
from typing import Iterable


def join_wrapped(parts: Iterable[str], hyphen_before_lower: bool = True) -> str:
    """``parts`` on one line, one space between them (runs of white space folded, blank parts dropped). A
    part ending in a letter and a hyphen runs straight into the next ("take-" + "up" -> "take-up"); with
    ``hyphen_before_lower`` only where the next part starts in lower case (a hyphen before "Council" is a
    dash), else whatever follows ("re-" + "Referrals" in a table label)."""
    out = ""
    for part in parts:
        part = re.sub(r"\s+", " ", part).strip()
        if not part:
            continue
        if (out.endswith("-") and len(out) > 1 and out[-2].isalpha()
                and (part[:1].islower() or not hyphen_before_lower)):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


__all__ = ["join_wrapped"]
