"""The library API: ``check``, ``check_many``, ``extract``. The CLI is a thin layer over these."""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, Union

from gklint import batch
from gklint.core.diagnostic import FileResult, Result
from gklint.engine.rules import Rule, load_rules, select as select_rules
from gklint.read.errors import ReadError
from gklint.read.guards import DEFAULT, Limits
from gklint.core.model import Report

Source = Union[str, os.PathLike, dict, Report]


def extract(source: Source, *, layout: str | None = None) -> Report:
    """Read a file (any supported format), a JSON dict or a Report into a Report. Raises ReadError."""
    if isinstance(source, Report):
        return source
    if isinstance(source, dict):
        from gklint.recognise.json_format import from_json

        return from_json(source, "<dict>")
    from gklint.ingest import read_report

    return read_report(source, layout=layout)


LANGS = ("zh", "en")


def _rules(select: Iterable[str] | None, ignore: Iterable[str] | None,
           rules: tuple[Rule, ...] | None, lang: str = "zh") -> tuple[Rule, ...]:
    """The rules to run; an unknown rule id or prefix in ``select``/``ignore``, or an unknown ``lang``,
    raises ValueError naming it (as the CLI exits 2)."""
    if isinstance(select, str) or isinstance(ignore, str):
        raise ValueError("select/ignore 应是规则编号的列表，如 [\"T3\", \"N101\"]")
    if lang not in LANGS:
        raise ValueError(f"未知的语言 {lang!r}（可选：{', '.join(LANGS)}）")
    every = rules or load_rules()
    if select or ignore:  # gklint.config (pydantic models) is only needed to check them
        from gklint.config import check_rule_ids

        check_rule_ids(every, list(select or []), key="select")
        check_rule_ids(every, list(ignore or []), key="ignore")
    return select_rules(every, list(select or []), list(ignore or []))


_meta = batch.meta
_layout_shown = batch.layout_shown


def _read(source: Source, layout: str | None, limits: Limits | None = None) -> Report | str:
    """A Report, or the one-line reason the source cannot be read (never an exception); read here."""
    if isinstance(source, (Report, dict)):
        try:
            return extract(source, layout=layout)
        except ReadError as exc:
            return str(exc)
        except Exception as exc:  # a reader's bug on odd input: report this source, check the others
            return f"{_name(source)}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}）"
    read = batch.read_one(str(source), batch.Job(layout=layout, limits=limits or DEFAULT))
    return read.report if read.error is None else read.error


def _name(source: Source) -> str:
    if isinstance(source, Report):
        return source.path
    return "<dict>" if isinstance(source, dict) else str(source)


def _is_file(source: Source) -> bool:
    return not isinstance(source, (Report, dict))


def read_many(sources: list[Source], *, layout: str | None = None, jobs: int = 1,
              limits: Limits | None = None, isolate: bool = True) -> list[Report | str]:
    """Read every source: a Report, or the one-line reason it cannot be read.

    Files are read in ``jobs`` worker processes (one with ``jobs=1``), each file under
    ``limits.seconds`` and ``limits.memory`` (see ``gklint.batch``); ``isolate=False`` reads them in
    this process instead. JSON dicts and Reports are taken here.
    """
    job = batch.Job(layout=layout, limits=limits or DEFAULT)
    reads = (r for r in batch.read_all([str(s) for s in sources if _is_file(s)], job, jobs=jobs, isolate=isolate)
             if r is not None)
    out: list[Report | str] = []
    for source in sources:
        if _is_file(source):
            read = next(reads)
            out.append(read.report if read.error is None else read.error)
        else:
            out.append(_read(source, layout))
    return out


