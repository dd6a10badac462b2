"""Reading files in worker processes, each under a deadline and a memory limit (one long-lived pool per run).

A file is read (and its per-report rules run) in a worker of a pebble ``ProcessPool``. Large files are
one task each, so that the deadline is the file's own; small files (under ``CHUNK_BYTES``: JSON, text)
go several to a task, sparing a round trip per file, and a task of several that fails (past its deadline,
a worker lost) is run again one file per task, so every file's outcome is its own. A file past its
budget costs one read error naming the limit; the worker is replaced and the other files go on:

- ``Limits.seconds``: wall-clock time a worker may spend on one file (pebble cancels the task and
  replaces the worker; the PDF reader also checks the same deadline between pages);
- ``Limits.memory``: how far a worker's address space may grow beyond its size at start (``RLIMIT_AS``,
  set in the worker's initializer once gklint is imported). An allocation past it raises
  ``MemoryError`` in the worker, which becomes a read error; a worker that dies instead (killed, or a
  crash in a C library) is reported for that file alone.

Before a pool of several workers starts, the job's rules are run once in this process on a few generated
reports (``_preload``): the forked workers inherit what the rules build on first use (imports, patterns
compiled on first use, pandera's schemas) instead of each building it again before its first file is done.

Results come back in input order, each as soon as it and the files before it are done: a slow file
holds back the printing of the files after it for at most its deadline, while the workers keep
reading ahead (a bounded window, so memory does not grow with the batch).

This is the map step of a run, and the process that asked does the reduce. A task reads its files,
runs the per-report rules on each, and the table rules stacked over the task's reports (a report's
table findings do not depend on which reports are stacked with it, so a task of 128 files finds what a
run of 10,000 stacked at once finds), then places and describes each file's findings. It sends back a
``Read`` per file: the ``FileResult`` (findings with their excerpts; what outputs say of the rules they
name is added where the results are gathered, ``engine.views.name_rules``), and for the series rules, which
pair reports across the whole run, a summary of the report (``engine.run.summary``: metadata,
sections, the table rows those rules read), not the report (unless ``Job.keep_reports``: the review
page shows whole tables). The series rules then run where the results are gathered, or for a large
batch in the workers again (``map_series``: a few of one agency's reports a task, each file given
findings sent back as its output's part).

The map runs in gklint's own pool (pebble, above) by default, or on any ``concurrent.futures``-style
executor (``read_all(..., executor=)``; a Dask cluster's ``Client.get_executor()``): there, a task is
one small-file chunk or one large file as here, retried file by file when it fails, but without the
per-file deadline and memory limit of the pool (the readers' own limits still apply).
"""

from __future__ import annotations

import io
import os
import pickle
import uuid
from collections import deque
from dataclasses import dataclass, field, fields
from typing import Iterator, Sequence

from gklint.core.diagnostic import Diagnostic, FileResult, by_state  # by_state: the summary's pickling (Packed)
from gklint.core.model import Cell, Metadata, Note, Report, Section, Table
from gklint.core.source import Source
from gklint.read.errors import ReadError
from gklint.read.guards import DEFAULT, MB, Limits
from gklint.core.numbers import show_number

POLL = 0.25  # seconds between two looks at the file being waited for
GRACE = 5.0  # seconds past Limits.seconds before a task is cancelled (the PDF reader's own check says more)


_JOBS: dict[str, "Job"] = {}  # in a worker: the jobs it has been sent, each once (see Job.__reduce__)


def _job(token: str, state: bytes) -> "Job":
    """The job ``token`` names, unpickled the first time this process sees it and the same object after."""
    job = _JOBS.get(token)
    if job is None:
        if len(_JOBS) >= 8:
            _JOBS.clear()
        job = _JOBS[token] = Job(**pickle.loads(state))
        job.token = token
    return job


