"""Actions: who must do what, by when, from resolutions, recommendations and the text.

Four sources, each kept apart (``source``): resolutions that ask someone to act
(procedural ones, such as minutes approved, items noted, press excluded, are
not actions); report recommendations that ask for more than noting; each bullet
or paragraph under a next-steps heading ("Next Steps", "Action/next steps",
"What are we doing about it?", see ``patterns/headings.jsonl``); and any other
sentence that commits someone to future or ongoing work ("we will", "is
planned", "Clerk to ...", see ``patterns/action_cues.jsonl``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from ..record import Action, Record
from .blocks import Block
from .classify import features, model
from .dates import due_date
from .owners import (ACRONYM, PERSON_TITLE, Context, find_owner, head_is_agent, is_agent, owner_key, owner_spans,
                     printed_owner, subject_before, tokens_text, trim_tokens)
from .spans import within as spans_within

ACT_LABELS = ("DELEGATE", "ASKED", "FUTURE", "PROGRESSIVE", "PASSIVE_BY", "PLAN_FOR")
COMMIT_LABELS = ("ASKED", "FUTURE", "PROGRESSIVE")
ITEM_PREFIX = re.compile(r"^\s*(?:\d{1,5}[.)]\s*)?(?:[A-Z][^.:–—]{0,80}:\s*)?")
DASH_PREFIX = re.compile(r"^([^.–—]{3,70}?)\s+[–—-]\s+(?=[A-Z])")
REQUEST_WORDS = {"requested", "request", "requests"}
# "X to receive the report" asks X only to listen: receiving, like noting, is no action of its own
NOT_VERB = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "notes", "noted", "note", "considered",
            "received", "receive", "agreed", "approved", "resolved", "endorsed", "and", "of", "for", "to", "in", "on", "with"}


def cues(doc: Doc, labels: Iterable[str] = ACT_LABELS, within: Optional[Span] = None) -> list[Span]:
    wanted = set(labels)
    found = doc.spans.get("cues", []) if within is None else spans_within(doc, "cues", within)
    out = [s for s in found if s.label_ in wanted and not _is_name(s)]
    return sorted(out, key=lambda s: (s.start, -len(s)))


def _is_name(cue: Span) -> bool:
    """"Fire Chief Will Bateman": a capitalised "Will" before another capitalised word is a forename, not "will"."""
    doc = cue.doc
    return cue[0].text == "Will" and cue.end < len(doc) and doc[cue.end].is_title and cue[0].i + 1 == cue.end


VERB_S = {"continues", "aims", "seems", "needs", "wants", "appears", "tends", "hopes", "plans", "intends", "fails",
          "proceeds", "begins", "starts", "remains"}
NOT_BEFORE_TO_BE = {"continue", "continues", "continued", "need", "needs", "needed", "appear", "appears", "seem",
                    "seems", "is", "are", "was", "were", "likely", "deemed", "going", "has", "have", "had", "want",
                    "wants", "used", "proved", "proven", "ought", "expected", "found", "considered", "said"}


def _relative(doc: Doc, cue: Span, sent_start: Optional[int] = None) -> bool:
    """A cue that does not commit: "which would help" (a relative clause describes), "continues to be".

    ``sent_start``: where the cue's sentence starts, when the caller knows (``cue.sent`` reads the whole sentence)."""
    before = [doc[i].lower_ for i in range(max(0, cue.start - 2), cue.start)]
    if sent_start is None:
        sent_start = cue.sent.start
    if cue.label_ == "FUTURE" and cue[-1].lower_ in {"will", "would", "shall"} and _states(doc, cue.end):
        return True
    if cue.label_ == "PROGRESSIVE" and cue[0].lower_ == "being" and before and before[-1] == ",":
        return True  # ", being targeted to ...": a participle clause describing, not work under way
    if cue.label_ == "FUTURE" and cue.text.lower() == "to be":
        # a headline instruction ("More plans to be co-produced"), not "yet to be", "it to be", "want X to be"
        return (not before or before[-1] in NOT_BEFORE_TO_BE or before[-1].endswith("ed") or before[-1] in
                {"yet", "set", "due", "it", "forecast", "complex", "able"} or cue.start - sent_start > 8
                or bool({t.lower_ for t in doc[sent_start:cue.start]} & {"want", "wants", "wish", "like", "hope", "hoped"}))
    if cue.label_ == "FUTURE" and cue.text.lower() in {"plans to", "plan to"}:
        return cue.start - sent_start > 1 and (not before or before[-1] not in
                                               {"we", "they", "has", "have", "our", "no", "your", "its", "their"})
    if len(before) > 1 and before[0] in {"how", "what", "why", "where", "whether"}:
        return True
    if before and before[-1] in {"which", "who", "there"} and cue[0].lower_ in {"would", "will"}:
        return True
    return any(w in {"that", "which", "who"} for w in before) and cue.label_ in {"FUTURE", "PROGRESSIVE"} \
        and cue[0].lower_ in {"is", "are", "in"}


