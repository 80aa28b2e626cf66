"""Build the layout model from annotated papers: ``make train`` (deterministic).

    python -m extract.layout.train [--annotations DIR ...] [--papers DIR] [--out FILE] [--cv]

Each annotation is ``STEM.lines.tsv`` beside ``STEM.json`` (docs/annotating.md);
the paper itself is looked up by the record's ``source.file`` in ``--papers``
(default ``../shared/papers``, or ``COUNCIL_EXTRACT_PAPERS``).  Papers are read
in sorted order and the trainer (CRFsuite's L-BFGS) has no randomness, so the
same annotations give the same model file, byte for byte.

``--cv`` measures instead of building: for each body (the split file's bodies,
else each paper), a model trained on the other bodies labels that body's lines,
and per-label precision and recall are printed.  That is the honest figure for
the training set; ``scripts/score.py`` gives record-level scores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from ...load.model import Document
from . import labels as label_files
from .features import document_features
from .model import MODEL_FILE

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_ANNOTATIONS = [ROOT / "tests" / "gold" / "papers" / "train"]
DEFAULT_PAPERS = ROOT.parent / "shared" / "papers"
# Roles the model learns as one: an agenda entry and a minute item's heading look alike; which one a
# heading is follows from the part of the paper it stands in (``parse.agenda_roles``).
TRAINING_ROLES = {"agenda_item": "item"}
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 300, "feature.possible_transitions": True,
          "feature.minfreq": 1}


@dataclass
class Example:
    stem: str
    body: str
    features: list[dict[str, float]]
    labels: list[str]


def find_annotations(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(STEM.json, STEM.lines.tsv) pairs in ``folders``, sorted."""
    out = []
    for folder in folders:
        for tsv in sorted(folder.glob("*.lines.tsv")):
            rec = tsv.with_name(tsv.name[: -len(".lines.tsv")] + ".json")
            if rec.exists():
                out.append((rec, tsv))
    return out


def paper_for(record: Path, papers: Path) -> Optional[Path]:
    name = json.loads(record.read_text(encoding="utf-8")).get("source", {}).get("file")
    if name and (papers / name).exists():
        return papers / name
    stem = record.name[: -len(".json")]
    return next(iter(sorted(papers.glob(stem + ".*"))), None)


def body_of(stem: str) -> str:
    """The body a paper belongs to, from the split file; the stem itself when it is not listed."""
    split = ROOT / "tests" / "gold" / "papers" / "split.json"
    if split.exists():
        data = json.loads(split.read_text(encoding="utf-8"))
        for side in ("dev_train", "dev_test"):
            for body, files in data.get(side, {}).items():
                if any(Path(f).stem == stem for f in files):
                    return body
    return stem


def examples(folders: list[Path], papers: Path, load: Callable[[Path], Document],
             log: Callable[[str], None] = lambda s: None) -> list[Example]:
    out = []
    for record, tsv in find_annotations(folders):
        paper = paper_for(record, papers)
        stem = tsv.name[: -len(".lines.tsv")]
        if paper is None:
            log(f"skipped {stem}: paper not found in {papers}")
            continue
        doc = load(paper)
        rows = label_files.read(tsv)
        aligned = label_files.align(doc, rows)
        lines, feats = document_features(doc)
        if len(aligned) != len(feats):
            log(f"skipped {stem}: {len(aligned)} labels for {len(feats)} lines")
            continue
        missing = sum(1 for a in aligned if a is None)
        if missing:
            log(f"{stem}: {missing} of {len(aligned)} lines unmatched (labelled text)")
        labels = [TRAINING_ROLES.get(a or label_files.DEFAULT, a or label_files.DEFAULT) for a in aligned]
        out.append(Example(stem, body_of(stem), feats, labels))
    return out


def train(data: list[Example], out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in data:
        trainer.append(ex.features, ex.labels)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def cross_validate(data: list[Example]) -> dict[str, list[int]]:
    """Leave one body out: per label [true positives, gold, predicted] over every held-out body."""
    import pycrfsuite

    tally: dict[str, list[int]] = {}
    bodies = sorted({ex.body for ex in data})
    with tempfile.TemporaryDirectory() as tmp:
        for body in bodies:
            model = Path(tmp) / "cv.crfsuite"
            train([ex for ex in data if ex.body != body], model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            for ex in data:
                if ex.body != body:
                    continue
                predicted = tagger.tag(ex.features)
                for g, p in zip(ex.labels, predicted):
                    tally.setdefault(g, [0, 0, 0])[1] += 1
                    tally.setdefault(p, [0, 0, 0])[2] += 1
                    if g == p:
                        tally[g][0] += 1
            tagger.close()
    return tally


def _loader() -> Callable[[Path], Document]:
    from ...pipeline import load_file

    cache: dict[Path, Document] = {}

    def load(path: Path) -> Document:
        if path not in cache:
            try:
                sys.path.insert(0, str(ROOT / "scripts"))
                from score import load_cached  # the scorer's cache of loaded pages (OCR is slow)

                cache[path] = load_cached(path)
            except ImportError:
                cache[path] = load_file(path)
        return cache[path]

    return load


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", action="append", type=Path, help="a folder of annotations (repeatable)")
    ap.add_argument("--papers", type=Path, default=Path(os.environ.get("COUNCIL_EXTRACT_PAPERS", DEFAULT_PAPERS)))
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--cv", action="store_true", help="leave-one-body-out line scores instead of building")
    ap.add_argument("--exclude-body", action="append", default=[], help="leave this body's papers out")
    args = ap.parse_args(argv)
    folders = args.annotations or DEFAULT_ANNOTATIONS
    data = examples(folders, args.papers, _loader(), log=lambda s: print(s, file=sys.stderr))
    data = [ex for ex in data if ex.body not in set(args.exclude_body)]
    if not data:
        print(f"no annotated papers found in {', '.join(map(str, folders))} with papers in {args.papers}",
              file=sys.stderr)
        return 2
    counts = Counter(label for ex in data for label in ex.labels)
    print(f"{len(data)} papers, {sum(counts.values())} lines, {len({ex.body for ex in data})} bodies")
    if args.cv:
        tally = cross_validate(data)
        print(f"{'label':16} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}")
        for label in sorted(tally, key=lambda k: -tally[k][1]):
            tp, g, p = tally[label]
            prec, rec = tp / p if p else 0.0, tp / g if g else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"{label:16} {g:6} {p:6} {prec:6.2f} {rec:6.2f} {f1:6.2f}")
        right = sum(v[0] for v in tally.values())
        print(f"accuracy {right / sum(v[1] for v in tally.values()):.3f}")
        return 0
    train(data, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
