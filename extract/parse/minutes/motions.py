"""Motion blocks: minutes that set each decision out as a motion on lines of its own.

Many councils (eScribe, CivicWeb and Legistar minutes in North America, and
plenty of parish clerks) print no "RESOLVED" at all. The decision is the text
between who moved it and how the vote went::

    Moved by S. Lewis
    Seconded by E. Peloza
    That the March 2025 Deferred Matters List BE RECEIVED.
    Vote:  Yeas: S. Lewis, S. Hillier ...
    Motion Passed (5 to 0)

so the layout, not a keyword, says what was decided: a mover line opens the
block, a seconder line may follow, the motion's text runs until the vote record
or the outcome line, and the outcome and counts are the resolution's vote.
Lettered sub-motions under a lead-in ending with a colon ("That the following
actions be taken: a) ... b) ...") are one resolution each, as FORMAT.md counts
them. Every cue is data: ``motion_block`` in ``patterns/decisions.json``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from ...patterns import load_json
from ...record import Resolution, Vote
from ..text.listmarkers import position, read_marker, same_list
from ..text.pattern_rules import pattern_rules
from .resolutions import Para, find_resolutions, lead, list_marker, operative, split_sentences, tidy
from .votes import find_vote, lost_outcome


@pattern_rules("decisions.json")
def _rules() -> dict:
    p = load_json("decisions.json")
    block = p["motion_block"]
    outcome_words = [word for words in p["outcomes"].values() for word in words]
    return {
        "mover": [re.compile(rx, re.I) for rx in block["mover_lines"]],
        "seconder": [re.compile(rx, re.I) for rx in block["seconder_lines"]],
        "vote": [re.compile(rx, re.I) for rx in block["vote_lines"]],
        "outcome": [re.compile(rx, re.I) for rx in block["outcome_lines"]],
        "opener": [re.compile(rx, re.I) for rx in block["motion_openers"]],
        "max_vote": int(block["max_vote_lines"]),
        "ends_decided": re.compile(r"\b(?:" + "|".join(outcome_words) + r")\W*$", re.I),
        "trailing": re.compile(p["trailing_vote"], re.I),
        "vote_record": re.compile(block["vote_record"], re.I),
        "kind_label": re.compile(block["title_kind_label"], re.I),
    }


def mover_line(text: str) -> Optional[re.Match[str]]:
    """The match of a paragraph that names a motion's mover (and perhaps its number and seconder), or None."""
    text = text.strip()
    if _rules()["ends_decided"].search(text):
        return None  # "Moved by: Leo Seconded by: Kal Carried." closes the decision printed above it
    for rx in _rules()["mover"]:
        m = rx.fullmatch(text)
        if m:
            return m
    return None


def seconder_line(text: str) -> bool:
    """Does the paragraph name a motion's seconder and nothing else?"""
    return any(rx.fullmatch(text.strip()) for rx in _rules()["seconder"])


def vote_line(text: str) -> bool:
    """Does the paragraph open (or continue) a motion's vote record ("Vote:", "Yeas:", "RESULT:")?"""
    return any(rx.match(text.strip()) for rx in _rules()["vote"])


def outcome_line(text: str) -> bool:
    """Is the paragraph only a motion's outcome ("Motion Passed (5 to 0)", "CARRIED", "Defeated.")?"""
    return any(rx.fullmatch(text.strip()) for rx in _rules()["outcome"])


def starts_own_paragraph(text: str) -> bool:
    """Mover, seconder, vote and outcome lines each stand as a paragraph of their own, so a motion's text
    neither swallows them nor is swallowed by them where the minutes set no blank line between."""
    return bool(mover_line(text) or seconder_line(text) or vote_line(text) or outcome_line(text))


def motion_block(paras: Sequence[Para], i: int) -> Optional[tuple[list[Resolution], int]]:
    """The resolutions of the motion block opened by ``paras[i]`` and the index of the paragraph after
    the block, or None when ``paras[i]`` opens none (no mover line, or nothing moved below it)."""
    mover = mover_line(paras[i].text)
    if mover is None:
        return None
    number = re.sub(r"\s+", "", mover.groupdict().get("num") or "") or None
    n = len(paras)
    j = i + 1
    while j < n and seconder_line(paras[j].text):
        j += 1
    agreed_first = None
    if j + 1 < n and outcome_line(paras[j].text) and _opens_motion(paras[j + 1].text):
        # the outcome printed between the seconder and the motion ("Seconded by ... / AND AGREED / "That ...")
        agreed_first = paras[j].text
        j += 1
    start = j
    while j < n and not (vote_line(paras[j].text) or outcome_line(paras[j].text) or mover_line(paras[j].text)):
        j += 1
    body = list(paras[start:j])
    if not body:
        return None
    cut = _rules()["trailing"].search(body[-1].text)
    closed = j < n and not mover_line(paras[j].text) or cut is not None or agreed_first is not None
    if not closed:
        # nothing closes the block: only a motion's own opening paragraph (and sub-motions under it) is
        # taken, since a mover line may instead close a decision printed above it
        if not _opens_motion(body[0].text):
            return None
        end = 1
        while body[0].text.rstrip().endswith(":") and end < len(body) and body[end].marker is not None:
            end += 1
        body = body[:end]
        j = start + end
        cut = _rules()["trailing"].search(body[-1].text)
    vote_text = [agreed_first] if agreed_first else []
    last = body[-1].text
    if cut:  # "... sustainable practices. Carried." — the outcome printed at the end of the text
        vote_text.append(last[cut.start():])
        body[-1] = replace(body[-1], text=last[: cut.start()].rstrip())
    k = j
    while k < n and k - j < _rules()["max_vote"] and not mover_line(paras[k].text):
        text = paras[k].text
        if not (vote_line(text) or outcome_line(text) or (vote_text and _names_only(text))):
            break
        vote_text.append(text)
        k += 1
        if outcome_line(text):
            break
    found = _resolutions(body, number)
    if not found:
        return None
    vote = find_vote("\n".join(vote_text), decided=True) if vote_text else None
    for r in found:
        r.vote = replace(vote) if vote is not None else None
    return found, k


