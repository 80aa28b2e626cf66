"""Who must act: the owner of an action, kept as worded, with a normalised key.

The owner is the agent of the committing verb, never merely someone named in
the sentence: the subject before "will" / "is working" / "to <verb>" / "was asked
to" when it names a role, body, organisation or person; the agent after "by" of a
passive ("will be chaired by the chief executive"); the officer given delegated
authority. A passive without "by" has no owner ("would be circulated to the
Panel": the Panel only receives). "We" in a council's own paper is that council;
"you" in a letter to a council is the council. Anything else gives ``None``:
we never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from spacy.tokens import Span

from .spans import within

CLAUSE_BREAK = {",", ";", ":", "–", "—", "-", "(", ")", "although", "though", "while", "whilst", "but", "however",
                "because", "whereas", "where", "when", "if", "so", "and", "that", "which", "who", "as", "once",
                "after", "before", "since", "until", "unless"}
DETERMINERS = {"the", "a", "an", "our", "this", "that", "these", "those", "its", "their", "his", "her", "also",
               "currently", "now", "additionally", "further", "furthermore"}
NOT_AGENT = {"it", "this", "these", "those", "that", "there", "which", "what", "data", "work", "progress", "plans",
             "plan", "feedback", "analysis", "findings", "training", "report", "review", "details", "information"}
PRONOUN_WE = {"we", "us"}
SPEECH = {"said", "confirmed", "advised", "stated", "explained", "reported", "agreed", "undertook", "indicated",
          "added", "replied", "responded", "promised"}
PRONOUN_YOU = {"you"}
PERSON_TITLE = re.compile(r"^(?:county\s+)?(?:cllrs?|councillors?|mr|mrs|ms|miss|dr|prof|sir|dame)\.?$", re.I)
ACRONYM = re.compile(r"^(?:[A-Z]{2,4}|[A-Z][a-z][A-Z])s?$")
BE = {"be", "been", "being"}
PARTICIPLE = re.compile(r"^[a-z]+(?:ed|en|wn|ne|de|lt|nt|pt|ught|ld|un|et|ut|ck)$")
AUX = {"is", "are", "was", "were", "will", "would", "shall", "has", "have", "had", "to", "can", "could", "should",
       "must", "may", "might", "am", "'s", "continue", "continues", "remain", "remains", "do", "does", "did"}


PRINTED_WE = {"minutes", "agenda", "agenda_pack", "decision_notice"}
OWNER_TAIL = re.compile(r"(?:(?:cllrs?|councillors?|mr|mrs|ms|dr)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?|"
                        r"[A-Z]{2,3}(?:\s*[/&,]\s*[A-Z]{2,3})*|All|Clerk|Secretary|Treasurer|Chair(?:man)?|Convenor)$", re.I)
NOT_OWNER_WORDS = re.compile(r"\s+(?:undertook|said|agreed|confirmed|offered|was|were|is|are|emailed|completed|done)\b.*$", re.I)


def printed_owner(owner: Optional[str], text: str, cell: bool = False) -> Optional[str]:
    """The owner as the sentence prints it: with its article ("the Clerk"), without a paragraph number
    ("108.2.2 Cllr Bonner") or a verb caught with it; from a log's "who" cell, only the name at its end."""
    if not owner:
        return owner
    owner = re.sub(r"^[\d.()]+\s+", "", owner.strip())
    owner = NOT_OWNER_WORDS.sub("", owner).strip()
    if cell and len(owner.split()) > 3:
        m = OWNER_TAIL.search(owner)
        owner = m.group(0) if m else owner
    if not owner:
        return None
    m = re.search(r"\b(the|The|THE)\s+" + re.escape(owner) + r"\b", text)
    if m and not owner.lower().startswith("the "):
        return m.group(0)
    return owner