class Run:
    """One run over many sources: ``files()`` yields each file's result as soon as it is done (in input
    order); once it is exhausted, ``series()`` adds the findings that pair reports across the whole run.

    The map (``gklint.batch``): files are read in worker processes (``isolate``, the default) under
    ``limits``, or on ``executor`` (any ``concurrent.futures``-style executor, e.g. a Dask cluster's),
    where the per-report rules and the table rules (stacked over each task's files) run too; a worker
    sends back each file's findings and a small summary of its report, not the report (unless
    ``keep_reports``). Sources read here (dicts, Reports, ``isolate=False``) have their table rules
    stacked over the files done so far (up to ``group`` at a time). The reduce, here: the series rules
    over every readable report of the run, whatever the grouping, so the findings never depend on how
    the batch was cut or where it ran.
    """

    def __init__(self, sources: Iterable[Source], *, select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None, lang: str = "zh", settings: dict | None = None,
                 rules: tuple[Rule, ...] | None = None, layout: str | None = None, jobs: int = 1,
                 limits: Limits | None = None, isolate: bool = True, group: int = 200,
                 flush_after: float | None = 1.0, previous: Source | None = None, executor=None,
                 keep_reports: bool = False):
        self.sources = list(sources)
        self.every = rules or load_rules()  # the run's full rule set (narrative claims weigh them all)
        self.rules = _rules(select, ignore, self.every, lang)
        self.previous = None if previous is None else _previous(previous, layout, limits, isolate)
        self.lang, self.settings, self.jobs, self.isolate, self.group = lang, settings, jobs, isolate, group
        self.flush_after = flush_after  # seconds a done file may wait for the files after it (None: no limit)
        self.executor = executor
        self.job = batch.Job(layout=layout, limits=limits or DEFAULT, rules=self.rules, every=self.every, lang=lang,
                             settings=settings, keep_reports=keep_reports)
        self._kept: list[tuple[FileResult, Report]] = []  # what the series rules may pair
        self._done = False
        self.on_read: Callable[[str], None] | None = None  # told each source's name as soon as it is read

    def _local(self, source: Source) -> batch.Read:
        report = _read(source, self.job.layout)
        if isinstance(report, str):
            return batch.Read(_name(source), error=report)
        from gklint.engine.run import report_diagnostics

        return batch.Read(_name(source), report=report,
                          diagnostics=report_diagnostics(report, self.rules, lang=self.lang, settings=self.settings,
                                                         every=self.every))

    def _reads(self) -> Iterator[batch.Read | None]:
        paths = [str(s) for s in self.sources if _is_file(s)]
        files = batch.read_all(paths, self.job, jobs=self.jobs, isolate=self.isolate, executor=self.executor)
        for source in self.sources:
            if not _is_file(source):
                yield self._local(source)
                continue
            for read in files:
                yield read
                if read is not None:
                    break
        for _ in files:  # let the pool close
            pass

    def _finish(self, reads: list[batch.Read]) -> list[FileResult]:
        """The files' results (the map finished here for what was read here), kept for the series rules."""
        out = []
        for read in batch.finish(reads, self.job, here=True):
            if read.result is None:
                out.append(FileResult(path=read.path, error=read.error))
                continue
            summary = read.report  # packed by the worker, or a Report read here
            if summary is not None and not isinstance(summary, _Packed):
                summary = _Packed(summary, whole=self.job.keep_reports)
            if summary is not None and (summary.year or self.previous is not None):
                self._kept.append((read.result, summary))
            out.append(read.result)
        return out

    def files(self) -> Iterator[FileResult]:
        import time

        held: list[batch.Read] = []
        since = 0.0
        for read in self._reads():
            if read is not None:
                if self.on_read is not None:
                    self.on_read(read.path)
                if not held:
                    since = time.monotonic()
                held.append(read)
            waited = self.flush_after is not None and time.monotonic() - since >= self.flush_after
            if held and (len(held) >= self.group or (read is None and waited)):
                yield from self._finish(held)
                held = []
        if held:
            yield from self._finish(held)
        self._done = True

    def series(self) -> list[tuple[FileResult, list, Report]]:
        """The reduce: the series findings of the run, each file's already merged into its result:
        (file, its new findings, its report: the whole Report with ``keep_reports``, else its summary)."""
        assert self._done, "series() needs every file of the run: exhaust files() first"
        with _gc_paused():  # it unpacks thousands of summaries into objects that all stay alive: nothing to collect
            return self._series()

    def _series(self) -> list[tuple[FileResult, list, Report]]:
        from gklint.engine.run import add_series, sort
        from gklint.engine.views import describe

        found: list[list] = [[] for _ in self._kept]
        reports: dict[int, Report] = {}  # the summaries unpacked, one agency (or one report) at a time
        for group in _series_groups([p for _, p in self._kept], self.previous is not None):
            members = [p.unpack() for _, p in (self._kept[i] for i in group)]
            part = [found[i] for i in group]
            add_series(members, part, self.rules, self.lang, self.settings, previous=self.previous)
            reports.update((i, r) for i, r in zip(group, members) if found[i])
        out = []
        for k, ((result, _), diags) in enumerate(zip(self._kept, found)):
            if diags:
                report = reports[k]
                result.diagnostics += diags
                sort(report, result.diagnostics)
                describe(result, report, self.rules, self.lang, views=result.report is not None)
                out.append((result, diags, report))
        return out


class _gc_paused:
    """The cyclic garbage collector off for a while (as it was after): a phase that allocates many objects
    and frees none would have the collector scan every live object again and again for no gain."""

    def __enter__(self) -> None:
        import gc

        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        import gc

        if self.was:
            gc.enable()


_Packed = batch.Packed  # a report's summary kept for the series rules


def _series_groups(packed: list[_Packed], previous: bool) -> list[list[int]]:
    """The kept reports the series rules may pair, in groups checked one at a time: with ``--previous``
    each report alone (paired with that report only); else the reports of one agency (``pairs`` pairs
    only those, by the same key), in run order, less those of a year with neither the year before nor the
    year after in the group (``pairs`` would pair them with nothing: they are not unpacked); a report
    alone of its agency pairs with nothing."""
    if previous:
        return [[i] for i in range(len(packed))]
    by_key: dict[str, list[int]] = {}
    for i, p in enumerate(packed):
        if p.key and p.year:
            by_key.setdefault(p.key, []).append(i)
    groups = []
    for group in by_key.values():
        years = {packed[i].year for i in group}
        paired = [i for i in group if packed[i].year - 1 in years or packed[i].year + 1 in years]
        if len(paired) > 1:
            groups.append(paired)
    return groups


