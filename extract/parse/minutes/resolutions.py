"""What the body decided under one minute item.

Decisions come in three shapes, all worded by data in ``patterns/decisions.json``:

* a paragraph opened by a decision wording ("RESOLVED that ...", "RESOLVED:",
  "4. RESOLVED that Cabinet agree to:", "Committee resolved to ...",
  "It was agreed that ...", "AGREED -"), followed, where the wording ends in a
  lead-in, by numbered or lettered sub-resolutions (one record each, numbered as
  printed without brackets), else one record with number null;
* a sentence inside a paragraph that opens the same way ("... by Council. It
  was agreed that ...", "Agreed to re-visit ...") or whose closing predicate is
  the decision ("... was presented and approved.");
* a motion block: "X proposed that ..., seconded by Y" with an outcome or a
  count in the same paragraph.

A lead-in may close a paragraph ("Having considered ..., the Panel RESOLVED -")
over the sub-resolutions below it; a bare keyword over bullet points ("DECIDED:"
/ "- That ...") gives one record per bullet. A bracket after the keyword
("RESOLVED (unanimously) -", "RESOLVED (For 33, Against 16) -") is the vote, not
text; a vote printed with a lead-in (or a division just before it) carries to
every sub-resolution under it.

A decision with a subject must have the deciding body as subject, so
"Cllrs A & B agreed to ..." (members volunteering) and "the Hall has agreed"
(a third party) are not resolutions. Text starts at "that" where it does and
drops the keyword and the list marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from ...patterns import load_json
from ..text.pattern_rules import pattern_rules
from ...record import Resolution, Vote
from .votes import find_vote


@dataclass
class Para:
    """A paragraph of an item's body: its text joined onto one line and the page it starts on."""

    text: str
    page: int
    marker: Optional[str] = None  # list marker as printed, brackets dropped
    x0: Optional[float] = None
    breaks: Optional[list[tuple[int, int]]] = None  # (offset in text, page) where the paragraph runs onto a new page

    def page_at(self, offset: int) -> int:
        """The page a piece of the paragraph starting at ``offset`` is printed on."""
        page = self.page
        for start, number in self.breaks or []:
            if offset >= start:
                page = number
        return page


@pattern_rules("decisions.json", "minutes.json")
def _rules() -> dict:
    p = load_json("decisions.json")
    bodies = "|".join(sorted((re.escape(b).replace(r"\ ", r"\s+") for b in p["bodies"]), key=len, reverse=True))
    return {
        "lead": [re.compile(rx.replace("{bodies}", bodies).replace("{note}", p["keyword_note"]), re.I) for rx in p["lead"]],
        "strong": {k.lower() for k in p["lead_strong"]},
        "final": [re.compile(rx.replace("{bodies}", bodies), re.I) for rx in p["final"]],
        "text_labels": [re.compile(rx, re.I) for rx in p["text_labels"]],
        "preamble": [re.compile(rx, re.I) for rx in p["preamble"]],
        "trailing": re.compile(p["trailing_vote"], re.I),
        "not": [re.compile(rx, re.I) for rx in p["not_decisions"]],
        "motion": [re.compile(rx, re.I) for rx in p["motion"]],
        "amendment": re.compile(p["amendment"], re.I),
        "not_final": [re.compile(rx, re.I) for rx in p["not_final"]],
        "outcome_only": re.compile(p["outcome_only"], re.I),
        "operative": [re.compile(rx, re.I | re.S) for rx in p["operative_part"]],
        "verdict": re.compile(r"(?:" + "|".join(p["verdicts"]) + r")\s*[.!]?", re.I),
        "verdict_end": re.compile(r"(?:^|[\s.,;:\-–—])(?:" + "|".join(p["verdicts"]) + r")\s*[.!]?\s*$", re.I),
        "application": re.compile(p["application_reference"], re.I),
        "clause": re.compile(p["clause"].replace("{bodies}", bodies), re.I),
        "caps_inside": re.compile(p["caps_inside"], re.I),
        "motion_outcome": re.compile(p["motion_outcome"], re.I),
        "motion_lost": re.compile(p["motion_lost"], re.I),
        "marker": re.compile(p["list_marker"]),
        "abbrev": {a.lower() for a in load_json("minutes.json")["abbreviations"]},
    }