@dataclass
class Context:
    """What the document tells about its own voice: whose "we" and whose "you"."""

    council: Optional[str] = None
    kind: str = "other"

    def we(self) -> Optional[str]:
        """In minutes "we" is the meeting itself, kept as printed; in a report or slides, the council."""
        if self.kind in PRINTED_WE:
            return "we"
        return None if self.kind == "letter" else self.council

    def you(self) -> Optional[str]:
        return self.council if self.kind == "letter" else None


def owner_key(owner: Optional[str]) -> Optional[str]:
    """A normalised form to group owners by: lower case, no article, councillor spelt out."""
    if not owner:
        return None
    key = owner.lower().strip(" .,;:")
    key = re.sub(r"^(the|a|an)\s+", "", key)
    key = re.sub(r"\bcllrs?\b\.?", "councillor", key)
    return re.sub(r"\s+", " ", key)


def owner_spans(sent: Span) -> list[Span]:
    return within(sent.doc, "owners", sent)


def is_agent(tokens: list[Any], spans: list[Span]) -> bool:
    if not tokens:
        return False
    start, end = tokens[0].i, tokens[-1].i + 1
    if any(s.start >= start and s.end <= end for s in spans):
        return True
    texts = [t.text for t in tokens]
    if any(PERSON_TITLE.match(t) for t in texts):
        return True
    return any(ACRONYM.match(t) for t in texts)


HEAD_STOP = {"of", "for", "in", "at", "on", "with", "from", "within", "across", "to", "under", "identified", "outlined",
             "named", "listed", "set", "who", "which", "that"}


def head_is_agent(tokens: list[Any], spans: list[Span]) -> bool:
    """The subject's head (before "of", "in", ...) names an agent: "chief executive of X", not "project in the KCP"."""
    head: list[Any] = []
    for t in tokens:
        if t.lower_ in HEAD_STOP and head:
            break
        head.append(t)
    if any(PERSON_TITLE.match(t.text) or ACRONYM.match(t.text) for t in head):
        return True
    last = head[-1].i + 1
    return any(s.start >= head[0].i and s.end == last or s.start == head[0].i and s.end >= last for s in spans)


def trim_tokens(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"also", "now", "currently", "still", "actively"}):
        tokens = tokens[:-1]
    return tokens


