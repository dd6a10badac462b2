"""Run inputs through the library in worker processes, each input under a time and memory limit.

One input's outcome is one of:

- ``ok``: ``extract`` gave a Report and ``check`` gave findings;
- ``read_error``: a clean ``ReadError`` (the library's documented answer to an unreadable file);
- ``failure``, of a kind:
  ``exception`` (an exception other than ReadError escaped ``extract``/``check``),
  ``lost`` (``check`` on the path answered with the catch-all "无法读取（XxxError: …）": a report lost
  to an internal error), ``rule`` (a rule crashed: "规则 … 运行出错（…）"), ``warning`` (a Python warning
  escaped, e.g. numpy's RuntimeWarning, printed on the user's terminal), ``timeout`` (over the time
  limit without a read error), ``memory`` (over the memory limit), ``crash`` (the worker process died).

Inputs go to the workers in batches (a pebble ``ProcessPool`` whose workers live for many batches:
starting one costs seconds of imports). Inside a worker, each input has a limit of CPU time
(``ITIMER_PROF``; ``SIGPROF`` raises ``InputTimeout``, a ``BaseException`` so no ``except Exception``
in the library swallows it) and the process an address-space limit (``RLIMIT_AS``: the worker's size after its
imports plus ``memory_mb``). A batch also has a hard deadline; when it passes, or the worker dies,
the batch's inputs are run again one per task to find which one it was.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import asdict, dataclass, field

OK, READ_ERROR, FAILURE = "ok", "read_error", "failure"
SKIPPED = "skipped"  # the generator failed on this input (its time or memory limit): not run
LOST = re.compile(r"无法读取（(\w+)")  # batch.read_one's catch-all for a reader's internal error (check raises it as a ReadError)
RULE_CRASH = re.compile(r"规则 (\w+) 运行出错（(\w+)")  # engine.run._crash
IGNORED_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning)


@dataclass(frozen=True)
class Limits:
    seconds: float = 10.0  # per input (extract, then check)
    memory_mb: int = 1024  # address space a worker may add to its size after imports


class InputTimeout(BaseException):
    """Raised in the worker (from ``SIGPROF``) when an input runs past its CPU-time limit."""


@dataclass
class Outcome:
    id: int
    fmt: str
    ext: str
    size: int
    status: str  # ok / read_error / failure
    kind: str = ""  # failure kind
    signature: str = ""
    message: str = ""
    trace: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of the worker spent on it (generation included): fair on a busy machine
    rss_mb: float = 0.0  # the worker's peak resident memory after this input
    pid: int = 0  # the worker's process id
    data: bytes | None = None  # the input, kept for failures only

    def to_dict(self) -> dict:
        out = asdict(self)
        out.pop("data")
        return out


# --------------------------------------------------------------------------- in the worker

_state: dict = {}


def _alarm(signum, frame):
    raise InputTimeout()


def init_worker(limits: Limits) -> None:
    """Pool initializer: quiet, limited, warm."""
    import resource

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    signal.signal(signal.SIGPROF, _alarm)
    warm_up()
    if limits.memory_mb > 0:
        allowed = _vm_size() + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (allowed, allowed))
    _state["limits"] = limits
    _state["dir"] = tempfile.mkdtemp(prefix="gklint-fuzz-")


def warm_up() -> None:
    """Import and exercise every reader once, so no input pays for imports (or a first-call cache)."""
    if _state.get("warm"):
        return
    import gklint
    from fuzz.mutators import FORMATS, generate
    from fuzz.seeds import seeds

    for fmt in FORMATS:  # import everything before workers fork (a recycled worker must run the same code)
        generate(fmt, 0)

    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports = []
        for fmt in ("json", "txt", "html", "docx", "pdf"):
            name, data, _ = min(seeds(fmt), key=lambda s: len(s[1]))
            path = os.path.join(tmp, "warm" + os.path.splitext(name)[1])
            with open(path, "wb") as f:
                f.write(data)
            try:
                reports.append(gklint.extract(path))
            except Exception:
                pass
        gklint.check_many(reports, isolate=False)
    _state["warm"] = True


def _vm_size() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _where(tb) -> tuple[str, list[str]]:
    """The innermost gklint frame ("module.function") and the last frames, for a signature and a report."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if f"{os.sep}gklint{os.sep}" in f.filename]
    place = ""
    if ours:
        f = ours[-1]
        module = f.filename[f.filename.rindex(f"{os.sep}gklint{os.sep}") + 8:-3].replace(os.sep, ".")
        place = f"{module.removesuffix('.__init__')}.{f.name}"
    trace = [f"{_short(f.filename)}:{f.lineno} {f.name}" for f in frames[-8:]]
    return place, trace