@dataclass
class Job:
    """What every file of a run shares: the reading options and the rules to run.

    Sent with every task to an executor, a job is unpickled once per worker process: its rules stay the same
    objects from task to task, so what is compiled and cached for them (by identity: pandera's schemas)
    is built once per worker, not once per task."""

    layout: str | None = None
    limits: Limits = DEFAULT
    rules: tuple = ()  # the per-report rules run after reading (none: read only)
    every: tuple | None = None  # the run's full rule set, before selection (default: ``rules``)
    lang: str = "zh"
    settings: dict | None = None
    keep_reports: bool = False  # send each whole Report back on its FileResult (the review page needs it)
    token: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False, repr=False)

    def __reduce__(self):
        state = self.__dict__.get("_state")
        if state is None:  # the fields, pickled once: a bytes object is cheap to send and to skip
            state = self.__dict__["_state"] = pickle.dumps(
                {f.name: getattr(self, f.name) for f in fields(self) if f.name != "token"})
        return _job, (self.token, state)


@dataclass
class Read:
    """One file's outcome, or the one-line reason it was not read.

    Read only (a job without rules): ``report`` is the Report. Read and checked (``finish``): ``result``
    is the file's ``FileResult`` with every finding but the series rules', and ``report`` what those
    rules need of it (``engine.run.summary``, pickled: a ``Packed``; the whole Report with
    ``Job.keep_reports``, or when finished where the series rules run; None when no series rule runs).
    In between, ``report`` and ``diagnostics`` (the per-report rules' findings)."""

    path: str
    report: Report | Packed | None = None
    error: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    result: FileResult | None = None
    spot: str | None = None  # where in the file it could not be read (第3页, a ZIP entry), when the error says
    parts: "list[Read]" = field(default_factory=list)  # a file holding several reports: the later reports' reads


def _size(n: int) -> str:
    return f"{n / 1024 / MB:.1f} GB" if n >= 1024 * MB else f"{n / MB:.0f} MB"


def timeout_message(path: str, limits: Limits) -> str:
    return str(ReadError(path, f"超过读取时限（{show_number(limits.seconds)} 秒），文件可能异常，已跳过"))


def memory_message(path: str, limits: Limits) -> str:
    return str(ReadError(path, f"超过内存上限（{_size(limits.memory)}），文件可能异常，已跳过"))


def read_one(path: str, job: Job) -> Read:
    """Read ``path`` and run the job's per-report rules on it; never raises (a reader's bug is this file's error)."""
    from gklint.ingest import read_reports

    try:
        report, *others = read_reports(path, layout=job.layout, limits=job.limits)
    except ReadError as exc:
        return Read(path, error=str(exc), spot=exc.where)
    except MemoryError:
        return Read(path, error=memory_message(path, job.limits))
    except RecursionError:
        return Read(path, error=str(ReadError(path, "文件结构嵌套过深，无法读取")))
    except Exception as exc:  # a reader's bug on odd input: report this file, check the others
        return Read(path, error=f"{path}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}）")
    read = check_one(path, report, job)  # a file holding several reports: each checked, the later ones in ``parts``
    if others and read.error is None:
        read.parts = [check_one(path, other, job) for other in others]
        return next((part for part in read.parts if part.error is not None), read)  # out of memory: the file's error
    return read


def with_parts(reads: list[Read]) -> list[Read]:
    """``reads`` with each file's later reports after it (``Read.parts``), as one read each."""
    return [r for read in reads for r in (read, *read.parts)]


def check_one(path: str, report: Report, job: Job) -> Read:
    """``report`` (read from ``path``) with the job's per-report rules run on it."""
    if job.rules:
        from gklint.engine.run import report_diagnostics

        try:
            diags = report_diagnostics(report, job.rules, lang=job.lang, settings=job.settings, every=job.every)
        except MemoryError:
            return Read(path, error=memory_message(path, job.limits))
        return Read(path, report=report, diagnostics=diags)
    return Read(path, report=report)


def meta(report: Report) -> dict:
    """The report's metadata as outputs show it."""
    m = report.meta
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in
            {"title": m.title, "agency": m.agency, "year": m.year, "published": m.published}.items()
            if v is not None}