_WEAK = {"approved", "noted", "recommended", "decision", "agreed"}


def list_marker(text: str) -> Optional[tuple[str, str]]:
    """(number as printed, text after the marker) for a sub-resolution line "(a) ...", "1) ...", "ii) ..."."""
    m = _rules()["marker"].match(text.strip())
    if not m:
        return None
    num = next(g for g in m.groups() if g)
    return num, text.strip()[m.end():]


def lead(text: str, paragraph_start: bool = True) -> Optional[tuple[str, str]]:
    """(keyword as printed, text after it) when ``text`` opens with a decision wording."""
    for rx in _rules()["lead"]:
        m = rx.match(text)
        if not m:
            continue
        kw = m.group("kw")
        after = text[m.end():]
        base = kw.split()[-1].lower()
        if base in _WEAK and not kw.isupper() and len(kw.split()) == 1:
            # "Agreed: ..." / "Agreed to re-visit ..." are decisions; "Noted the report", "Decision: 24/00097 ..." are not
            tail = text[m.end("kw"):]
            # a "Decision:" label over the decision's own words (a record of decisions), not a reference number
            label = base == "decision" and re.match(r"\s*:\s*(?:$|(?=[A-Z(]))", tail) is not None
            noting = base == "noted" and re.match(r"\s+that\b", tail, re.I) is not None
            if not label and not noting and (base not in ("agreed", "approved")
                                             or not re.match(r"\s*(?:[:\-–]|that\b|to\b)", tail, re.I)):
                continue
        if any(n.search(text[: m.end() + 30]) for n in _rules()["not"]):
            continue
        after = re.sub(r"^[\s:\-–—,]+", "", after)
        if re.match(r"and\b", after, re.I):
            # "Unanimously agreed and signed by the Chair": an outcome closing what was moved before it
            after = ""
        return kw, after
    return None


def without_preamble(text: str) -> str:
    """A sentence without the clause that says how its decision came about ("On a motion by X, seconded by Y,
    the Board approved ...", "By consensus, the Committee agreed to ..."): the decision's wording follows it."""
    for rx in _rules()["preamble"]:
        m = rx.match(text)
        if m and m.end() < len(text):
            return text[m.end():]
    return text