def _states(doc: Doc, i: int) -> bool:
    """"will (not) be the answer", "will be subject to": a forecast of a state, not work anyone does."""
    words = [doc[j].lower_ for j in range(i, min(len(doc), i + 4))]
    while words and words[0] in {"not", "also", "then", "still", "therefore", "now", "only"}:
        words = words[1:]
    if len(words) < 2 or words[0] != "be":
        return False
    nxt = words[1]
    return not (nxt.endswith("ing") or nxt.endswith("ly") or re.match(r"^[a-z]+(?:ed|en|wn|ne|de|lt|nt|pt|ught|ld|un|et|ut|ck)$", nxt)
                or nxt in {"made", "held", "done", "given", "sent", "brought", "put", "set", "taken", "kept", "met",
                           "built", "run", "seen", "shown", "known", "paid", "sought", "laid", "led", "read", "spent"})


def _reported(cue: Span) -> bool:
    """"would", "was due to": reported speech in minutes narrates what was said, it commits no one.

    (Resolutions are different: "That the Panel would be provided with ..." is the decision.)"""
    words = [t.lower_ for t in cue]
    return cue.label_ == "FUTURE" and words[0] in {"was", "were"} and "going" not in words


def _needs_owner(cue: Span) -> bool:
    """"X are working", "X said he would": ongoing work or reported intent counts only when someone
    named is doing it (else it is a state, or narration)."""
    if cue.label_ == "FUTURE" and cue[0].lower_ == "would":
        return True
    return cue.label_ == "PROGRESSIVE" and not any(t.lower_ == "being" for t in cue)


def owner_to_verb(sent: Span) -> Optional[Span]:
    """"Clerk to thank him", "Finance Sub-Committee to meet", "Cllrs Evans & Richards to meet": an instruction."""
    doc = sent.doc
    for i in range(sent.start + 1, min(sent.end - 1, sent.start + 9)):
        if doc[i].lower_ == "to" and doc[i + 1].is_lower and doc[i + 1].is_alpha and doc[i + 1].lower_ not in NOT_VERB:
            subject = trim_tokens([doc[j] for j in range(sent.start, i)])
            if doc[i + 1].lower_ in {"the", "a", "an", "our", "their", "all", "be", "date", "its"}:
                return None
            if any(t.is_lower and (t.lower_.endswith("ed") or t.lower_ in VERB_S) for t in subject[1:]):
                return None  # "The team continued to work": a report of the past, not an instruction
            if subject and len(subject) <= 7 and _starts_with_agent(subject, owner_spans(sent)) \
                    and head_is_agent(subject, owner_spans(sent)) \
                    and (not any(t.is_punct and t.text not in {"&", "-"} for t in subject) or _name_list(subject)) \
                    and not any(t.lower_ in {"is", "are", "was", "were", "has", "have", "had", "will", "would", "shall",
                                             "can", "may", "must", "should", "could"} for t in subject):
                return doc[i:i + 1]
            return None
    return None


ASKING = {"asked", "requested", "instructed", "authorised", "authorized", "authorising", "authorizing", "authorise",
          "authorize", "authorises", "authorizes", "directed", "directs", "directing", "requests", "requesting",
          "instructing", "invited", "tasked"}