def layout_shown(report: Report) -> str | None:
    """The layout version to name in outputs: none when recognition could not tell it (R103)."""
    return None if any(n.kind == "layout_unknown" for n in report.notes) else report.layout


def finish(reads: list[Read], job: Job, *, here: bool = False) -> list[Read]:
    """The rest of the map step over reads done together (one task's, or a group read in this process):
    the table rules stacked over their reports, each file's findings placed and described on its
    ``FileResult`` (but for ``FileResult.rules``: the caller's ``engine.views.name_rules``), and the report replaced by what the series rules need of it (kept whole ``here``, in
    the process that runs them: nothing to send, and a Report given as a source stays itself). Reads
    already finished, not read, or of a job without rules are left as they are."""
    todo = [r for r in with_parts(reads) if r.report is not None and r.result is None]
    if not job.rules or not todo:
        return reads
    from gklint.engine.run import sort, summary, table_diagnostics
    from gklint.engine.views import describe

    found = table_diagnostics([r.report for r in todo], job.rules, job.lang)
    numbered = {id(r): {"part": k, "part_title": r.report.meta.title}  # type: ignore[union-attr]
                for read in reads if read.parts for k, r in enumerate((read, *read.parts), 1)}
    for read, tables in zip(todo, found):
        report = read.report
        assert report is not None
        diags = tables + read.diagnostics
        sort(report, diags)
        keep = job.keep_reports
        # the rules' descriptions (``FileResult.rules``) are left to the process gathering the results
        # (``views.name_rules``): made once per run there, not pickled with every file
        read.result = describe(FileResult(path=read.path or report.path, layout=layout_shown(report),
                                          report=report if keep else None, meta=meta(report), diagnostics=diags,
                                          **numbered.get(id(read), {})),
                               report, (), job.lang, views=keep)
        if keep or here:
            read.report = report
        else:  # pickled here, in the worker: the process gathering the results keeps it as bytes, unread
            brief = summary(report, job.rules)
            read.report = None if brief is None else Packed(brief)
        read.diagnostics = []
    return reads


class Packed:
    """A report's summary for the series rules (``engine.run.summary``), pickled where it was made (in a
    worker) and kept so until the series rules run: the process that gathers the results never unpickles
    a summary it has no pair for, and keeps a few KB of bytes per report, not some 100 KB of objects. With
    it, the agency key and year the series rules pair reports by."""

    __slots__ = ("key", "year", "data")

    def __init__(self, report: Report) -> None:
        from gklint.engine.kinds.series import agency_key

        self.key, self.year = agency_key(report), report.meta.year
        out = io.BytesIO()
        _SummaryPickler(out, pickle.HIGHEST_PROTOCOL).dump(report)
        self.data = out.getvalue()

    def __reduce__(self):
        return _packed, (self.key, self.year, self.data)

    def unpack(self) -> Report:
        return pickle.loads(self.data)


class _SummaryPickler(pickle.Pickler):
    """Pickles a report's summary as ``pickle.dumps`` does (the same bytes), the report model's objects reduced
    at a third of the cost (``core.diagnostic.by_state``)."""

    dispatch_table = dict.fromkeys((Report, Metadata, Section, Table, Cell, Note, Source), by_state)


def _packed(key: str | None, year: int | None, data: bytes) -> Packed:
    out = Packed.__new__(Packed)
    out.key, out.year, out.data = key, year, data
    return out


def map_files(paths: Sequence[str], job: Job) -> list[Read]:
    """The map step over one task's files: each read and checked (but for the series rules), in order.

    The table rules run stacked over all of them (``finish``); if that runs out of memory, each file is
    finished alone, so that only a file that cannot be checked by itself becomes a memory error."""
    reads = [read_one(path, job) for path in paths]
    try:
        return finish(reads, job)
    except MemoryError:
        pass
    out = []
    for read in reads:
        try:
            out += finish([read], job)
        except MemoryError:
            out.append(read if read.error is not None else Read(read.path, error=memory_message(read.path, job.limits)))
    return out


