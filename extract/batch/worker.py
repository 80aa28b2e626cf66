"""One file -> one plain result, run on a worker under a time limit and a memory limit.

Why the limits live *inside* the task: neither a process pool nor Dask can stop one
task that runs too long or grows too large, and a worker that dies takes the whole
``ProcessPoolExecutor`` with it. So ``run_task`` forks a child per document, gives
the child an address-space limit (``RLIMIT_AS``), and kills it at the deadline. A
pathological PDF costs one child, never the worker or the run, and the same function
runs unchanged on a local pool or a Dask worker (which runs tasks in threads, where
``signal.alarm`` cannot work).

Everything returned is plain data (a ``TaskResult`` holding dicts and strings), so it
crosses process and machine boundaries by pickle. The database is never touched here:
the parent is the single writer.

Test-only hooks: ``COUNCIL_EXTRACT_TEST_SLEEP`` makes the child sleep before parsing
(in a batch and in ``parse``), so tests can exceed ``--timeout`` or kill a run part-way; ``COUNCIL_EXTRACT_TEST_ALLOCATE``
makes it allocate that many MB, so tests can exceed ``--max-memory``. Their values are
``N`` (every file) or ``GLOB=N[;GLOB=N...]`` matched against the file name. Never set
them outside tests.
"""

from __future__ import annotations

import fnmatch
import os
import pickle
import select
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

TEST_SLEEP_ENV = "COUNCIL_EXTRACT_TEST_SLEEP"
TEST_ALLOCATE_ENV = "COUNCIL_EXTRACT_TEST_ALLOCATE"

# Outcome kinds a failed task reports; the runner records them with the reason.
OK, UNREADABLE, TIMEOUT, MEMORY, CRASHED, PARSE_ERROR = "ok", "unreadable", "timeout", "memory", "crashed", "parse_error"


@dataclass(frozen=True)
class Task:
    """What a worker needs to parse one file; plain and picklable."""

    path: str
    sha256: Optional[str] = None
    password: Optional[str] = None
    ocr: str = "auto"
    timeout: Optional[float] = 300.0  # seconds; None or 0 for no limit
    max_memory_mb: Optional[int] = 2048  # extra address space one document may take; None or 0 for no limit
    isolate: bool = True  # a child process per document (False: in the worker itself, no limits)


@dataclass
class TaskResult:
    """What came back: the parsed result, or why there is none."""

    path: str
    sha256: Optional[str]
    kind: str  # ok | unreadable | timeout | memory | crashed | parse_error
    result: Optional[dict[str, Any]] = None  # {"record": ..., "pages": [...], "path": ...} when kind == ok
    reason: Optional[str] = None
    seconds: float = 0.0
    pages: int = 0
    peak_rss_kb: int = 0  # the child's peak resident memory (0 when not isolated)
    worker_pid: int = field(default_factory=os.getpid)

    @property
    def ok(self) -> bool:
        return self.kind == OK


def parse_file(path: str, password: Optional[str] = None, ocr: str = "auto") -> dict[str, Any]:
    """The plain result the store writes: the record, each page's text, the path.

    Raises ``UnreadableInput`` for files that cannot be read.
    """
    from ..pipeline import ExtractOptions, extract_document, load_file
    from ..store.ingest import make_result

    options = ExtractOptions(password=password, ocr=ocr)
    doc = load_file(path, options)
    return make_result(doc, extract_document(doc, options), path=str(path))


def extract_limited(path: str, options: Any, timeout: Optional[float] = None) -> Any:
    """``extract_file(path, options)`` with a time limit (``parse --timeout``): read in a forked child
    that is killed at the deadline, so a pathological file cannot hang the command.

    Raises what reading the file raises, with its message and exit code (``ValueError`` for a bad
    page range), and ``UnreadableInput`` when the deadline passes."""
    from ..errors import CouncilExtractError, UnreadableInput

    def work() -> tuple[str, Any, Any]:
        from ..load import progress
        from ..pipeline import extract_document, load_file

        _test_hooks(path)
        try:
            doc = load_file(path, options)
        except ValueError as exc:  # --pages
            return "value", str(exc), None
        except CouncilExtractError as exc:
            return "error", str(exc), exc.exit_code
        progress.report("parsing", 0, 0)  # shown by ``parse`` on a terminal (the child writes to its stderr)
        try:
            return "ok", extract_document(doc, options), None
        except CouncilExtractError as exc:  # --model not installed
            return "error", str(exc), exc.exit_code

    limited = run_limited(work, timeout)
    if limited.timed_out:
        raise UnreadableInput(path, f"timed out after {timeout:g} s",
                              "raise --timeout (0 for no limit), or check the file is the paper you meant")
    if not limited.answered:
        sig = os.WTERMSIG(limited.status) if os.WIFSIGNALED(limited.status) else None
        if sig == signal.SIGKILL:
            raise UnreadableInput(path, "the parser was killed (SIGKILL), most likely out of memory")
        error = CouncilExtractError(f"{path}: the parser died ({limited.broken or _exit_text(limited.status)}); "
                                    "please report this file")
        raise error
    kind, value, code = limited.answer
    if kind == "value":
        raise ValueError(value)
    if kind == "error":
        error = CouncilExtractError(value)
        error.exit_code = code
        raise error
    return value