def tokens_text(tokens: list[Any]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


REACH = 40  # tokens read either side of a cue for its subject or agent: a run-on sentence is not read whole
WINDOW = 2 * REACH  # tokens of a sentence either side of a cue that ``find_owner`` reads


def subject_before(sent: Span, index: int) -> list[Any]:
    """The tokens of the clause before token ``index`` (within ``REACH``): its subject when the clause starts there."""
    out: list[Any] = []
    i = index - 1
    while i >= max(sent.start, index - REACH):
        tok = sent.doc[i]
        if tok.lower_ in CLAUSE_BREAK or tok.text in CLAUSE_BREAK:
            if tok.lower_ == "and" and i > sent.start and (out and _looks_named(trim_tokens(out)) or not out):
                # "Cllrs Evans and Richards", "deputy director and project management team", "the Mayor and the Clerk"
                prev = sent.doc[i - 1]
                if prev.is_title or prev.is_upper or prev.lower_ in {"director", "manager", "team", "officer"}:
                    out.insert(0, tok)
                    i -= 1
                    continue
            if tok.text == "-" and tok.whitespace_ == "" and i > sent.start:
                out.insert(0, tok)
                i -= 1
                continue
            break
        out.insert(0, tok)
        i -= 1
    return out


def _looks_named(tokens: list[Any]) -> bool:
    return bool(tokens) and (tokens[0].is_title or tokens[0].is_upper)


def _by_agent(sent: Span, start: int, spans: list[Span]) -> Optional[str]:
    """The agent after "by" following position ``start``: "overseen by deputy director and project team"."""
    doc = sent.doc
    for i in range(start, min(sent.end, start + 6)):
        if doc[i].lower_ == "by":
            toks = []
            for j in range(i + 1, min(sent.end, i + 1 + REACH)):
                t = doc[j]
                if t.is_punct or t.lower_ in {"in", "on", "at", "with", "from", "to", "for", "which", "who", "during",
                                                "through", "when", "as", "by"}:
                    break
                toks.append(t)
            toks = trim_tokens(toks)
            if toks and is_agent(toks, spans) and len(toks) <= 10:
                return tokens_text(toks)
            return None
    return None


def _passive_at(sent: Span, cue: Span) -> Optional[int]:
    """Index after the participle when the cue starts a passive ("will be circulated", "is being developed")."""
    doc = sent.doc
    i = cue.end if cue.label_ != "PROGRESSIVE" else cue.start
    # walk over "be", "been", "being", adverbs up to a participle
    seen_be = any(t.lower_ in BE for t in cue)
    if cue[-1].lower_ in {"planned", "scheduled", "expected"} and cue[0].lower_ in {"is", "are", "was", "were", "being"}:
        return cue.end
    for j in range(i, min(sent.end, i + 4)):
        t = doc[j]
        if t.lower_ in BE:
            seen_be = True
            continue
        if seen_be and PARTICIPLE.match(t.lower_) and not t.lower_.endswith("ing"):
            return j + 1
        if t.lower_.endswith("ly") or t.lower_ in {"also", "now", "further", "then", "still"}:
            continue
        break
    if cue.label_ == "PROGRESSIVE" and any(t.lower_ == "being" for t in cue):
        return cue.end
    return None


def find_owner(sent: Span, cue: Span, ctx: Context, history: Optional[list[str]] = None) -> Optional[str]:
    """The owner named for the commitment ``cue`` in sentence ``sent`` (as worded), or None.

    Only the part of the sentence within ``WINDOW`` tokens of the cue is read (all of any ordinary
    sentence), so a run-on "sentence" with thousands of cues is not read once per cue."""
    doc = sent.doc
    sent = doc[max(sent.start, cue.start - WINDOW):min(sent.end, cue.end + WINDOW)]
    spans = owner_spans(sent)
    label = cue.label_
    if label == "DELEGATE" and "authority" in cue.text.lower() or label == "DELEGATE" and cue.text.lower().startswith("author"):
        for i in range(cue.end, min(sent.end, cue.end + 6)):
            if doc[i].lower_ == "to":
                toks: list[Any] = []
                for j in range(i + 1, min(sent.end, i + 1 + REACH)):
                    t = doc[j]
                    if t.lower_ == "and" and toks and toks[-1].is_title and j + 1 < sent.end and doc[j + 1].is_title:
                        toks.append(t)  # "Director of Place and Environment"
                        continue
                    if t.is_punct or t.lower_ in {"in", "to", "for", "who", "which", "and"}:
                        break
                    toks.append(t)
                toks = trim_tokens(toks)
                if toks and is_agent(toks, spans):
                    return tokens_text(toks)
                break
        return None
    if label == "PLAN_FOR":  # "with a plan for the four LAs to maintain close oversight"
        toks = []
        for j in range(cue.end, min(sent.end, cue.end + 8)):
            if doc[j].lower_ == "to":
                toks = trim_tokens(toks)
                return tokens_text(toks) if toks and is_agent(toks, spans) else None
            toks.append(doc[j])
        return None
    if label == "PASSIVE_BY":
        return _by_agent(sent, cue.start, spans)
    passive_end = _passive_at(sent, cue) if label in {"FUTURE", "PROGRESSIVE"} else None
    if passive_end is not None:
        return _by_agent(sent, passive_end, spans)
    if label == "DELEGATE":  # "Cabinet is asked to agree": the one asked acts
        pass
    subject = subject_before(sent, cue.start)
    # "with a plan for the four LAs to maintain" -> the noun phrase after "for"
    if subject and any(t.lower_ == "for" for t in subject) and cue.text.lower().startswith("to"):
        after_for = subject[max(i for i, t in enumerate(subject) if t.lower_ == "for") + 1:]
        after_for = trim_tokens(after_for)
        if after_for and is_agent(after_for, spans):
            return tokens_text(after_for)
    if cue[0].lower_ in PRONOUN_WE:  # "we actively recruiting"
        return ctx.we()
    if cue[0].lower_ in PRONOUN_YOU:
        return ctx.you()
    if cue.start > sent.start and doc[cue.start - 1].lower_ in {"your", "our"} and label == "FUTURE":
        return ctx.you() if doc[cue.start - 1].lower_ == "your" else ctx.we()  # "your plans to improve"
    subject = trim_tokens(subject)
    while subject and subject[-1].lower_ in {"is", "are", "am", "was", "were", "'re", "'s", "be", "been"}:
        subject = trim_tokens(subject[:-1])
    if not subject and cue.start > sent.start and doc[cue.start - 1].lower_ == "and":
        # "An independent chair ... has been identified and will assume": the sentence's subject
        head = []
        for t in doc[sent.start:cue.start]:
            if t.lower_ in AUX or t.is_punct:
                break
            head.append(t)
        subject = trim_tokens(head)
    if not subject:
        return None
    subject = _after_lead_in(subject, spans)
    low = [t.lower_ for t in subject]
    if low[-1] in PRONOUN_WE or low == ["we"]:
        return ctx.we()
    if low[-1] in PRONOUN_YOU:
        return ctx.you()
    if low[-1] in {"he", "she", "they"}:
        # "The Planning Development Manager said he would ...": the speaker named before the speech verb
        for i, t in enumerate(subject):
            if t.lower_ in SPEECH and i:
                speaker = trim_tokens(subject[:i])
                if speaker and head_is_agent(speaker, spans) and len(speaker) <= 8:
                    return tokens_text(speaker)
        return history[-1] if history and len(low) == 1 else None
    if low[0] in NOT_AGENT and not any(sp.start == subject[0].i for sp in spans) or any(t.lower_ in {"of", "in", "on", "at", "to", "with"} for t in subject[:1]):
        return None
    if len(subject) > 9 or not head_is_agent(subject, spans):
        return None
    if any(t.lower_ in AUX for t in subject):
        return None
    return tokens_text(subject)


LEAD_IN = {"in", "on", "at", "after", "following", "meanwhile", "then", "subsequently", "thereafter"}


def _after_lead_in(subject: list[Any], spans: list[Span]) -> list[Any]:
    """"in the meantime the Clerk", "at the next meeting the Chair": a clause opening with an adverbial
    phrase has its subject at the end; the phrase is dropped when an agent (a role, body or titled person)
    starts after it, else the subject is left as it was (and read as no agent)."""
    if not subject or subject[0].lower_ not in LEAD_IN:
        return subject
    for k in range(2, len(subject)):
        if PERSON_TITLE.match(subject[k].text) or any(sp.start == subject[k].i for sp in spans):
            return trim_tokens(subject[k:])
    return subject


_COUNCIL = re.compile(r"\b((?:[A-Z][A-Za-z'’]+[ \t]+){0,3}?[A-Z][A-Za-z'’]+)\s+(City|County|Borough|District|Parish|Town|"
                      r"Community|Metropolitan Borough)\s+Council\b", re.I)


def council_named(text: str) -> Optional[str]:
    """The council a paper names most often ("SOUTHAMPTON CITY COUNCIL" -> "Southampton City Council").

    Only a fallback for "we"/"you" when the metadata parser left ``record.council`` empty."""
    counts: dict[str, int] = {}
    for m in _COUNCIL.finditer(text):
        name = m.group(1).split()[-1]
        if name.lower() in {"the", "a", "of", "and", "for", "to", "with"}:
            continue
        full = f"{name.title()} {m.group(2).title()} Council"
        counts[full] = counts.get(full, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