def series_found(members: list[Report], paired: Report | None, job: Job,
                 previous: Report | None = None) -> list[list[Diagnostic]]:
    """The series rules' findings for each of one check's reports (``members``, of one agency and year),
    paired with last year's report (``paired``, first in the check; None with ``previous``, the report
    named for every report)."""
    from gklint.engine.run import add_series

    # the members are of one agency and the year after ``paired``'s: paired with it as with a report named for
    # them all (``series.pairs``: the same pairs, without looking for them)
    part: list[list[Diagnostic]] = [[] for _ in members]
    add_series(members, part, job.rules, job.lang, job.settings, previous=previous if paired is None else paired)
    return part


def merge_series(result: FileResult, report: Report, diags: list[Diagnostic], job: Job,
                 infos: dict | None = None) -> None:
    """The series rules' findings ``diags`` merged into ``result`` (of ``report``): sorted among its own and
    described, and with ``infos`` (``views.name_rules``' cache) the rules they name described too."""
    from gklint.engine.run import sort
    from gklint.engine.views import describe

    result.diagnostics += diags
    sort(report, result.diagnostics)
    describe(result, report, job.rules if infos is not None else (), job.lang, views=result.report is not None,
             infos=infos)


# A check of the series rules sent to a worker (``map_series``): last year's report's summary, pickled (or
# None), and each member's pickled summary and pickled result as the run keeps it (``(result, ...)``).
SeriesCheck = tuple[bytes | None, list[tuple[bytes, bytes]]]
# What comes back of a check: for each member given findings, its index, their severities, and what
# ``render`` made of its result with them merged in and of them (``render(result, findings)``).
SeriesFound = list[tuple[int, tuple[str, ...], bytes]]


def map_series(checks: list[SeriesCheck], job: Job, render) -> list[SeriesFound]:
    """The series rules over a task's checks, each file they give findings merged (``merge_series``, its rules'
    descriptions left out) and rendered (``render(result, findings)``): the reduce's share of a run done in a
    worker."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # what a check makes is freed as it ends (no cycles): the collector would only scan it, many times
    try:
        out = []
        for paired, members in checks:
            reports = [pickle.loads(summary) for summary, _ in members]
            found = []
            for k, diags in enumerate(series_found(reports, None if paired is None else pickle.loads(paired), job)):
                if diags:
                    result = pickle.loads(members[k][1])[0]
                    merge_series(result, reports[k], diags, job)
                    found.append((k, tuple(d.severity for d in diags), render(result, diags)))
            out.append(found)
        return out
    finally:
        if collecting:
            gc.enable()


# --------------------------------------------------------------------------- the worker side

_JOB: Job | None = None


def _init(job: Job) -> None:
    """Worker start: the memory limit, the job, and what every file needs (``_preload``; not timed per file)."""
    global _JOB
    _JOB = job
    _preload(job)
    limit_memory(job.limits.memory)


def _preload(job: Job | None = None, workers: int = 1) -> None:
    """The imports every file needs, done in the main process before ``workers`` workers start, where they fork
    (a worker started otherwise imports them in its initializer); and, when several are about to fork, what the
    job's rules compute on first use (``_warm``), which each of them would otherwise compute again before its
    first file is done."""
    import gklint.engine.run  # noqa: F401
    import gklint.read.open  # noqa: F401  (readers and recognition)
    import gklint.recognise.recognise  # noqa: F401

    if job is None or not job.rules:
        return
    global _WARMED
    if workers > 1 and _WARMED != job.token:
        _WARMED = job.token
        try:
            _warm(job)
        except Exception:  # only time is lost: what fails here fails in a worker too, as that file's error
            pass
    from gklint.engine.kinds import KINDS

    if any(KINDS[r.kind].stage == "table" for r in job.rules):  # the table rules run in the workers: pandera
        from gklint.engine.tables import pandera

        pandera()


_WARMED: str | None = None  # the token of the job last warmed in this process, or in the one it was forked from


def _warm(job: Job) -> None:
    """The job's rules run once on generated reports read from gklint's JSON (one of each layout, and the year
    after of the first, so that the series rules pair), as a worker runs them, the findings dropped: the
    imports, lazily compiled patterns, pandera schemas and per-rule caches a worker would otherwise build
    before its first report is done. What the rules cache is keyed by what it is computed from (a rule, a
    text), so that no finding depends on what was computed here."""
    import orjson

    from gklint import layouts
    from gklint.ingest import read_bytes
    from gklint.recognise.json_format import to_json
    from gklint.testing import consistent_report

    made = [consistent_report(0, version) for version in layouts.layouts()]
    made.insert(1, consistent_report(0, made[0].layout, year=made[0].meta.year + 1))
    reads = []
    for k, report in enumerate(made):
        path = f"<warm-up {k}>.json"
        reads.append(check_one(path, read_bytes(path, orjson.dumps(to_json(report))), job))
    finish(reads, job)
    last, this = (read.report for read in reads[:2])
    if isinstance(last, Packed) and isinstance(this, Packed):  # a series rule is chosen
        series_found([this.unpack()], last.unpack(), job)


def limit_memory(nbytes: int) -> None:
    """Let this process's address space grow by at most ``nbytes`` from now (``RLIMIT_AS``).

    The limit counts from the worker's size at start, not from zero: a worker forked from a large
    process (a notebook holding other data) starts as large as its parent.
    """
    try:
        import resource
    except ImportError:  # not on this platform (Windows): the deadline still applies
        return
    limit = _address_space() + nbytes
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _address_space() -> int:
    """This process's virtual size in bytes (0 where /proc is missing: the limit is then absolute)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _task(path: str) -> Read:
    assert _JOB is not None
    return map_files([path], _JOB)[0]