def _exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        return signal.Signals(sig).name if sig in signal.valid_signals() else f"signal {sig}"
    return f"exit status {os.WEXITSTATUS(status)}"


def run_task(task: Task) -> TaskResult:
    """Parse ``task.path`` under its limits; never raises for a bad document."""
    warm()
    started = time.monotonic()
    if task.isolate and hasattr(os, "fork"):
        outcome = _run_in_child(task)
    else:
        outcome = _run_here(task)
    outcome.seconds = round(time.monotonic() - started, 3)
    return outcome


def _attempt(task: Task) -> tuple[str, Any]:
    """(kind, result-or-reason) of parsing one file, in whichever process runs it."""
    from ..errors import UnreadableInput

    try:
        _test_hooks(task.path)
        return OK, parse_file(task.path, task.password, task.ocr)
    except UnreadableInput as exc:
        return UNREADABLE, exc.reason + (f"; {exc.hint}" if exc.hint else "")
    except MemoryError:
        return MEMORY, _memory_reason(task)
    except RecursionError:
        return PARSE_ERROR, "parse error: too deeply nested (RecursionError); please report this file"
    except Exception as exc:  # a parser bug must cost one document, not the run
        return PARSE_ERROR, f"parse error: {_describe(exc)}; please report this file"


def _run_here(task: Task) -> TaskResult:
    kind, value = _attempt(task)
    return _result(task, kind, value)


def _result(task: Task, kind: str, value: Any) -> TaskResult:
    if kind == OK:
        return TaskResult(task.path, task.sha256, OK, result=value, pages=len(value.get("pages") or []))
    return TaskResult(task.path, task.sha256, kind, reason=str(value))


@dataclass
class Limited:
    """How a function run by ``run_limited`` ended: its answer, or a timeout, or a death without one."""

    answer: Any = None
    answered: bool = False
    timed_out: bool = False
    status: int = 0  # the child's wait status, when it died without answering
    peak_rss_kb: int = 0
    broken: Optional[str] = None  # an answer that could not be read back (the child died while writing it)


def run_limited(work: Callable[[], Any], timeout: Optional[float] = None, max_memory_mb: Optional[int] = None,
                if_out_of_memory: Any = None) -> Limited:
    """Run ``work()`` in a forked child with a deadline and an address-space limit; read its pickled answer.

    The child dies with this process, is killed at the deadline, and never touches the caller's state.
    ``if_out_of_memory`` is the answer sent when the real one is too large to pickle under the limit.
    Where there is no ``fork`` (Windows) it runs here, without limits."""
    if not hasattr(os, "fork"):
        return Limited(answer=work(), answered=True)
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_fd)
            _die_with_parent(parent)
            _limit_memory(max_memory_mb)
            answer = work()
            try:
                data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                del answer
                data = pickle.dumps(if_out_of_memory)
            with os.fdopen(write_fd, "wb") as sink:
                sink.write(data)
            status = 0
        except BaseException:
            traceback.print_exc()  # a bug in ``work`` (it should answer for the errors it expects)
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + timeout if timeout else None
    chunks: list[bytes] = []
    out = Limited()
    ended = False  # the child closed its end: it answered, or died
    try:
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                out.timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                ended = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if not ended:  # timed out, or this process is being stopped: the child must not outlive it
            _kill(pid)
        _, out.status, usage = os.wait4(pid, 0)
    out.peak_rss_kb = int(usage.ru_maxrss)
    if chunks and not out.timed_out:
        try:
            out.answer, out.answered = pickle.loads(b"".join(chunks)), True
        except Exception as exc:  # a truncated answer: the child died while writing it
            out.broken = _describe(exc)
    return out