def object_owner(sent: Span) -> Optional[str]:
    """"Cllr Blake requested the Clerk to find out", "authorizing the Director of Housing to negotiate": the
    one asked to act, named between the asking verb and "to <verb>"."""
    doc = sent.doc
    spans = owner_spans(sent)
    for i in range(sent.start, sent.end - 2):
        if doc[i].lower_ not in ASKING:
            continue
        for j in range(i + 1, min(sent.end - 1, i + 10)):
            if doc[j].lower_ == "to":
                if j == i + 1:
                    break  # "was asked to remind Cllr X to ...": the one asked is before the verb, not after
                toks = trim_tokens([doc[k] for k in range(i + 1, j)])
                verb = doc[j + 1]
                named = toks and not any(t.is_punct and t.text not in {"&", "-", "'s", "’s"} for t in toks)
                if named and verb.is_alpha and verb.is_lower and verb.lower_ != "be" \
                        and is_agent(toks, spans) and head_is_agent(toks, spans):
                    return tokens_text(toks)
                break
            if doc[j].is_punct and doc[j].text not in {"&", "-"}:
                break
    return None


# "asked the DfE to consider", "invited the LGA to undertake": in a narrative a plea or an invitation to
# another party, which it may decline; the directing verbs ("requested the Clerk to", "authorizing the
# Director to") give work
INVITING = {"asked", "invited"}


def directed_owner(sent: Span) -> Optional[str]:
    """The officer or member a sentence directs to act ("requested the Clerk to find out"), as ``object_owner``
    finds them, but not one merely asked or invited (``INVITING``), nor a body being asked: in minutes "she
    asked the Board to disregard ..." reports a speaker's plea to the meeting itself, which is the body that
    decides, not one given work."""
    owner = object_owner(sent)
    if owner is None:
        return None
    at = sent.text.find(owner)
    lo, hi = sent.start_char + at, sent.start_char + at + len(owner)
    tokens = [t for t in sent if lo <= t.idx < hi]
    if at < 0 or not tokens:
        return None
    verb = next((sent.doc[i] for i in range(tokens[0].i - 1, max(sent.start, tokens[0].i - 4) - 1, -1)
                 if sent.doc[i].lower_ in ASKING), None)
    if verb is None or verb.lower_ in INVITING:
        return None
    spans = [sp for sp in owner_spans(sent) if sp.start >= tokens[0].i and sp.end <= tokens[-1].i + 1]
    if any(PERSON_TITLE.match(t.text) for t in tokens) or any(sp.label_ != "BODY" for sp in spans):
        return owner
    return None



def verb_subject(sent: Span, verb: Span) -> Optional[str]:
    """Who an instruction found by ``owner_to_verb`` names: the clause before "to", or the whole list of
    people when the sentence opens with one ("WR, CR & HW to liaise")."""
    opening = trim_tokens([sent.doc[j] for j in range(sent.start, verb.start)])
    if _name_list(opening):
        return tokens_text(opening)
    return tokens_text(trim_tokens(subject_before(sent, verb.start))) or None


def _name_list(tokens: list) -> bool:
    """"WR, CR & HW", "Cllrs Evans, Jones and Richards": people listed with commas, who act together."""
    words = [t for t in tokens if not t.is_punct and t.lower_ != "and"]
    return any(t.text == "," for t in tokens) and all(t.text in {",", "&", "-"} or t.lower_ == "and" for t in tokens if t.is_punct
                                                      or t.lower_ == "and") \
        and bool(words) and all(ACRONYM.match(t.text) or PERSON_TITLE.match(t.text) or t.is_title for t in words)


def _starts_with_agent(tokens: list, spans: list[Span]) -> bool:
    first = tokens[0]
    if PERSON_TITLE.match(first.text) or ACRONYM.match(first.text):
        return True
    return any(s.start == first.i for s in spans)


def subjunctive_owner(doc: Doc, ctx: Context, allow_s: bool = False) -> tuple[bool, Optional[str]]:
    """"that TCC go back to the Trust": a decision telling a named body what to do."""
    toks = [t for t in doc if not t.is_space]
    if toks and toks[0].lower_ in {"resolved", "agreed"}:
        toks = toks[1:]
    lead = 1 if toks and toks[0].lower_ == "that" else 0
    if len(toks) < 2 + lead:
        return False, None
    spans = [s for s in doc.spans.get("owners", []) if s.start <= 4]
    endings = ("ed",) if allow_s else ("ed", "s")
    for i in range(lead + 1, min(len(toks), 9)):
        t = toks[i]
        if t.is_lower and t.is_alpha and t.lower_ not in {"the", "a", "an", "of", "for", "and"} and (
                t.lower_ in NOT_VERB or t.lower_.endswith(endings)):
            return False, None  # "that the Council contributes ...", "that the report be noted": not an instruction
        if t.lower_ in {"would", "will", "shall", "should", "must"} and i + 1 < len(toks) and toks[i + 1].lower_ == "be":
            return True, None  # "That the Panel would be provided with ...": the Panel receives, nobody named acts
        if t.is_lower and t.is_alpha and t.lower_ not in NOT_VERB and not t.lower_.endswith(endings):
            subject = trim_tokens(toks[lead:i])
            if subject and _starts_with_agent(subject, spans) and head_is_agent(subject, spans):
                return True, tokens_text(subject)
            return False, None
    return False, None