def _tasks(paths: list[str]) -> list[Read]:
    assert _JOB is not None
    return map_files(paths, _JOB)


def _series_task(checks: list[SeriesCheck], render) -> list[SeriesFound]:
    assert _JOB is not None
    return map_series(checks, _JOB, render)


# --------------------------------------------------------------------------- the main side

def read_all(paths: Sequence[str], job: Job, *, jobs: int = 1, isolate: bool = True,
             executor=None) -> Iterator[Read | None]:
    """A ``Read`` for every path, in input order, each as soon as it (and the ones before it) are done.

    ``None`` is yielded, between two reads, when the next one is not done yet: a caller holding
    finished work (findings to print) does it then, instead of waiting.

    With ``isolate`` (the default), files are read in ``jobs`` worker processes under ``job.limits``
    (``-j 1`` too: one worker). Without it they are read here, one after the other, with no deadline
    or memory limit beyond the readers' own checks (and unfinished: the caller stacks the table rules
    over as many reads as it likes, ``finish``). With an ``executor`` (``concurrent.futures``-style: a
    ``submit`` returning futures), the map runs there instead, whatever ``isolate`` says (see the
    module's docstring).
    """
    if executor is not None and paths:
        yield from _on_executor(paths, job, executor, jobs)
        return
    if not isolate:
        for path in paths:
            yield read_one(path, job)
        return
    if not paths:
        return
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    workers = max(1, min(jobs, len(paths)))
    pool, timeout = _pool(job, workers)

    def submit(chunk):
        if len(chunk) == 1:
            return pool.schedule(_task, args=(chunk[0],), timeout=timeout)
        return pool.schedule(_tasks, args=(chunk,), timeout=timeout)

    def results(chunk, future) -> list[Read] | None:
        if len(chunk) > 1:
            try:
                return future.result()
            except Exception:  # past the deadline, a worker died, a result not sent: each file on its own,
                # under its own deadline, so that the outcome is the file's, as if it had never been grouped
                return None
        path = chunk[0]
        try:
            return [future.result()]
        except FutureTimeout:
            return [Read(path, error=timeout_message(path, job.limits))]
        except ProcessExpired as exc:  # killed (out of memory) or crashed in a C library
            return [Read(path, error=str(ReadError(
                path, f"读取进程异常退出（退出码 {exc.exitcode}，可能超过内存上限 {_size(job.limits.memory)}），已跳过")))]
        except MemoryError:
            return [Read(path, error=memory_message(path, job.limits))]
        except Exception as exc:  # the result could not be sent back (e.g. not picklable): this file only
            return [Read(path, error=f"{path}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}）")]

    def stop(pending) -> None:
        _end(pool, bool(pending))

    yield from _in_order(paths, workers, submit, results, stop, task_bytes(job.limits))