def _run_in_child(task: Task) -> TaskResult:
    """Parse in a forked child under the task's limits (``run_limited``)."""
    limited = run_limited(lambda: _attempt(task), task.timeout, task.max_memory_mb,
                          if_out_of_memory=(MEMORY, _memory_reason(task)))
    if limited.timed_out:
        out = TaskResult(task.path, task.sha256, TIMEOUT,
                         reason=f"timed out after {task.timeout:g} s; raise --timeout or remove it from the batch")
    elif limited.answered:
        kind, value = limited.answer
        out = _result(task, kind, value)
    elif limited.broken:
        out = TaskResult(task.path, task.sha256, CRASHED, reason=f"parser died while answering ({limited.broken})")
    else:
        kind, reason = _death(task, limited.status)
        out = TaskResult(task.path, task.sha256, kind, reason=reason)
    out.peak_rss_kb = limited.peak_rss_kb
    return out


def _death(task: Task, status: int) -> tuple[str, str]:
    """(kind, reason) for a child that exited without an answer."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        if sig == signal.SIGKILL:
            return MEMORY, f"parser was killed (SIGKILL), most likely out of memory; {_memory_hint(task)}"
        return CRASHED, f"parser crashed ({name}); the file may be corrupt, please report it"
    return CRASHED, f"parser exited with status {os.WEXITSTATUS(status)} and no answer; please report this file"


def _memory_reason(task: Task) -> str:
    return f"exceeded the memory limit; {_memory_hint(task)}"


def _memory_hint(task: Task) -> str:
    limit = f"{task.max_memory_mb} MB" if task.max_memory_mb else "no limit"
    return f"raise --max-memory (now {limit}) or remove it from the batch"


def _describe(exc: BaseException) -> str:
    """``TypeError: message (at minutes.py:123)``: enough to find the bug, on one line."""
    text = f"{exc.__class__.__name__}: {exc}".strip().rstrip(":")
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {Path(last.filename).name}:{last.lineno})"
    return " ".join(text.split())


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _limit_memory(max_memory_mb: Optional[int]) -> None:
    """Cap the child's address space at what it has now plus ``max_memory_mb``.

    Relative to the loaded worker (libraries, models) so the limit means "what one
    document may take", whatever the worker already mapped.
    """
    if not max_memory_mb:
        return
    try:
        import resource
    except ImportError:  # not POSIX: no limit
        return
    limit = _address_space_bytes() + max_memory_mb * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _die_with_parent(parent: int) -> None:
    """Linux: the child is killed if the worker dies, so a killed run leaves no orphans."""
    set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def set_parent_death_signal(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to send ``sig`` to this process when its parent dies (no-op elsewhere)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except Exception:
        pass


def _test_hooks(path: str) -> None:
    """Test-only: sleep and allocate as the environment says (see the module docstring)."""
    delay = _test_value(TEST_SLEEP_ENV, path)
    if delay:
        time.sleep(delay)
    megabytes = _test_value(TEST_ALLOCATE_ENV, path)
    if megabytes:
        ballast = bytearray(int(megabytes * 1024 * 1024))
        ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page
        del ballast


def _test_value(variable: str, path: str) -> float:
    spec = os.environ.get(variable, "").strip()
    if not spec:
        return 0.0
    name = Path(path).name
    for part in spec.split(";"):
        glob, sep, number = part.rpartition("=")
        if not sep:
            glob, number = "*", part
        try:
            value = float(number)
        except ValueError:
            continue
        if fnmatch.fnmatch(name, glob.strip() or "*"):
            return value
    return 0.0


_warm_lock = threading.Lock()
_warmed = False
WARM_LINES = ("Minutes of the meeting of the Council held on 1 April 2024", "1. Apologies for absence",
              "RESOLVED that the minutes of the previous meeting be approved as a correct record.")


def warm() -> None:
    """Load and parse a tiny PDF and a tiny text once per process, so the lazy loads
    (word lists, patterns, spaCy, PDF engine) happen here and forked children (and a
    local pool's forked workers) inherit them instead of repeating them per document."""
    global _warmed
    if _warmed:
        return
    with _warm_lock:
        if _warmed:
            return
        import tempfile

        from ..errors import UnreadableInput  # noqa: F401  (imported once here, not in every child)
        from ..store import ingest  # noqa: F401

        with tempfile.TemporaryDirectory(prefix="council-extract-warm-") as tmp:
            pdf = Path(tmp) / "warm-up.pdf"
            pdf.write_bytes(tiny_pdf(WARM_LINES))
            text = Path(tmp) / "warm-up.txt"
            text.write_text("\n".join(WARM_LINES) + "\n", encoding="utf-8")
            for path in (pdf, text):
                try:
                    parse_file(str(path), ocr="never")
                except Exception:  # warming is an optimisation; a real parse reports real errors
                    pass
        _warmed = True


def tiny_pdf(lines: tuple[str, ...] | list[str]) -> bytes:
    """A one-page PDF (Helvetica, ASCII text) written by hand: enough to exercise the PDF path."""
    def escape(text: str) -> str:
        return text.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"] + [f"({escape(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