def clean_sentence(text: str, in_bullet: bool) -> str:
    """A sentence as quoted: no minute number, no "Heading:" or "Heading –" lead-in of a paragraph."""
    text = text.strip()
    if not in_bullet:
        stripped = ITEM_PREFIX.sub("", text, count=1) if re.match(r"^\s*\d{1,5}[.)]", text) else text
        m = DASH_PREFIX.match(stripped)
        if m and len(m.group(1).split()) <= 8:
            stripped = stripped[m.end():]
        text = stripped or text
    return text.strip()


@dataclass
class Candidate:
    """A sentence that might be an action: what the classifier is asked about, kept with what the rules found."""

    text: str
    owner: Optional[str]
    source: str
    page: Optional[int]
    meeting_date: Optional[str]
    rule: bool  # the hand rules call it an action
    feats: list[str] = field(default_factory=list)
    label: Optional[str] = None  # the classifier's verdict, once asked
    due: Optional[str] = None


def rule_verdict(doc: Doc, source: str, ctx: Optional[Context] = None) -> tuple[bool, Optional[str]]:
    """The hand rules on a resolution or recommendation: is it an action, and who is named to act."""
    ctx = ctx or Context()
    found = cues(doc)
    labels = {c.label_ for c in found}
    spans = doc.spans.get("cues", [])
    procedural = any(s.label_ == "PROCEDURAL" for s in spans)
    if source == "recommendation":
        asked = [c for c in found if c.label_ == "DELEGATE" and "asked" in c.text.lower()]
        if asked:
            nxt = doc[asked[0].end:asked[0].end + 1]
            if nxt.text.lower() in {"note", "consider", "comment", "endorse", "receive"}:
                return False, None
        elif procedural and not {"FUTURE", "ASKED", "PROGRESSIVE"} & labels:
            return False, None
        return True, (_owner_from(doc, found, ctx) if found else None) or subjunctive_owner(doc, ctx, allow_s=True)[1]
    delegate = any(c.label_ == "DELEGATE" and "author" in c.text.lower() for c in found)
    if delegate or ({"DELEGATE", "FUTURE", "PROGRESSIVE", "ASKED"} & labels and not procedural):
        return True, _owner_from(doc, found, ctx) or subjunctive_owner(doc, ctx)[1]
    first = [t for t in doc if not t.is_space][:1]
    if first and first[0].lower_ == "to" and not procedural:
        return True, None
    if not procedural:
        return subjunctive_owner(doc, ctx)
    return False, None


def _owner_from(doc: Doc, found: list[Span], ctx: Context) -> Optional[str]:
    sent = doc[:]
    for cue in found:
        if cue.text.lower() in REQUEST_WORDS:
            return None
        if _relative(doc, cue):
            continue
        owner = find_owner(sent, cue, ctx)
        if owner:
            return owner
    return None


