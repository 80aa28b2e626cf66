"""Pathological texts parse in time proportional to their size (the whole pipeline: load, parse, tag).

Each input is as long as a normal paper's text that is parsed in the same test, and must not
take many times longer: a regular expression that backtracks over a run of blank lines, or a
loop that reads a whole block once per sentence, costs the square (or cube) of the size and
blows far past the ratio. Each parse runs in a forked child with a generous time guard, so a
hang fails the test instead of stalling the suite. Ratios, not wall-clock limits: the machine
may be busy, so a case over the ratio is measured once more before it fails.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Optional

import pytest

from extract.batch.worker import warm

ROOT = Path(__file__).resolve().parents[1]
NORMAL = (ROOT / "corpus" / "little_ashby_pc_2024-10-16_minutes.txt").read_text(encoding="utf-8")
SIZE = 20_000  # characters: large enough that a quadratic pass takes minutes, small enough to stay quick
RATIO = 12.0  # at most this many times the normal text's time (linear cases measure 0.1-3x)
GUARD = 120.0  # seconds before a parse counts as hung


def repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "spaces": repeat(" "),
    "blank lines": repeat("\n"),
    "blank lines of spaces and tabs": repeat(" \t \n\n  "),
    "CRLF blank lines": repeat(" \r\n"),
    "paragraphs between long blank runs": lambda n: ((NORMAL[:500] + "\n" * 500) * (n // 1000 + 1))[:n],
    "blank runs before .gov": repeat(" \n \n .gov"),
    "one run of semicolons": repeat(";"),
    "one run of pound signs": repeat("£"),
    "one run of commas": repeat(","),
    "dotted leaders": repeat("Item .......... 12\n"),
    "Markdown bold markers": repeat("**"),
    "hyphen chain": repeat("a-"),
    "one long word": repeat("a"),
    "10,000-character lines": repeat("x" * 10_000 + "\n"),
    "numbers in brackets": repeat("[1] "),
    "run-on commitments": repeat("we will report the Director will "),
    "capitalised lines": repeat("ABC\n"),
}


def _parse(text: str, folder: str, sink: object) -> None:
    """In the child: write the text as a paper, load, parse and tag it, send back the seconds taken.

    A text with nothing to read ("no text in this file") is an answer too: the time to find that out counts."""
    from extract.errors import UnreadableInput
    from extract.pipeline import ExtractOptions, extract_file

    path = Path(folder) / "paper.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        extract_file(path, ExtractOptions(ocr="never"))
    except UnreadableInput:
        pass
    sink.send(time.perf_counter() - started)  # type: ignore[attr-defined]


def timed(text: str, folder: Path) -> Optional[float]:
    """Seconds the pipeline took on ``text`` in a forked child; None when it ran past ``GUARD``."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_parse, args=(text, str(folder), send))
    child.start()
    send.close()
    wait([receive, child.sentinel], GUARD)  # an answer, the child's end, or the guard
    seconds = receive.recv() if receive.poll() else None
    if child.is_alive():
        child.kill()
    child.join()
    if seconds is None and child.exitcode != -signal.SIGKILL:
        pytest.fail(f"the parse failed without an answer (exit code {child.exitcode})")
    return seconds


@pytest.fixture(scope="module")
def normal_seconds(tmp_path_factory) -> float:
    warm()  # loaded once here, inherited by every forked child
    folder = tmp_path_factory.mktemp("fuzz-normal")
    return min(t for t in (timed(repeat(NORMAL)(SIZE), folder) for _ in range(2)) if t is not None)


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_parses_in_time_proportional_to_its_size(name, normal_seconds, tmp_path):
    text = PATHOLOGICAL[name](SIZE)
    assert len(text) == SIZE
    seconds = timed(text, tmp_path)
    if seconds is None:
        pytest.fail(f"{name}: still parsing after {GUARD:g} s ({SIZE} characters; the normal text took "
                    f"{normal_seconds:.2f} s)")
    ratio = seconds / normal_seconds
    if ratio > RATIO:  # a busy machine: measure both again before calling it super-linear
        normal_again = timed(repeat(NORMAL)(SIZE), tmp_path)
        seconds = timed(text, tmp_path) or GUARD
        ratio = seconds / max(normal_seconds, normal_again or 0.0)
    assert ratio <= RATIO, (f"{name}: {seconds:.2f} s for {SIZE} characters, {ratio:.1f} times the normal text "
                            f"({normal_seconds:.2f} s): something reads it in more than linear time")
