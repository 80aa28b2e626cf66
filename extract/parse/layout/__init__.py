"""The layout reader: every line of a paper gets a role (item heading, decision, attendance, ...).

Rules written from a few councils' papers do not carry to the next council's
template, so the roles are learnt from annotated real papers (``make train``)
by a sequence model over layout and pattern-cue features, as GROBID reads
scholarly papers of any publisher.  ``labels`` reads and writes the annotation
files, ``features`` turns lines into features, ``model`` applies the trained
model, ``train`` builds it.
"""