class ActionFinder:
    """Collects candidate sentences of one record, then keeps those the classifier calls requests.

    ``ctx`` says whose "we" and "you" are. Resolutions and recommendations are offered first, so a
    sentence found again in the text is not a second action (one sentence, one record)."""

    def __init__(self, record: Record, ctx: Context) -> None:
        self.record = record
        self.ctx = ctx
        self.actions: list[Action] = []
        self.candidates: list[Candidate] = []
        self.next_meeting: Optional[str] = None  # the date the paper gives for the next meeting

    def offer(self, sent: Span, text: str, owner: Optional[str], source: str, page: Optional[int], rule: bool,
              meeting_date: Optional[str] = None, extra: Iterable[str] = ()) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if len(text.split()) < 3:
            return
        letters = list(filter(str.isalpha, text))
        if len(letters) > 20 and sum(map(str.isupper, letters)) > 0.6 * len(letters):
            return  # a sentence in capitals is a heading or a notice ("THIS DOCUMENT GIVES NOTICE OF ..."), not work
        extra = list(extra)
        owner = printed_owner(owner, sent.text, cell="log_row" in extra)
        feats = features(sent, source, rule, owner is not None) + extra  # what the classifier was trained on
        owner = owner or printed_owner(object_owner(sent), sent.text)
        if owner and re.search(re.escape(owner) + r"\s+(?:will|would|shall|is to|are to)\s+(?:also\s+)?(?:receive|be given)\b",
                               text, re.I):
            owner = None  # "the Panel will receive a further brief": the one who receives does not act
        self.candidates.append(Candidate(text, owner, source, page, meeting_date, rule, feats,
                                         due=self.due(text, meeting_date)))

    def decide(self, judge: Optional[Callable[[Candidate], str]] = None) -> list[Action]:
        """Ask the classifier (or ``judge``) about every candidate; requests become actions, in order."""
        sentence_model = None if judge is not None else model()
        for cand in self.candidates:
            cand.label = judge(cand) if judge is not None else sentence_model.predict(cand.feats).label  # type: ignore[union-attr]
            if cand.label == "request":
                self.add(cand.text, cand.owner, cand.source, cand.page, cand.meeting_date, cand.due)
        return self.actions

    def due(self, text: str, meeting_date: Optional[str]) -> Optional[str]:
        return due_date(text, meeting_date or self.record.date, self.next_meeting or self.record.date)

    def add(self, text: str, owner: Optional[str], source: str, page: Optional[int],
            meeting_date: Optional[str] = None, due: Optional[str] = None) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if len(text.split()) < 3:
            return
        low = text.lower().strip(" .")
        for other in self.actions:
            if other.page is not None and page is not None and abs(other.page - page) > 1:
                continue  # the same words on another page are another record (an action list repeating one)
            olow = other.text.lower().strip(" .")
            if fuzz.ratio(olow, low) >= 90 or (min(len(olow), len(low)) > 15 and (olow in low or low in olow)):
                return
        self.actions.append(Action(text=text, owner=owner, source=source, page=page, owner_key=owner_key(owner),
                                   due=due if due is not None else self.due(text, meeting_date)))

    # -- resolutions and recommendations ----------------------------------------------------------
    def from_resolution(self, doc: Doc, page: Optional[int], meeting_date: Optional[str]) -> None:
        is_action, owner = rule_verdict(doc, "resolution", self.ctx)
        if not is_action:
            verb = owner_to_verb(doc[:])  # "Clerk to write": the classifier still hears who would act
            owner = verb_subject(doc[:], verb) if verb is not None else None
        self.offer(doc[:], doc.text, owner, "resolution", page, is_action, meeting_date)

    def from_recommendation(self, doc: Doc, page: Optional[int]) -> None:
        is_action, owner = rule_verdict(doc, "recommendation", self.ctx)
        self.offer(doc[:], doc.text, owner, "recommendation", page, is_action)

    # -- text ------------------------------------------------------------------------------------
    def from_next_steps(self, block: Block, doc: Doc) -> None:
        owner = None
        history: list[str] = []
        for sent in doc.sents:
            for cue in cues(doc, within=sent):
                if _relative(doc, cue, sent.start) or cue.text.lower() in REQUEST_WORDS:
                    continue
                owner = find_owner(sent, cue, self.ctx, history)
                if owner:
                    break
            if owner is None:
                verb = owner_to_verb(sent)
                if verb is not None:
                    owner = verb_subject(sent, verb)
            if owner:
                break
        if owner is None:
            first = [t for t in doc if not t.is_space][:1]
            if first and first[0].lower_ == "we":
                owner = self.ctx.we()
        if owner is None:
            owner = _action_log_owner(doc)
        self.offer(doc[:], block.text, owner, "next_steps", block.page, True)

    def from_text(self, block: Block, doc: Doc) -> None:
        """Sentences of an ordinary block: those the rules call commitments, and any that might be one."""
        if block.heading:
            return
        history: list[str] = []
        sents = list(doc.sents)
        states = {sp.start for sp in doc.spans.get("cues", []) if sp.label_ == "STATE_VERB"}
        for n, sent in enumerate(sents):
            text = sent.text.strip()
            # three words are enough for an instruction of an action column ("Clerk to write", "Clerk to chase")
            if (len(sent) < 4 and owner_to_verb(sent) is None) or text.endswith("?"):
                self._remember(sent, history)
                continue
            found = [c for c in cues(doc, COMMIT_LABELS, within=sent)
                     if not _relative(doc, c, sent.start) and not _reported(c)]
            owned = {c.start: find_owner(sent, c, self.ctx, history) for c in found}
            found = [c for c in found if not _needs_owner(c) or owned[c.start]]
            found = [c for c in found if not (c.label_ == "PROGRESSIVE" and c.end - 1 in states)]
            blocked = any(sp.label_ in {"QUESTION", "NOT_COMMITMENT"} for sp in spans_within(doc, "cues", sent))
            verb = owner_to_verb(sent)
            # "requested the Clerk to find out", "authorizing the Director of Housing to negotiate": the one asked acts
            asked = None if blocked else directed_owner(sent)
            lead = (n == 0 and block.bullet and any(s.label_ == "LEAD_GERUND" and s.start == sent.start
                                                     for s in doc.spans.get("cues", [])))
            rule = not blocked and bool(found or verb is not None or lead or asked)
            owner = None
            if verb is not None:
                owner = verb_subject(sent, verb)
            for cue in found:
                if owner:
                    break
                owner = owned[cue.start]
            owner = owner or asked
            marked = ACTION_MARK.match(text)
            if marked:  # "ACTION: Cllr Freeman to circulate plans": an action line of the minutes
                self.offer(sent, text[marked.end():], owner or _action_log_owner(doc[sent.start + 2:sent.end]),
                           "next_steps", block.page, True, extra=["action_mark"])
            elif rule or _MAYBE.search(text):
                self.offer(sent, clean_sentence(text, block.bullet), owner, "commitment", block.page, rule)
            self._remember(sent, history)

    @staticmethod
    def _remember(sent: Span, history: list[str]) -> None:
        """People named in a sentence, latest last, for a following "He"/"She"."""
        toks = list(sent)
        for i, t in enumerate(toks[:-1]):
            if PERSON_TITLE.match(t.text) and toks[i + 1].is_title:
                j = i + 1
                while j < len(toks) and toks[j].is_title and not PERSON_TITLE.match(toks[j].text):
                    j += 1
                history.append(sent.doc[toks[i].i:toks[j - 1].i + 1].text)