def _on_executor(paths: Sequence[str], job: Job, executor, jobs: int) -> Iterator[Read | None]:
    """``read_all`` on a ``concurrent.futures``-style executor: tasks of ``map_files``, results in input order."""

    def results(chunk, future) -> list[Read] | None:
        try:
            return future.result()
        except Exception as exc:  # a worker lost, a result not sent: each file again on its own
            if len(chunk) > 1:
                return None
            return [Read(chunk[0], error=f"{chunk[0]}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}）")]

    def stop(pending) -> None:
        for _, future in pending:  # the caller stopped early, or an error
            future.cancel()

    yield from _in_order(paths, max(1, jobs), lambda chunk: executor.submit(map_files, list(chunk), job), results, stop)


def _in_order(paths: Sequence[str], workers: int, submit, results, stop,
              budget: int | None = None) -> Iterator[Read | None]:
    """The paths cut into tasks (``_chunks``) and submitted a few ahead of the one waited for; the reads
    yielded in input order, ``None`` while the next is not done. ``submit(chunk)`` returns a future;
    ``results(chunk, future)`` its reads, or ``None`` when a task of several files failed and each of them
    is to be run again alone; ``stop(pending)`` ends the pool or executor's share of the work; ``budget``:
    small files' bytes in one task (``task_bytes``; TASK_BYTES when no deadline applies)."""
    from concurrent.futures import wait

    size = max(1, min(CHUNK_FILES, -(-len(paths) // (4 * workers))))  # at least 4 tasks a worker
    # tasks scheduled beyond the one being waited for: enough to keep every worker busy, and a window of
    # about AHEAD_FILES files (reads done but held back by a slow file stay in memory until it is done)
    ahead = max(2 * workers + 2, min(4 * workers + 8, -(-AHEAD_FILES // size)))
    pending: deque = deque()  # (paths, future): one path, or a chunk of small files
    todo = iter(_chunks(paths, size, TASK_BYTES if budget is None else budget))

    def schedule() -> None:
        for chunk in todo:
            pending.append((chunk, submit(chunk)))
            if len(pending) > ahead:
                return

    try:
        schedule()
        while pending:
            chunk, future = pending[0]
            while not wait([future], timeout=POLL).done:
                yield None  # still running: the caller may use the time
            pending.popleft()
            reads = results(chunk, future)
            if reads is None:
                pending.extendleft(reversed([((path,), submit((path,))) for path in chunk]))
                continue
            schedule()
            yield from reads
    finally:
        stop(pending)


def _pool(job: Job, workers: int):
    """A pebble pool of ``workers`` processes for ``job`` (``_preload`` first: they fork with what it did), and
    the deadline of one of its tasks (a file's, with the grace past it)."""
    from pebble import ProcessPool

    _preload(job, workers)
    pool = ProcessPool(max_workers=workers, initializer=_init, initargs=(job,))
    return pool, job.limits.seconds + min(GRACE, 0.1 * job.limits.seconds)


def reduce_all(tasks: Iterator, job: Job, render, *, jobs: int = 1, executor=None) -> Iterator[tuple[object, list | None]]:
    """``map_series`` over ``tasks`` (each ``(key, checks)``) in ``jobs`` worker processes (a pool started for
    it) or on ``executor``: ``(key, what map_series gave)`` for each, in order, or ``(key, None)`` for a task
    that failed (a worker lost, past the deadline: the caller checks it itself). A few tasks are scheduled
    ahead of the one waited for, so memory holds a few tasks' reports."""
    workers = max(1, jobs)
    if executor is None:
        pool, timeout = _pool(job, workers)

        def submit(checks):
            return pool.schedule(_series_task, args=(checks, render), timeout=timeout)
    else:
        def submit(checks):
            return executor.submit(map_series, checks, job, render)
    pending: deque = deque()
    try:
        for key, checks in tasks:
            pending.append((key, submit(checks)))
            while len(pending) > 4 * workers:
                yield _outcome(*pending.popleft())
        while pending:
            yield _outcome(*pending.popleft())
    finally:
        for _, future in pending:  # the caller stopped early, or an error
            future.cancel()
        if executor is None:
            _end(pool, bool(pending))


def _end(pool, early: bool) -> None:
    """End a worker pool: ``early`` (work left: the caller stopped early, or an error) stops it, else it is
    closed once its work is done; then it is joined."""
    if early:
        pool.stop()
    else:
        pool.close()
    pool.join()


def _outcome(key, future) -> tuple[object, list | None]:
    try:
        return key, future.result()
    except Exception:  # checked again by the caller, in its own process
        return key, None


# How files are cut into tasks. A task of many small files pays the round trip to a worker and the
# table rules' fixed cost (one pandera validation per task: 1-2 ms, whatever the number of reports
# stacked) once for all of them: under 0.02 ms a report at 128 (with tasks of 16 and four validations
# each, that fixed cost was most of the table rules' 0.6 ms a report). The price of a large task:
# - its deadline is one file's (``Limits.seconds``), for the whole task. A task past it is cancelled and each
#   of its files run again alone under its own deadline, so every outcome is still the file's own; what a
#   slow file costs is at most one deadline more. ``task_bytes`` keeps a task's expected work within a
#   quarter of the deadline (2 MB of JSON or text under the default one: a few seconds at most), so that a
#   short deadline (``--timeout 5``) makes small tasks, not tasks that time out and run twice.
# - its files' results come back together: the progress bar advances by up to CHUNK_FILES at a time, and a
#   file's findings are printed when its task ends (small tasks keep every worker busy and the bar moving:
#   at least 4 tasks a worker, see ``_in_order``).
CHUNK_FILES = 128  # small files read by one task, at most
CHUNK_BYTES = 256 * 1024  # a file this large or larger is a task of its own (its own deadline from the start)
TASK_BYTES = 2 * 1024 * 1024  # small files' bytes in one task, at most
AHEAD_FILES = 512  # files scheduled ahead of the one waited for (in tasks: at least two a worker)
SLOW_RATE = 100 * 1024  # bytes of small files read and checked per second, at the least (text reports on a busy machine)


def task_bytes(limits: Limits) -> int:
    """Small files' bytes in one task under ``limits``: TASK_BYTES, or what is read in a quarter of the
    deadline at SLOW_RATE if that is less."""
    return max(1, int(min(TASK_BYTES, limits.seconds * SLOW_RATE / 4)))


def _chunks(paths: Sequence[str], size: int, budget: int = TASK_BYTES) -> Iterator[tuple[str, ...]]:
    """The paths in order, cut into tasks: runs of up to ``size`` small files and ``budget`` bytes, every
    other file alone."""
    run: list[str] = []
    held = 0
    for path in paths:
        try:
            nbytes = os.path.getsize(path)
            small = size > 1 and nbytes < CHUNK_BYTES
        except OSError:  # the worker says what is wrong with it
            small = False
        if small:
            if run and held + nbytes > budget:
                yield tuple(run)
                run, held = [], 0
            run.append(path)
            held += nbytes
            if len(run) < size:
                continue
        if run:
            yield tuple(run)
            run, held = [], 0
        if not small:
            yield (path,)
    if run:
        yield tuple(run)