def is_abbreviation(word: str) -> bool:
    """Is ``word`` (lower case, without its full stop) one whose full stop ends no sentence ("Cllr.", "St.")?"""
    return word in _rules()["abbrev"]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; initials, titles and 'No.' do not end one."""
    abbrev = _rules()["abbrev"]
    out, start = [], 0
    for m in re.finditer(r"(?<=[.?!])\s+(?=[A-Z“\"'(])", text):
        before = text[start: m.start()].rstrip()
        last = re.split(r"[\s(]", before)[-1] if before else ""
        word = last.rstrip(".?!").lower()
        # a full stop set apart from its word ("was approved . Proposed by ...") ends the sentence
        if before.endswith(".") and last != "." and (len(word) <= 1 or word in abbrev):
            continue
        out.append(text[start: m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _is_final_decision(sentence: str) -> bool:
    if any(n.search(sentence) for n in _rules()["not"]) or any(n.search(sentence) for n in _rules()["not_final"]):
        return False
    return any(rx.search(sentence) for rx in _rules()["final"])


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:])(?=\s|$)", r"\1", text)
    # a decision quoted whole (“That a vote of sympathy be extended ...”) is the words inside the quotes
    quoted = re.fullmatch(r"[\"“](?P<inner>[^\"“”]+)[\"”]\s*[.;]?", text)
    return quoted.group("inner").strip() if quoted else text


def find_resolutions(paras: Sequence[Para]) -> list[Resolution]:
    """Resolutions in an item's paragraphs, in order."""
    out: list[Resolution] = []
    i = 0
    n = len(paras)
    while i < n:
        para = paras[i]
        text = para.text
        body = text
        marked = list_marker(text) if para.marker else None
        if marked:
            body = marked[1]
        hit = lead(body) or lead(without_preamble(body))
        if not hit and i + 1 < n and (paras[i + 1].marker is not None or _BULLET.match(paras[i + 1].text)
                                      or re.match(r"that\b", paras[i + 1].text, re.I)):
            hit = _closing_lead(body)
        if hit:
            kw, rest = hit
            rest = rest.strip()
            j = i + 1
            subs: list[Resolution] = []
            wants_list = not rest or re.search(r"(?:[:\-–]|\bto|\bthat|\bthe\s+following|\bshould)\s*$", rest, re.I)
            first = list_marker(rest) if rest and j < n and paras[j].marker is not None else None
            if first and not lead(paras[j].text):
                # the first of the numbered resolutions printed on the keyword's line ("Resolved: (a) ...")
                subs.append(Resolution(text=tidy(first[1]), number=first[0], page=para.page, keyword=kw))
                wants_list = True
            if wants_list:
                while j < n and paras[j].marker is not None and not lead(paras[j].text):
                    num, sub = list_marker(paras[j].text) or (paras[j].marker, paras[j].text)
                    subs.append(Resolution(text=tidy(sub), number=num, page=paras[j].page, keyword=kw))
                    j += 1
            if subs:
                # a division or "(unanimously)" printed with the lead-in carried every numbered resolution
                _vote_each(subs, paras, i, i + 1)
                out.extend(subs)
                i = j
                continue
            if not rest and j < n and _BULLET.match(paras[j].text) and _introduces(kw, body):
                # a bare keyword over bullet points ("DECIDED:" / "- That ..."): each bullet is a decision
                bullets: list[Resolution] = []
                while j < n and _BULLET.match(paras[j].text) and not lead(paras[j].text):
                    bullets.append(Resolution(text=tidy(_BULLET.sub("", paras[j].text, count=1)), number=None,
                                              page=paras[j].page, keyword=kw))
                    j += 1
                _vote_each(bullets, paras, i, j)
                out.extend(bullets)
                i = j
                continue
            if wants_list and rest:
                # a lead-in over bullet points: the bullets are part of the one resolution
                while j < n and _BULLET.match(paras[j].text):
                    rest = f"{rest} {paras[j].text}"
                    j += 1
            page = para.page
            if not rest and not _introduces(kw, body):
                # a bare outcome ("AGREED", "Unanimously agreed") closes the motion printed before it
                motion = _motion(Para(text=f"{paras[i - 1].text} {body}", page=paras[i - 1].page)) if i else None
                if motion is not None and out and out[-1].text == motion.text:
                    out[-1].vote = motion.vote  # the motion was read above; this line says how it went
                elif motion is not None:
                    out.append(motion)
                i += 1
                continue
            if not rest and j < n and not lead(paras[j].text):
                rest, page, j = paras[j].text, paras[j].page, j + 1
            if rest and not kw.isupper() and kw.split()[-1].lower() not in _rules()["strong"]:
                # "Members agreed to ..." in running text: the decision is that sentence, not the paragraph
                rest = split_sentences(rest)[0]
            inline = _inline_subs(rest)
            if inline:
                vote = _vote_near(paras, i, j, decided=True)
                out.extend(Resolution(text=tidy(t), number=num, page=page, keyword=kw,
                                      vote=replace(vote) if vote is not None else None) for num, t in inline)
            elif rest:
                rest, tail = _without_trailing_vote(rest)
                res = Resolution(text=tidy(rest), number=None, page=page, keyword=kw)
                res.vote = (find_vote(tail, decided=True) if tail else None) or _vote_near(paras, i, j, decided=True)
                out.append(res)
            i = j
            continue
        amended = _amendment(paras, i)
        applications = _applications_decided(para)
        if amended is not None:
            out.append(amended)
        elif applications:
            out.extend(applications)
        else:
            found = _sentence_decisions(para)
            if found and found[-1].vote is None:
                found[-1].vote = _vote_after(paras, i + 1)
            out.extend(found)
        i += 1
    return out


def _vote_after(paras: Sequence[Para], j: int, decided: bool = False, span: int = 4,
                most_words: int = 25) -> Optional[Vote]:
    """The vote printed in the short paragraphs after a decision ("Motion carried 3-0." on a line of its own,
    "AYES: Hart, Lowe" / "NOES: None"): up to ``span`` paragraphs from ``paras[j]``, stopping at the next
    decision or at a paragraph of ``most_words`` words or more."""
    after = ""
    for k in range(j, min(len(paras), j + span)):
        if lead(paras[k].text) or len(paras[k].text.split()) >= most_words:
            break
        after = f"{after}\n{paras[k].text}"
        vote = find_vote(after, decided=decided)
        if vote is not None:
            return vote
    return None


