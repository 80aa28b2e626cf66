"""Words per second of the default NLP tagger on seed 001, against spaCy's bare tokenizer in the same run.

    .venv/bin/python benchmarks/bench_nlp.py [FILE]

Goal: >= 50,000 words/s on one core for ``tag_record`` (blocks, spaCy pipeline,
actions and metrics), measured after the pipeline is built (it is cached per process), in CPU time
(process_time) so that other work on the machine does not skew the figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from extract.load import load_document
from extract.nlp import tag_record
from extract.nlp.pipeline import get_nlp
from extract.record import Record, Source

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "seeds" / "001_937c12d170c9b0c7.txt"
    if not path.exists():
        print(f"{path} not found: pass a file")
        return 1
    doc = load_document(str(path))
    words = len(doc.text.split())
    get_nlp()  # build once, as a process does

    def tagger() -> None:
        record = Record(source=Source(file=doc.name, sha256=doc.sha256, pages=len(doc.pages)))
        tag_record(doc, record)

    blank = spacy.blank("en")
    texts = [page.text for page in doc.pages]

    def tokenizer() -> None:
        for _ in blank.tokenizer.pipe(texts):
            pass

    t_tag, t_tok = best_of(tagger), best_of(tokenizer)
    print(f"{path.name}: {words} words")
    print(f"reference spacy.blank('en') tokenizer: {words / t_tok:10,.0f} words/s")
    print(f"council-extract NLP tagger (default): {words / t_tag:10,.0f} words/s  "
          f"({t_tag / t_tok:.1f}x the tokenizer's time; goal >= 50,000 words/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