def _short(filename: str) -> str:
    for marker in (f"{os.sep}gklint{os.sep}", f"{os.sep}site-packages{os.sep}", f"{os.sep}lib{os.sep}python"):
        if marker in filename:
            return filename[filename.index(marker) + 1:]
    return os.path.basename(filename)


def _signature(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(p for p in parts if p))[:120]


def _timed(seconds: float, fn, *args, **kwargs):
    """``fn(...)`` with a limit of ``seconds`` of CPU time (``ITIMER_PROF``): on a machine shared with other
    jobs a wall-clock limit would stop inputs that are merely waiting for a core. An input blocked
    without using CPU is caught by the batch's wall-clock hard deadline instead."""
    if signal.getsignal(signal.SIGPROF) is not _alarm:
        signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def _fail(outcome: Outcome, kind: str, exc: BaseException | None, fmt: str, stage: str) -> Outcome:
    outcome.status = FAILURE
    outcome.kind = kind
    place, trace = _where(exc.__traceback__) if exc is not None and exc.__traceback__ else ("", [])
    outcome.trace = trace
    module = place.rsplit(".", 1)[0]  # where a slow input happens to be stopped varies: the module is enough
    if kind == "timeout":
        outcome.message = f"{stage}: over the time limit (stopped in {place})"
        outcome.signature = _signature("timeout", fmt, module)
    elif kind == "memory":
        outcome.message = f"{stage}: over the memory limit (in {place})"
        outcome.signature = _signature("memory", fmt, module)
    else:
        outcome.message = f"{stage}: {type(exc).__name__}: {str(exc)[:300]}"
        outcome.signature = _signature(kind, type(exc).__name__, place)
    return outcome


def _read(outcome: Outcome, path: str, limits: Limits):
    """extract(path): a Report, or None with ``outcome`` filled in (read error or failure)."""
    import gklint
    from gklint.read.errors import ReadError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            report = _timed(limits.seconds, gklint.extract, path)
    except ReadError as exc:
        outcome.status, outcome.message = READ_ERROR, str(exc)[:300]
        return None
    except InputTimeout as exc:
        _fail(outcome, "timeout", exc, outcome.fmt, "extract")
        return None
    except MemoryError as exc:
        _fail(outcome, "memory", exc, outcome.fmt, "extract")
        return None
    except Exception as exc:  # noqa: BLE001 - the point: anything else escaping the API is a failure
        _fail(outcome, "exception", exc, outcome.fmt, "extract")
        return None
    if _warned(outcome, caught, "extract"):
        return None
    return report


def _warned(outcome: Outcome, caught, stage: str) -> bool:
    for w in caught:
        if issubclass(w.category, IGNORED_WARNINGS):
            continue
        outcome.status, outcome.kind = FAILURE, "warning"
        module = os.path.splitext(os.path.basename(w.filename))[0]
        outcome.message = f"{stage}: {w.category.__name__}: {str(w.message)[:200]} ({_short(w.filename)}:{w.lineno})"
        outcome.signature = _signature("warning", w.category.__name__, module, str(w.message)[:40])
        return True
    return False