def operative(text: str) -> str:
    """What a resolution decides, without the recitals before it ("WHEREAS ...; NOW THEREFORE ...")."""
    for rx in _rules()["operative"]:
        m = rx.match(text)
        if m and text[m.end():].strip():
            return text[m.end():]
    return text


def _vote_each(found: list[Resolution], paras: Sequence[Para], i: int, j: int) -> None:
    """Each resolution's own vote; where none prints one, the vote printed around ``paras[i:j]`` for all."""
    for r in found:
        r.vote = find_vote(r.text, decided=True)
    if all(r.vote is None for r in found):
        shared = _vote_near(paras, i, j, decided=True)
        if shared is not None:
            for r in found:
                r.vote = replace(shared)


_BULLET = re.compile(r"^(?:[•●▪◦■□\-–*]|o\s|\uf0b7|\uf0a7)\s*")


def _closing_lead(text: str) -> Optional[tuple[str, str]]:
    """A paragraph that ends by introducing the decisions printed below it ("Having considered the
    representations, the Sub-Committee RESOLVED (unanimously) -"): (keyword, "") or None."""
    last = split_sentences(text)[-1] if text.strip() else ""
    for clause in _rules()["clause"].finditer(last):
        hit = lead(last[clause.end():].strip())
        if hit and not hit[1].strip():
            return hit
    return None


def _amendment(paras: Sequence[Para], i: int) -> Optional[Resolution]:
    """An amendment moved and then lost ("fell"): a resolution record whose vote says so."""
    rx = _rules()["amendment"]
    m = rx.search(paras[i].text)
    if not m:
        return None
    tail = paras[i].text[m.end():]
    vote = find_vote(tail) if tail.strip() else None
    k = i + 1
    while vote is None and k < min(len(paras), i + 4) and not lead(paras[k].text):
        vote = find_vote(paras[k].text)
        k += 1
    if vote is None or vote.outcome != "lost":
        return None
    return Resolution(text=tidy(m.group("text")), number=None, page=paras[i].page, keyword="amendment", vote=vote)


_SEQUENCES = ("abcdefghijklmnop", [str(n) for n in range(1, 30)],
              ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])


def _inline_subs(text: str) -> list[tuple[str, str]]:
    """'that (a) the report be noted; and (b) ...' printed on one line: [('a', 'the report be noted; and'), ...]."""
    marks = list(re.finditer(r"(?:^|\s)\((?P<m>[a-z]|\d{1,2}|[ivx]{1,4})\)\s+", text))
    for seq in _SEQUENCES:
        run = [m for m in marks if m.group("m") in seq]
        if len(run) < 2 or run[0].group("m") != seq[0]:
            continue
        if [m.group("m") for m in run] != list(seq[: len(run)]):
            continue
        out = []
        for k, m in enumerate(run):
            end = run[k + 1].start() if k + 1 < len(run) else len(text)
            out.append((m.group("m"), text[m.end(): end].strip()))
        return out
    return []


def _introduces(kw: str, line: str) -> bool:
    """Does a keyword standing alone introduce the decision printed below it ("RESOLVED:", "AGREED -")?
    A bare outcome word ("AGREED", "Carried") does not."""
    if any(w in _rules()["strong"] or w == "be" for w in kw.lower().split()):
        return True
    return bool(re.search(r"[:\-–—]\s*$", line.strip()))


def _vote_near(paras: Sequence[Para], i: int, j: int, decided: bool) -> Optional[Vote]:
    """The vote printed with a decision: in its own paragraph, the short ones after it, or just before it."""
    own = " ".join(p.text for p in paras[i:j])
    vote = find_vote(own, decided=decided)
    if vote is None:
        vote = _vote_after(paras, j, decided=decided, span=3, most_words=60)
    before = ""
    for k in range(i - 1, max(-1, i - 6), -1):  # a vote printed just before the decision, counts preferred
        if _has_counts(vote) or lead(paras[k].text) or re.search(r"\bamendment\b", paras[k].text, re.I):
            break
        if len(paras[k].text.split()) >= 60:
            break
        before = f"{paras[k].text}\n{before}"
        found = find_vote(before, decided=decided)
        if found is not None and (vote is None or _has_counts(found)):
            if vote is not None and vote.outcome and found.outcome != vote.outcome:
                break  # an earlier vote on another motion
            vote = found
    return vote


