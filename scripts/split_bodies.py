#!/usr/bin/env python3
"""Draw the dev-test bodies of the real development pool, once, by a seeded draw.

Why: a figure measured on papers we tuned on says nothing about the next council.
The pool (../shared/papers, listed in its SOURCES.md) is split *by body*, never by
paper, so that no council's template is seen on both sides.  The draw is stratified
by region (UK and Ireland / North America) so that both sides hold papers of both
traditions, and takes a third of each stratum (rounded up).  The result is written
to tests/gold/papers/split.json and committed; it is never redrawn.

    python scripts/split_bodies.py [--sources ../shared/papers/SOURCES.md]
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import random
import re

SEED = 20261207
ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "gold" / "papers" / "split.json"
UK = {"England", "Scotland", "Wales", "Northern Ireland", "Ireland"}


def read_sources(path: pathlib.Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not re.match(r"^\|\s*\d+\s*\|", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append({"file": cells[1], "body": cells[6], "country": cells[7], "type": cells[8]})
    return rows


def body_key(body: str) -> str:
    """'Souldern Parish Council (Oxfordshire)' -> 'souldern parish council'."""
    body = re.sub(r"\(.*?\)", "", body)
    return re.sub(r"\s+", " ", body).strip().lower()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default=str(ROOT.parent / "shared" / "papers" / "SOURCES.md"))
    args = ap.parse_args()
    rows = read_sources(pathlib.Path(args.sources))
    bodies: dict[str, dict] = {}
    for r in rows:
        b = bodies.setdefault(body_key(r["body"]), {"files": [], "countries": set()})
        b["files"].append(r["file"])
        b["countries"].add(r["country"])
    strata: dict[str, list[str]] = {"uk": [], "north_america": []}
    for key, b in sorted(bodies.items()):
        strata["uk" if b["countries"] & UK else "north_america"].append(key)
    rng = random.Random(SEED)
    test: list[str] = []
    for name in sorted(strata):
        keys = sorted(strata[name])
        rng.shuffle(keys)
        test += keys[: math.ceil(len(keys) / 3)]
    split = {
        "seed": SEED,
        "method": "bodies from SOURCES.md (parenthesised place dropped), stratified by region "
                  "(uk / north_america), each stratum sorted then shuffled with random.Random(seed); "
                  "the first third (rounded up) of each is dev-test",
        "dev_test": {k: sorted(bodies[k]["files"]) for k in sorted(test)},
        "dev_train": {k: sorted(bodies[k]["files"]) for k in sorted(bodies) if k not in test},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
    n_test = sum(len(v) for v in split["dev_test"].values())
    print(f"{len(bodies)} bodies: {len(test)} dev-test ({n_test} papers), "
          f"{len(bodies) - len(test)} dev-train ({len(rows) - n_test} papers) -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