def _opens_motion(text: str) -> bool:
    """Does the paragraph open a motion's text ("That ...", a quoted "“That ...")?"""
    return any(rx.match(text.strip().lstrip("\"'“‘ ")) for rx in _rules()["opener"])


def _names_only(text: str) -> bool:
    """A line of a named vote list ("S. Lewis", "Benker, Bouquet, Catlin"): short, no sentence in it."""
    words = text.split()
    return 0 < len(words) <= 16 and not re.search(r"[.!?]\s*$", text.strip().strip("|*")) \
        or bool(re.fullmatch(r"[|\-\s*]+", text))


def _resolutions(body: list[Para], number: Optional[str]) -> list[Resolution]:
    """What the block moved: one resolution, or one per lettered sub-motion under a lead-in."""
    first = body[0].text
    hit = lead(first)
    if hit and hit[1].strip():
        first = hit[1]
    subs: list[Resolution] = []
    if first.rstrip().endswith(":") and len(body) > 1:
        opening = read_marker(body[1].text)
        for para in body[1:]:
            if opening is None:
                break
            mark, seen = list_marker(para.text), read_marker(para.text)
            expected = len(subs) + 1  # the list's next entry: a sub-motion of its own
            if mark and seen and same_list(opening, seen, expected) and position(opening, seen) == expected:
                subs.append(Resolution(text=mark[1], number=mark[0], page=para.page, keyword=None))
            elif mark is not None and subs:  # a deeper list (i), ii)) belongs to the sub-motion above
                subs[-1].text = f"{subs[-1].text} {para.text}"
            else:
                break
    if subs:
        for r in subs:
            r.text = tidy(r.text)
        return subs
    text = tidy(operative(" ".join([first] + [p.text for p in body[1:]])))
    if not re.search(r"[A-Za-z]{3}", text):
        return []
    return [Resolution(text=text, number=number, page=body[0].page, keyword=None)]


def read_decisions(paras: Sequence[Para]) -> list[Resolution]:
    """Every resolution in an item's paragraphs, in order: motion blocks where a mover line opens one,
    the decision wordings of ``find_resolutions`` in the stretches between."""
    out: list[Resolution] = []
    since = 0
    i = 0
    while i < len(paras):
        block = motion_block(paras, i) if mover_line(paras[i].text) else None
        if block is None:
            i += 1
            continue
        out.extend(find_resolutions(paras[since:i]))
        found, i = block
        out.extend(found)
        since = i
    out.extend(find_resolutions(paras[since:]))
    return out


def decided_by_vote(title: str, paras: Sequence[Para]) -> Optional[Resolution]:
    """An item whose minute records only how the vote on it went ("Motion: Adams. Second: Baker. Motion
    carried 5-0.", "VOTE: 35 In Favor 0 Opposed", "Passed unanimously"): what was decided is the item as
    titled, so the title is the resolution's text and the vote its vote. None when no vote is printed."""
    for k, para in enumerate(paras):
        text = para.text.strip()
        # "A moved approval; B seconded. Motion carried 7-0.": the movers' sentence, then the vote record
        moved = re.search(r"\b(?:moved|seconded)\b", text, re.I)
        last = split_sentences(text)[-1].strip() if text and moved else text
        if not any(vote_line(t) or outcome_line(t) or _rules()["vote_record"].match(t) for t in {text, last}):
            continue
        # the record may run on over a few short lines ("Noes:" / "None. Motion carried.")
        vote = find_vote(" ".join(p.text for p in paras[k: k + 3]), decided=True)
        if vote is None and outcome_line(text):  # "ADOPTED", "Approved on consent": the outcome alone
            vote = Vote(outcome="lost" if lost_outcome(text) else "carried")
        if vote is None:
            continue
        decided = _rules()["kind_label"].sub("", title).strip(" .:;-–")
        if not re.search(r"[A-Za-z]{3}", decided):
            return None
        return Resolution(text=tidy(decided), number=None, page=para.page, keyword=None, vote=vote)
    return None