def _has_counts(vote) -> bool:
    return vote is not None and any(v is not None for v in (vote.for_, vote.against, vote.abstain))


def _sentence_decisions(para: Para) -> list[Resolution]:
    """Decisions worded inside a paragraph, and motion blocks."""
    out: list[Resolution] = []
    read_at: list[int] = []  # the sentence each resolution of ``out`` was read from
    sentences = split_sentences(para.text)
    cursor = 0
    for k, sentence in enumerate(sentences):
        read_at.extend([k - 1] * (len(out) - len(read_at)))  # those the sentence before gave
        at = para.text.find(sentence, cursor)
        cursor = max(cursor, at)
        page = para.page_at(at if at >= 0 else 0)
        sentence = _unlabelled(without_preamble(sentence))
        hit = lead(sentence, paragraph_start=False)
        if not hit:
            # a clause opened by the body and a strong decision word: "Having heard ..., the Panel Resolved that ..."
            for clause in _rules()["clause"].finditer(sentence):
                hit = lead(sentence[clause.end():], paragraph_start=False)
                if hit:
                    break
        if not hit:
            # a decision word in capitals inside the sentence: "... and AGREED to recommend ..."
            caps = _rules()["caps_inside"].search(sentence)
            if caps and not any(n.search(sentence) for n in _rules()["not"]):
                hit = (caps.group("kw"), sentence[caps.end():])
        if not hit:
            # a short label before the decision: "Payments: Resolved to approve the payments listed below."
            labelled = re.match(r"^(?:[^:.;]{1,60}):\s+(?=\S)", sentence)
            if labelled and len(labelled.group(0).split()) <= 6:
                rest = sentence[labelled.end():]
                hit = lead(rest, paragraph_start=False)
                if not hit and _is_final_decision(rest[:1].upper() + rest[1:]) and not _is_motion_outcome_only(rest):
                    hit = ("", rest)  # "The Board took the following action: approved the contract ..."
        if hit and hit[1]:
            kw, rest = hit
            out.append(Resolution(text=tidy(rest), number=para.marker if k == 0 else None, page=page, keyword=kw,
                                  vote=find_vote(sentence, decided=True)))
            continue
        if k > 0 and _rules()["verdict"].fullmatch(sentence.strip()):
            # a verdict after what it is on: "Journey's End - dormer extension. Supported."
            before, number = sentences[k - 1], None
            marked = list_marker(before) if k == 1 and para.marker else None
            if marked:
                number, before = marked
            out.append(Resolution(text=tidy(f"{before} {sentence}"), number=number,
                                  page=para.page_at(max(0, para.text.find(sentences[k - 1]))), keyword=None))
            continue
        # a vote printed after the decision is no part of it ("... were approved - proposed by PW ..."),
        # but a mover's own sentence names its seconder ("X moved, seconded by Y, to approve ...")
        cut = _without_trailing_vote(sentence)[0]
        final = _is_final_decision(sentence)
        # the vote printed after a decision is no part of it ("... approved the budget by a vote of 5-0.")
        core = cut if cut != sentence and _is_final_decision(cut) else sentence
        if (final or core != sentence) and not _is_motion_outcome_only(core):
            text = core
            if _PROCEDURAL.match(sentence) and not _MOVED_TEXT.search(sentence):
                # "Proposed by X, seconded by Y - unanimously agreed": what was agreed is the sentence before
                if k == 0:
                    continue
                text = sentences[k - 1]
            out.append(Resolution(text=tidy(_unlabelled(operative(text))), number=None, page=page, keyword=None,
                                  vote=find_vote(sentence, decided=True)))
    read_at.extend([len(sentences) - 1] * (len(out) - len(read_at)))
    _vote_in_sentences_after(out, read_at, sentences)
    motion = _motion(para)
    if motion and not out:
        return [motion]
    if motion and len(out) == 1 and motion.text != out[0].text and motion.text in out[0].text \
            and re.match(r"(?:that|to)\s", motion.text, re.I):
        out[0].text = motion.text  # the motion's words, not who moved it ("Proposed (AH) & Seconded (SB) that ...")
    if motion and len(out) == 1 and out[0].vote is None:
        out[0].vote = motion.vote
    return out