def _check(outcomes: list[Outcome], reports: list, limits: Limits) -> None:
    """check_many over the batch's reports at once; on any failure, each report alone to tell which."""
    import gklint

    def judge(group: list[tuple[Outcome, object]]) -> bool:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = _timed(limits.seconds * max(1, len(group) // 4), gklint.check_many, [r for _, r in group],
                                isolate=False)
        except (InputTimeout, MemoryError, Exception) as exc:  # noqa: BLE001
            if len(group) > 1:
                return False
            kind = {InputTimeout: "timeout", MemoryError: "memory"}.get(type(exc), "exception")
            _fail(group[0][0], kind, exc, group[0][0].fmt, "check")
            return True
        crashed = False
        for (outcome, _), file in zip(group, result.files):
            for d in file.diagnostics:
                m = RULE_CRASH.search(d.message)
                if m:
                    crashed = True
                    if len(group) == 1:
                        outcome.status, outcome.kind = FAILURE, "rule"
                        outcome.message = f"check: {d.message[:300]}"
                        outcome.signature = _signature("rule", m.group(1), m.group(2))
                    break
        if crashed and len(group) > 1:
            return False
        if len(group) == 1 and not crashed:
            _warned(group[0][0], caught, "check")
        elif any(not issubclass(w.category, IGNORED_WARNINGS) for w in caught) and len(group) > 1:
            return False
        return True

    group = list(zip(outcomes, reports))
    if group and not judge(group):
        for item in group:
            judge([item])


def _check_path(outcome: Outcome, path: str, limits: Limits) -> None:
    """check(path): the API's own catch-all turns an internal error into a lost report."""
    import gklint
    from gklint.read.errors import ReadError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _timed(limits.seconds, gklint.check, path, isolate=False)
    except ReadError as exc:
        m = LOST.search(exc.message or "")
        if m:
            outcome.status, outcome.kind = FAILURE, "lost"
            outcome.message = f"check: {str(exc)[:300]}"
            outcome.signature = _signature("lost", m.group(1), outcome.fmt)
        elif outcome.status == OK:
            outcome.status, outcome.message = READ_ERROR, str(exc)[:300]
        return
    except InputTimeout as exc:
        _fail(outcome, "timeout", exc, outcome.fmt, "check(path)")
        return
    except MemoryError as exc:
        _fail(outcome, "memory", exc, outcome.fmt, "check(path)")
        return
    except Exception as exc:  # noqa: BLE001
        _fail(outcome, "exception", exc, outcome.fmt, "check(path)")
        return
    _warned(outcome, caught, "check(path)")


def run_inputs(items: list[tuple[int, str, str, bytes]], limits: Limits, check_path: bool = False) -> list[Outcome]:
    """Run (id, format, extension, data) items: extract each, then check the readable ones together."""
    directory = _state.setdefault("dir", tempfile.mkdtemp(prefix="gklint-fuzz-"))
    outcomes, readable, reports = [], [], []
    for ident, fmt, ext, data in items:
        path = os.path.join(directory, f"input{ext}")
        with open(path, "wb") as f:
            f.write(data)
        outcome = Outcome(ident, fmt, ext, len(data), OK)
        start, cpu = time.monotonic(), time.process_time()
        report = _read(outcome, path, limits)
        if check_path and outcome.status != FAILURE:
            _check_path(outcome, path, limits)
        outcome.seconds = time.monotonic() - start
        outcome.cpu = time.process_time() - cpu
        outcome.rss_mb, outcome.pid = _rss_mb(), os.getpid()
        if report is not None and outcome.status == OK:
            readable.append(outcome)
            reports.append(report)
        if outcome.status == FAILURE:
            outcome.data = data
        outcomes.append(outcome)
        os.unlink(path)
    start, cpu = time.monotonic(), time.process_time()
    _check(readable, reports, limits)
    share = (time.monotonic() - start) / max(len(readable), 1)
    cpu_share = (time.process_time() - cpu) / max(len(readable), 1)
    for outcome in readable:
        outcome.seconds += share
        outcome.cpu += cpu_share
        if outcome.status == FAILURE:
            outcome.data = next(d for i, _, _, d in items if i == outcome.id)
    return outcomes


def run_generated(specs: list[tuple[int, str, int]], limits: Limits, check_every: int = 0) -> list[Outcome]:
    """Generate (id, format, seed) inputs here, in the worker, and run them."""
    from fuzz.mutators import generate

    items, skipped, generation = [], [], {}
    for ident, fmt, seed in specs:
        try:  # the generator's own trouble is not the library's: the input is skipped, and counted
            cpu = time.process_time()
            ext, data = _timed(limits.seconds, generate, fmt, seed)
            generation[ident] = time.process_time() - cpu
        except (InputTimeout, MemoryError, Exception) as exc:  # noqa: BLE001
            skipped.append(Outcome(ident, fmt, "", 0, SKIPPED, message=f"generator: {type(exc).__name__}: {exc}"[:300]))
            continue
        items.append((ident, fmt, ext, data))
    done = run_inputs(items, limits, check_path=False) if not check_every else _run_mixed(items, limits, check_every)
    for outcome in done:
        outcome.cpu += generation.get(outcome.id, 0.0)
    return sorted(done + skipped, key=lambda o: o.id)


def _run_mixed(items, limits: Limits, every: int) -> list[Outcome]:
    plain = [it for it in items if it[0] % every]
    pathwise = [it for it in items if not it[0] % every]
    out = run_inputs(plain, limits) + (run_inputs(pathwise, limits, check_path=True) if pathwise else [])
    return sorted(out, key=lambda o: o.id)


# --------------------------------------------------------------------------- the pool

def make_pool(jobs: int, limits: Limits, max_tasks: int = 500):
    from pebble import ProcessPool

    return ProcessPool(max_workers=jobs, max_tasks=max_tasks, initializer=init_worker, initargs=(limits,))


def hard_timeout(limits: Limits, n: int) -> float:
    """A batch's wall-clock deadline: every input's CPU-time limit fires well before it (even with the
    worker getting a fraction of a core), barring a hang in C code or a wait that uses no CPU."""
    return limits.seconds * 6 + 10 + n * (2 + limits.seconds / 2)


def run_in_pool(pool, fn, batches: list[list], limits: Limits, on_result, *, until: float | None = None,
                **kwargs) -> bool:
    """Schedule every batch; a batch that times out or kills its worker is rerun one input per task.

    ``fn(batch, limits, **kwargs)`` -> list[Outcome]; ``on_result(outcome)`` is called for each
    input, in the order of the batches. ``until``: a ``time.monotonic()`` after which the batches not
    yet done are cancelled (returns False then).
    """
    from concurrent.futures import CancelledError, TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    pending = [(pool.schedule(fn, args=(b, limits), kwargs=kwargs, timeout=hard_timeout(limits, len(b))), b)
               for b in batches]
    retry: list = []
    while pending or retry:
        for future, batch in pending:
            if until is not None and time.monotonic() > until:
                for other, _ in pending:
                    other.cancel()
                return False
            try:
                for outcome in future.result():
                    on_result(outcome)
            except CancelledError:
                return False
            except (FutureTimeout, ProcessExpired, Exception) as exc:  # noqa: BLE001 - a worker's own error too
                if len(batch) > 1:
                    retry += [[item] for item in batch]
                else:
                    on_result(_lost_batch(batch[0], exc, fn, limits, kwargs))
        pending = [(pool.schedule(fn, args=(b, limits), kwargs=kwargs, timeout=hard_timeout(limits, 1)), b)
                   for b in retry]
        retry = []
    return True


def _lost_batch(item, exc: BaseException, fn, limits: Limits, kwargs) -> Outcome:
    """The outcome of a single input whose worker hung past the hard deadline or died."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    ident, fmt = item[0], item[1]
    if fn is run_generated:
        ext, data = bounded_generate(fmt, item[2], limits)
    else:
        ext, data = item[2], item[3]
    hung = isinstance(exc, FutureTimeout)
    kind = "timeout" if hung else "crash"
    if not hung and not isinstance(exc, ProcessExpired):
        return Outcome(ident, fmt, ext, len(data), SKIPPED, message=f"harness: {type(exc).__name__}: {exc}"[:300])
    outcome = Outcome(ident, fmt, ext, len(data), FAILURE, kind=kind, data=data,
                      seconds=hard_timeout(limits, 1) if hung else 0.0)
    outcome.message = ("past the hard deadline (the soft time limit did not fire: a hang in C code)" if hung
                       else f"the worker died ({exc})")
    outcome.signature = _signature(kind, fmt, "hard" if hung else f"exit{getattr(exc, 'exitcode', '')}")
    return outcome


def bounded_generate(fmt: str, seed: int, limits: Limits) -> tuple[str, bytes]:
    """``generate`` in this process under the memory limit (the parent regenerating a lost input)."""
    import resource

    from fuzz.mutators import generate

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    allowed = _vm_size() + max(limits.memory_mb, 1024) * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        allowed = min(allowed, hard)
    resource.setrlimit(resource.RLIMIT_AS, (allowed, hard))
    try:
        return generate(fmt, seed)
    except MemoryError:
        return "", b""
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def current_commit() -> str:
    import subprocess

    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=os.path.dirname(os.path.abspath(__file__)), timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use python -m fuzz")