ACTION_MARK = re.compile(r"^\s*actions?\s*[:\-–]\s*(?=\S)", re.I)
# sentences the rules pass over but the classifier is still asked about: any wording of obligation or intent
_MAYBE = re.compile(r"\b(?:will|would|shall|should|must|need(?:s|ed)? to|to be|asked|agreed|requested|action|"
                    r"to [a-z]+|going to|plan(?:s|ned)?|intend(?:s|ed)?|propose[sd]?)\b", re.I)


def _action_log_owner(doc: Doc | Span) -> Optional[str]:
    """An action-list entry "Finance to set up ...": the capitalised name before "to <verb>" is the owner."""
    toks = [t for t in doc if not t.is_space][:7]
    for i, t in enumerate(toks[1:], 1):
        if t.lower_ == "to":
            name = toks[:i]
            if i + 1 < len(toks) and toks[i + 1].is_lower and toks[i + 1].is_alpha \
                    and toks[i + 1].lower_ not in NOT_VERB | {"the", "a", "an", "date", "be"} \
                    and all(n.is_title or n.is_upper or n.text in {"&", "-", "of", "and"} for n in name) and len(name) <= 5:
                return tokens_text(name)
            return None
    return None


def is_next_steps_heading(block: Block, doc: Doc) -> bool:
    if block.bullet or block.words > 12:
        return False
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words:
        return False
    for span in doc.spans.get("headings", []):
        if span.start <= words[0].i and span.end >= words[-1].i + 1:
            return True
    return False


def ends_section(block: Block, started_with_bullets: Optional[bool], count: int) -> bool:
    """A heading, a table row or a change of list style closes a next-steps section."""
    if block.heading and not block.bullet:
        return True
    digits = sum(ch.isdigit() for ch in block.text)
    if digits > 0.25 * max(len(block.text), 1):
        return True
    if started_with_bullets and not block.bullet:
        return True
    if started_with_bullets is False and block.bullet:
        return False
    return count >= 12