def _applications_decided(para: Para) -> list[Resolution]:
    """Planning applications with the body's verdict: each entry opens with the application's reference and
    ends with the verdict ("3/19/0086/HH 60 Birch Green ... Single storey rear extension. No comment.",
    "23/03504/TCA Souldern Manor ... Proposal to reduce APPROVED"); the whole entry is the resolution. A
    paragraph may hold several entries where no blank line parts them."""
    rules = _rules()
    starts = [m.start() for m in rules["application"].finditer(para.text)
              if m.start() == 0 or re.search(r"[.!?]\s+$", para.text[: m.start()])]
    if not starts or starts[0] != 0:
        return []
    out = []
    for k, at in enumerate(starts):
        entry = para.text[at: starts[k + 1] if k + 1 < len(starts) else len(para.text)].strip()
        if rules["verdict_end"].search(entry):
            out.append(Resolution(text=tidy(entry), number=None, page=para.page_at(at), keyword=None))
    return out


def _without_trailing_vote(text: str) -> tuple[str, str]:
    """(the decision, the vote printed after it): "to adopt the new Standing Orders. Proposed by Cllr Coppard
    seconded by Cllr Bradbury." / "the Minutes ... were approved - proposed by PW and seconded by RW."."""
    cut = _rules()["trailing"].search(text)
    if cut is None or len(text[: cut.start()].split()) < 2:
        return text, ""  # a decision of two words at least goes before the vote ("Accounts agreed, Proposed by ...")
    return text[: cut.start()].rstrip(" ,;"), text[cut.start():]


def _unlabelled(text: str) -> str:
    """A decision's words without a label printed before them ("Motion: Councilor Tuttle moved ...")."""
    for rx in _rules()["text_labels"]:
        text = rx.sub("", text, count=1)
    return text


def _vote_in_sentences_after(found: list[Resolution], at: list[int], sentences: list[str]) -> None:
    """A decision's vote printed in the sentences after it, up to the next decision ("Councilor Tuttle moved
    to approve ... . Councilor Bahrman seconded. The motion passed 5-0.")."""
    for n, (res, k) in enumerate(zip(found, at)):
        if res.vote is not None:
            continue
        upto = at[n + 1] if n + 1 < len(at) else len(sentences)
        tail = " ".join(sentences[k + 1: max(k + 1, upto)])
        if tail:
            res.vote = find_vote(tail)


_PROCEDURAL = re.compile(r"^(?:proposed|moved|seconded)\s+by\b", re.I)
# a mover's sentence that says what was moved ("Moved by X and seconded by Y to approve the item")
_MOVED_TEXT = re.compile(r"\bseconded\s+by\s+[^,.;]{2,60}?,?\s+(?:to|that)\s", re.I)


def _is_motion_outcome_only(sentence: str) -> bool:
    """'Agreed.', 'Carried', 'The motion was carried.': an outcome with nothing decided in the sentence
    itself. A short sentence that names what it decides ('Accounts agreed.') is a decision."""
    return bool(_rules()["outcome_only"].match(sentence.strip()))


def _motion(para: Para) -> Optional[Resolution]:
    """'X proposed that ..., seconded by Y. 4 votes for 2 against. Carried' as one resolution with its vote."""
    text = para.text
    for rx in _rules()["motion"]:
        m = rx.search(text)
        if not m:
            continue
        tail = text[m.end("text"):]  # the seconder and what followed
        vote = find_vote(tail, decided=False)
        if vote is None and m.groupdict().get("carried"):  # "MSC": moved, seconded and carried
            vote = Vote(outcome="carried")
        outcome_word = _rules()["motion_outcome"].search(tail)
        if vote is None and not outcome_word and not (re.search(r"\bsecond(?:ed)?\s+by\b", tail, re.I)
                                                      and re.match(r"(?:that|to)\s", m.group("text").strip(), re.I)):
            return None  # a motion to do something, moved and seconded, is on the record; moved alone may be talk
        if vote is None:
            lost = _rules()["motion_lost"].search(tail)
            vote = Vote(outcome="lost" if lost else "carried") if re.search(r"\bunanimous", tail, re.I) or lost else None
        motion_text = m.group("text").strip(" ,")
        return Resolution(text=tidy(motion_text), number=None, page=para.page, keyword="proposed", vote=vote)
    return None