def _previous(source: Source, layout: str | None, limits: Limits | None, isolate: bool) -> Report:
    """Last year's report named for the cross-year rules, read (not checked); ReadError when it cannot be."""
    if not _is_file(source):
        return extract(source, layout=layout)
    [read] = [r for r in batch.read_all([str(source)], batch.Job(layout=layout, limits=limits or DEFAULT),
                                        isolate=isolate) if r is not None]
    if read.report is None:
        prefix = f"{read.path}: "
        message = read.error[len(prefix):] if read.error and read.error.startswith(prefix) else read.error
        raise ReadError(read.path, message or "无法读取")
    return read.report


def check_many(sources: Iterable[Source], *, select: Iterable[str] | None = None,
               ignore: Iterable[str] | None = None, lang: str = "zh", settings: dict | None = None,
               rules: tuple[Rule, ...] | None = None, layout: str | None = None, jobs: int = 1,
               limits: Limits | None = None, isolate: bool = True, previous: Source | None = None,
               executor=None, keep_reports: bool = False) -> Result:
    """Check many reports at once; a file that cannot be read is reported and the rest still run.

    ``sources``: paths (any supported format, chosen by content), dicts in gklint's JSON format, or
    ``Report`` objects. Reports of one agency for consecutive years are paired (the ``Y`` rules).

    Options (as the CLI's):

    - ``select``, ``ignore``: rule ids, id prefixes ("T3") or rule names; ignore wins. An id that
      matches no rule raises ValueError naming it.
    - ``lang``: "zh" (default) or "en", the language of messages; anything else raises ValueError.
    - ``settings``: what the rules read besides the report: ``{"aggregate": True}`` for a local
      government's own report (deadline 3月31日), ``{"repeated_threshold": 0.6}`` for Y103.
      ``gklint.config.Config.settings()`` builds it from a configuration file.
    - ``rules``: the rules to choose from (default: every rule of ``rules/*.yaml``);
      ``Config.rules()`` gives them with a configuration's severities, deadlines and tolerance.
    - ``layout``: force the layout version ("2019" or "2021") instead of recognising it.
    - ``jobs``: read the files in that many worker processes (one when ``jobs=1``).
    - ``limits`` (``guards.Limits``): each file is read under ``seconds`` and ``memory`` (plus the
      readers' own limits); a file past its budget becomes one read error naming the limit.
    - ``isolate``: False reads in this process instead (faster to start, unprotected).
    - ``previous``: last year's report of the same office (a path, dict or Report), named for the
      cross-year rules (``Y``): every report is paired with it (unless it is of the same year or
      later) instead of with the other sources. It is read, not checked; ReadError if it cannot be.
    - ``executor``: run the map (read, per-report and table rules) on this ``concurrent.futures``-style
      executor instead of gklint's own pool, e.g. ``distributed.Client(address).get_executor()`` (the
      files must be readable at the same paths where it runs); the series rules run here. Without the
      pool's per-file deadline and memory limit (the readers' own limits still apply).
    - ``keep_reports``: keep each file's ``Report`` on its ``FileResult`` (``report``) with its table
      views (``tables``), as the review page needs; by default a worker sends back only the findings
      and what the series rules need, so memory does not grow with the reports' size.

    The table rules of all readable reports run as one stacked validation per layout; the series
    rules pair every report of the call. Returns a ``Result`` with one ``FileResult`` per source, in order.
    """
    run = Run(sources, select=select, ignore=ignore, lang=lang, settings=settings, rules=rules, layout=layout,
              jobs=jobs, limits=limits, isolate=isolate, group=1 << 30, flush_after=None, previous=previous,
              executor=executor, keep_reports=keep_reports)
    files = list(run.files())
    run.series()
    return Result(files)


def check(source: Source, *, isolate: bool = False, keep_reports: bool = True, **options) -> FileResult:
    """Check one report (a path, a JSON dict or a Report) and return its ``FileResult``.

    Takes the options of ``check_many`` (``select``, ``ignore``, ``lang``, ``settings``, ``rules``,
    ``layout``, ``limits``, ``previous``), validated the same way. Raises ReadError if the report cannot be read.

    A single file is read in this process by default (no worker to start: the quick path for a caller
    checking one known file); ``isolate=True`` reads it in a worker process under ``limits`` like
    ``check_many`` does, for files from untrusted sources. The result keeps its ``Report`` (``report``)
    unless ``keep_reports=False``.
    """
    result = check_many([source], isolate=isolate, keep_reports=keep_reports, **options).files[0]
    if result.error is not None:
        prefix = f"{result.path}: "
        message = result.error[len(prefix):] if result.error.startswith(prefix) else result.error
        raise ReadError(result.path, message)
    return result
