"""What text a regular expression needs before it can match: the literal words every match contains.

The authority patterns (``patterns/authorities.json``) start with an open
"place" part that the regex engine tries at every capital letter of a line, so
running the 22 of them over every line of a long appendix took a quarter of its
parse. Each of them ends in fixed words ("Council", "Integrated Care Board") a
line almost never holds. ``required_literals`` reads those words off the
compiled pattern (by Python's own regex parser, so a user's new pattern gets its
check too), and ``may_match`` is the test: a text lacking one of them cannot
match, so the pattern need not run. The result is exact (never skips a text the
pattern matches); a pattern it cannot reason about (case-insensitive, say)
simply gets no check.
"""

from __future__ import annotations

import re
from typing import Any, Optional

try:  # Python 3.11+: the parser lives in re._parser; sre_parse is its deprecated alias
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre  # type: ignore[no-redef]

Needs = tuple[frozenset[str], ...]  # every set: one of its strings is in any text the pattern matches

_LITERAL = _sre.LITERAL
_SUBPATTERN = _sre.SUBPATTERN
_BRANCH = _sre.BRANCH
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None))


def required_literals(pattern: re.Pattern[str]) -> Needs:
    """Sets of literal strings such that every match of ``pattern`` holds at least one string of each set."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return ()
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # an exotic construct: no check rather than a wrong one
        return ()
    return tuple(_needs(list(parsed)) or [])


def _needs(items: list[tuple[Any, Any]]) -> Optional[list[frozenset[str]]]:
    """The needs of a sequence of parsed items: runs of literal characters, required groups and branches.
    None when an inline flag makes the reading unsafe."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        if op is _BRANCH and run:  # Python factors a shared start out of a branch ("C" of "County|City"):
            # the run before it, joined to each alternative's own leading letters, is what the text holds
            prefix = "".join(run)
            run.clear()
            out.append(frozenset(prefix + _leading(list(alt)) for alt in av[1]))
        close_run()
        if op is _SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags or 0) & re.IGNORECASE or (del_flags or 0):
                return None
            inner = _needs(list(sub))
            if inner is None:
                return None
            out.extend(inner)
        elif op is _BRANCH:
            choices: set[str] = set()
            for alternative in av[1]:
                inner = _needs(list(alternative))
                if inner is None:
                    return None
                if not inner:  # an alternative that needs nothing: the branch needs nothing
                    choices = set()
                    break
                choices.update(max(inner, key=lambda s: min(len(x) for x in s)))
            if choices:
                out.append(frozenset(choices))
        elif op in _REPEATS and op is not None:
            low, _high, sub = av
            if low >= 1:
                inner = _needs(list(sub))
                if inner is None:
                    return None
                out.extend(inner)
    close_run()
    return out


def _leading(items: list[tuple[Any, Any]]) -> str:
    """The literal characters an alternative starts with."""
    out = []
    for op, av in items:
        if op is not _LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


def may_match(needs: Needs, text: str) -> bool:
    """False when ``text`` lacks every string of one of the sets: the pattern cannot match it."""
    for choices in needs:
        for literal in choices:
            if literal in text:
                break
        else:
            return False
    return True
