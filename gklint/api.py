"""The library API: ``check``, ``check_many``, ``extract``. The CLI is a thin layer over these."""

from __future__ import annotations

import itertools
import os
import pickle
import weakref
from array import array
from typing import Callable, Iterable, Iterator, Union

from gklint import batch
from gklint.core.diagnostic import FileResult, Result
from gklint.engine.rules import Rule, load_rules, select as select_rules
from gklint.read.errors import ReadError, reason_in
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


def _every(rules) -> tuple[Rule, ...]:
    """The run's full rule set: ``rules`` as given (Rule objects), or the built-in rules with, as ``--rules``
    adds them, the packs of a folder (a path) or of several (a list of paths); TypeError for anything else."""
    if not rules:
        return load_rules()
    folders = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules)
    if all(isinstance(r, Rule) for r in folders):
        return tuple(folders)
    if all(isinstance(r, (str, os.PathLike)) for r in folders):
        return load_rules(packs=tuple(map(str, folders)))
    raise TypeError("rules 应是规则（Rule）的元组（如 load_rules() 或 Config.rules() 所给），或自己的规则包文件夹的路径"
                    "（一个或一个列表，加在自带规则之上，如 --rules）")


def _check_source(source) -> None:
    """TypeError naming what a source may be, for anything else (bytes of an upload: how to read them)."""
    if isinstance(source, (str, os.PathLike, dict, Report)):
        return
    upload = ("；上传的字节请用 gklint.ingest.read_bytes(文件名, 字节) 读成 Report 再检查，或写入临时文件后按路径检查"
              "（isolate=True 在子进程中读取）" if isinstance(source, (bytes, bytearray, memoryview)) else "")
    raise TypeError(f"source 应是文件路径（str 或 os.PathLike）、gklint JSON 的 dict 或 Report，"
                    f"而不是 {type(source).__name__}{upload}")


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


class Run:
    """One run over many sources: ``files()`` yields each file's result as soon as it is done (in input
    order); once it is exhausted, ``series()`` adds the findings that pair reports across the whole run.

    The map (``gklint.batch``): files are read in worker processes (``isolate``, the default) under
    ``limits``, or on ``executor`` (any ``concurrent.futures``-style executor, e.g. a Dask cluster's),
    where the per-report rules and the table rules (stacked over each task's files) run too; a worker
    sends back each file's findings and a small summary of its report, not the report (unless
    ``keep_reports``). Sources read here (dicts, Reports, ``isolate=False``) have their table rules
    stacked over the files done so far (up to ``group`` at a time). The reduce: the series rules over
    every readable report of the run, whatever the grouping, so the findings never depend on how the
    batch was cut or where it ran; here (``iter_series``), or for an output that needs only each file's
    part (``render_series``), in the workers again, a few of one agency's reports a task.

    Memory stays flat in the number of reports: until the series rules run, what they need of a report
    (its summary, pickled, and its result as the caller left it) is kept in a temporary file on disk,
    with a few numbers per report in memory (``_Kept``); they then check a few reports at a time.
    """

    def __init__(self, sources: Iterable[Source], *, select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None, lang: str = "zh", settings: dict | None = None,
                 rules: tuple[Rule, ...] | str | os.PathLike | list | None = None, layout: str | None = None, jobs: int = 1,
                 limits: Limits | None = None, isolate: bool = True, group: int = 200,
                 flush_after: float | None = 1.0, previous: Source | None = None, executor=None,
                 keep_reports: bool = False):
        self.sources = list(sources)
        for source in self.sources:
            _check_source(source)
        self.every = _every(rules)  # the run's full rule set (narrative claims weigh them all)
        self.rules = _rules(select, ignore, self.every, lang)
        self.previous = None if previous is None else _previous(previous, layout, limits, isolate)
        self.lang, self.settings, self.jobs, self.isolate, self.group = lang, settings, jobs, isolate, group
        self.flush_after = flush_after  # seconds a done file may wait for the files after it (None: no limit)
        self.executor = executor
        self.job = batch.Job(layout=layout, limits=limits or DEFAULT, rules=self.rules, every=self.every, lang=lang,
                             settings=settings, keep_reports=keep_reports)
        self._infos: dict = {}  # what outputs say of each rule the findings name (``views.name_rules``' cache)
        self._kept = _Kept(whole=keep_reports, infos=self._infos)  # what the series rules may pair
        self._done = self._reduced = False
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

    def _finish(self, reads: list[batch.Read]) -> list[tuple[FileResult, object]]:
        """The files' results (the map finished here for what was read here), each with what the series
        rules need of its report (a ``batch.Packed`` summary, or the whole Report), or None."""
        from gklint.engine.views import name_rules

        out: list[tuple[FileResult, object]] = []
        for read in batch.with_parts(batch.finish(reads, self.job, here=True)):  # each report of a file its own
            if read.result is None:
                out.append((FileResult(path=read.path, error=reason_in(read.error, self.lang, read.path),
                                       spot=read.spot), None))
                continue
            name_rules(read.result, self.rules, self.lang, self._infos)  # not sent by the workers
            kept = read.report
            if isinstance(kept, Report) and not self.job.keep_reports:  # read here: its summary, packed
                from gklint.engine.run import summary

                brief = summary(kept, self.rules)
                kept = None if brief is None else batch.Packed(brief)
            if kept is not None and not (kept.year if isinstance(kept, batch.Packed) else kept.meta.year) \
                    and self.previous is None:
                kept = None  # no year: nothing to pair it with
            out.append((read.result, kept))
        return out

    def files(self) -> Iterator[FileResult]:
        import time

        held: list[batch.Read] = []
        since = 0.0
        position = 0

        def done() -> Iterator[FileResult]:
            nonlocal position
            for result, kept in self._finish(held):
                yield result
                # kept once the caller is done with the result (it may have changed it: a baseline applied)
                if kept is not None:
                    self._kept.add(position, result, kept)
                position += 1

        for read in self._reads():
            if read is not None:
                if self.on_read is not None:
                    self.on_read(read.path)
                if not held:
                    since = time.monotonic()
                held.append(read)
            waited = self.flush_after is not None and time.monotonic() - since >= self.flush_after
            if held and (len(held) >= self.group or (read is None and waited)):
                yield from done()
                held = []
        if held:
            yield from done()
        self._done = True

    def series(self) -> list[tuple[FileResult, list, Report]]:
        """The reduce: the series findings of the run, each file's already merged into its result:
        (file, its new findings, its report: the whole Report with ``keep_reports``, else its summary)."""
        return [(f, diags, report) for _, f, diags, report in self.iter_series()]

    def iter_series(self, reports: bool = True, ordered: bool = True
                    ) -> Iterator[tuple[int, FileResult, list, Report | None]]:
        """``series`` one file at a time, in run order (in any order unless ``ordered``: then none is held
        back), with each file's position in ``files()``: (position, file, its new findings, its report;
        None unless ``reports``).

        A file's result is the one ``files()`` gave while the caller still holds it; else a copy read back
        from disk (as the caller left it), the series findings merged in. The series rules run over a few
        reports at a time (``_Kept.groups``), unpacked only then: memory holds a few numbers per report of
        the run, and the reports of one check."""
        assert self._done, "series() needs every file of the run: exhaust files() first"
        assert not self._reduced, "series() runs once"
        self._reduced = True
        kept = self._kept
        merged = _Spill()  # the files given series findings, until they are given back in run order
        try:
            for i, result, live, diags, report in self._found(kept.groups(self.previous is not None)):
                position = kept.positions[i]
                if not ordered:
                    yield position, result, diags, report if reports else None
                elif kept.whole:  # in memory already
                    merged.add(position, (result, diags, report))
                elif live:  # the caller holds it: kept as it is (its findings with it)
                    merged.add(position, (result, diags, None), report if reports else None)
                else:
                    merged.add(position, None, (result, diags, report if reports else None))
            for position, held, spilled in merged.items():
                if spilled is None:
                    result, diags, report = held
                elif held is None:
                    result, diags, report = spilled
                else:
                    (result, diags, _), report = held, spilled
                yield position, result, diags, report if reports else None
        finally:
            merged.close()
            kept.spill.close()

    REMOTE = 256  # reports kept to pair from which ``render_series`` runs the series rules in worker processes
    TASK_REPORTS = 128  # reports (with those they pair with) in one task of those, at least (a check is not cut)

    def render_series(self, render: Callable[[FileResult, list], bytes], ordered: bool = False
                      ) -> Iterator[tuple[int, tuple[str, ...], bytes]]:
        """The reduce for an output that needs of a file given series findings only what ``render`` makes of
        its result with them merged in and of those new findings (``-f json``: its entry; ``-f jsonl``: the
        findings' lines): (its position in ``files()``, the severities of its new findings, ``render(result,
        findings)``), in no set order unless ``ordered`` (then in run order, what came before its turn kept on
        disk). ``render``: a module's function (it is sent to worker processes), given the result without its
        rules' descriptions (``FileResult.rules``).

        With at least ``REMOTE`` reports kept to pair, read in worker processes or on an executor, the series
        rules and ``render`` run there too, a few checks (``_Kept.groups``) a task (``batch.map_series``;
        a task that fails is done here): this process only sends the summaries and results as they are kept
        on disk and gathers what comes back. Else here, as ``iter_series`` does (which then merges them into
        the results the caller holds; this need not)."""
        assert self._done, "series() needs every file of the run: exhaust files() first"
        assert not self._reduced, "series() runs once"
        self._reduced = True
        if not ordered:
            yield from self._rendered_anyhow(render)
            return
        held = _Spill()  # what came back, until it is given back in run order
        try:
            for position, severities, data in self._rendered_anyhow(render):
                held.add(position, spilled=(severities, data))
            for position, _, (severities, data) in held.items():
                yield position, severities, data
        finally:
            held.close()

    def _rendered_anyhow(self, render) -> Iterator[tuple[int, tuple[str, ...], bytes]]:
        """``render_series`` in no set order: in worker processes for a large batch, else here."""
        kept = self._kept
        try:
            checks = kept.groups(self.previous is not None)
            first = next(checks, None)
            if first is None:  # nothing to pair: no worker to start
                return
            checks = itertools.chain([first], checks)
            if not (self.previous is None and not kept.whole and (self.isolate or self.executor is not None)
                    and len(kept) >= self.REMOTE):
                yield from self._rendered(checks, render)
                return
            for task, found in batch.reduce_all(self._tasks(checks), self.job, render, jobs=self.jobs,
                                                executor=self.executor):
                if found is None:
                    yield from self._rendered(task, render)
                    continue
                for (_, group), hits in zip(task, found):
                    for k, severities, data in hits:
                        yield kept.positions[group[k]], severities, data
        finally:
            kept.spill.close()

    def _rendered(self, checks: Iterable[tuple[int | None, list[int]]], render) -> Iterator[tuple[int, tuple[str, ...], bytes]]:
        """``render_series`` of ``checks``, here."""
        for i, result, _, diags, _ in self._found(checks):
            yield self._kept.positions[i], tuple(d.severity for d in diags), render(result, diags)

    def _found(self, checks: Iterable[tuple[int | None, list[int]]]
               ) -> Iterator[tuple[int, FileResult, bool, list, Report]]:
        """The series rules over ``checks`` here, for each report they give findings: (its index in
        ``_Kept``, its result with them merged in, whether that is the caller's own (``_Kept.result``), its
        new findings, its report)."""
        kept = self._kept
        last: tuple[int, Report] | None = None  # the report last unpacked as last year's, reused
        for paired, group in checks:
            if paired is not None and (last is None or last[0] != paired):
                last = paired, kept.report(paired)
            members = [kept.report(i) for i in group]
            found = batch.series_found(members, None if paired is None else last[1], self.job, self.previous)
            for i, report, diags in zip(group, members, found):
                if diags:
                    result, live = kept.result(i)
                    batch.merge_series(result, report, diags, self.job, self._infos)
                    yield i, result, live, diags, report

    def _tasks(self, checks: Iterable[tuple[int | None, list[int]]]) -> Iterator[tuple[list, list[batch.SeriesCheck]]]:
        """The checks gathered into tasks of ``TASK_REPORTS`` reports: (the checks, what a worker is sent of them)."""
        kept = self._kept
        task: list = []
        sent: list[batch.SeriesCheck] = []
        size = 0
        for paired, group in checks:
            sent.append((None if paired is None else kept.summary(paired), [(kept.summary(i), kept.stored(i)) for i in group]))
            task.append((paired, group))
            size += len(group) + 1
            if size >= self.TASK_REPORTS:
                yield task, sent
                task, sent, size = [], [], 0
        if task:
            yield task, sent


class _Spill:
    """Records kept under a number, in memory or pickled into a temporary file on disk (opened when first
    needed), given back sorted by that number."""

    def __init__(self) -> None:
        self.keys = array("q")
        self.starts = array("q")
        self.ends = array("q")
        self.held: dict[int, object] = {}  # key -> what is kept in memory
        self.file = None

    def write(self, data: bytes) -> int:
        """Append ``data`` to the file; where it starts."""
        if self.file is None:
            import tempfile

            self.file = tempfile.TemporaryFile()
        self.file.seek(0, 2)
        start = self.file.tell()
        self.file.write(data)
        return start

    def raw(self, start: int, end: int) -> bytes:
        self.file.seek(start)
        return self.file.read(end - start)

    def at(self, start: int, end: int):
        return pickle.loads(self.raw(start, end))

    def add(self, key: int, held=None, spilled=None) -> None:
        """Keep ``held`` as it is and ``spilled`` on disk under ``key``."""
        start = end = -1
        if spilled is not None:
            data = pickle.dumps(spilled, pickle.HIGHEST_PROTOCOL)
            start = self.write(data)
            end = start + len(data)
        if held is not None:
            self.held[key] = held
        self.keys.append(key)
        self.starts.append(start)
        self.ends.append(end)

    def items(self) -> Iterator[tuple[int, object, object]]:
        """(key, held, spilled) by key."""
        for k in sorted(range(len(self.keys)), key=self.keys.__getitem__):
            key, start = self.keys[k], self.starts[k]
            yield key, self.held.pop(key, None), None if start < 0 else self.at(start, self.ends[k])

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class _Kept:
    """What the series rules need of each report of a run, kept until the run is done. In memory, a few
    numbers per report: its position in the run, a hash of its agency key (-1: none, or no year: it
    pairs with nothing but ``--previous``), its year, where the rest is on disk (``_Spill``): its agency
    key, its pickled summary and its result, each read back alone (a result only for a report given
    findings). A result the caller still holds is found again by a weak reference (the series findings
    merge into it). With ``whole`` (``keep_reports``: the review page), results and whole Reports are held
    in memory. A result's rule descriptions (``FileResult.rules``) that are the run's own (``infos``:
    ``views.name_rules``' cache) go to disk as their ids, and come back as the same objects."""

    def __init__(self, whole: bool = False, infos: dict | None = None) -> None:
        self.whole = whole
        self.infos = {} if infos is None else infos
        self.positions = array("q")
        self.hashes = array("q")
        self.years = array("q")
        # on disk, pickled: the agency key from ``starts``, the summary from ``summaries``, the result (with its
        # rules' ids) from ``results`` to ``ends``
        self.starts = array("q")
        self.summaries = array("q")
        self.results = array("q")
        self.ends = array("q")
        self.spill = _Spill()
        self.objects: list[tuple[FileResult, Report]] = []  # whole
        self.alive: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # i -> the caller's result

    def __len__(self) -> int:
        return len(self.positions)

    def add(self, position: int, result: FileResult, kept) -> None:
        """Keep ``result`` (the ``position``-th of the run) and ``kept``: its summary (``batch.Packed``), or
        with ``whole`` its Report."""
        from gklint.engine.kinds.series import agency_key

        i = len(self.positions)
        if self.whole:
            key, year = agency_key(kept), kept.meta.year
            self.objects.append((result, kept))
        else:
            key, year = kept.key, kept.year
            self.alive[i] = result
            head = pickle.dumps(key, pickle.HIGHEST_PROTOCOL)
            rules, ids = result.rules, None
            if rules and all(self.infos.get(k) is v for k, v in rules.items()):
                result.rules, ids = {}, tuple(rules)  # by id on disk (put back once pickled)
            try:
                data = pickle.dumps((result, ids), pickle.HIGHEST_PROTOCOL)
            finally:
                result.rules = rules
            start = self.spill.write(head + kept.data + data)
            self.starts.append(start)
            self.summaries.append(start + len(head))
            self.results.append(start + len(head) + len(kept.data))
            self.ends.append(start + len(head) + len(kept.data) + len(data))
        self.positions.append(position)
        self.hashes.append(hash(key) if key and year else -1)
        self.years.append(year or 0)

    def key(self, i: int) -> str | None:
        if self.whole:
            from gklint.engine.kinds.series import agency_key

            return agency_key(self.objects[i][1])
        return self.spill.at(self.starts[i], self.summaries[i])

    def report(self, i: int) -> Report:
        """The i-th kept report: its summary, or with ``whole`` the Report."""
        if self.whole:
            return self.objects[i][1]
        return self.spill.at(self.summaries[i], self.results[i])

    def summary(self, i: int) -> bytes:
        """The i-th kept report's summary, pickled (not ``whole``)."""
        return self.spill.raw(self.summaries[i], self.results[i])

    def stored(self, i: int) -> bytes:
        """The i-th kept report's result as it is on disk, pickled: (the result, its rules' ids or None) (not ``whole``)."""
        return self.spill.raw(self.results[i], self.ends[i])

    def result(self, i: int) -> tuple[FileResult, bool]:
        """The i-th kept report's result, and whether that is the caller's own (else a copy read back)."""
        if self.whole:
            return self.objects[i][0], True
        result = self.alive.get(i)
        if result is not None:
            return result, True
        copy, ids = self.spill.at(self.results[i], self.ends[i])
        if ids is not None:
            copy.rules = {k: self.infos[k] for k in ids}
        return copy, False

    CHUNK = 32  # reports of one agency and year checked at a time

    def groups(self, previous: bool) -> Iterator[tuple[int | None, list[int]]]:
        """The kept reports the series rules may pair, a few at a time: (the report they are all paired
        with, or None; their indices, in run order).

        With ``previous``, each report alone (paired with that report only). Else, as ``pairs`` pairs
        them: a report with the first report of its agency's previous year in run order, and with nothing
        else, so the reports of one agency and year are checked ``CHUNK`` at a time with that one (and
        none when their agency has no report of the year before). Reports are grouped by the hash of their
        agency key, then by the key itself (read back from disk only when the hash holds reports)."""
        if previous:
            yield from ((None, [i]) for i in range(len(self)))
            return
        hashes, years, size = self.hashes, self.years, self.CHUNK
        order = sorted((i for i in range(len(self)) if hashes[i] != -1), key=hashes.__getitem__)  # stable
        start = 0
        for end in range(1, len(order) + 1):
            if end < len(order) and hashes[order[end]] == hashes[order[start]]:
                continue
            same = order[start:end]  # in run order
            start = end
            if len(same) < 2:
                continue
            for agency in _by_key(same, [self.key(i) for i in same]):
                first: dict[int, int] = {}  # year -> its first report
                by_year: dict[int, list[int]] = {}
                for i in agency:
                    first.setdefault(years[i], i)
                    by_year.setdefault(years[i], []).append(i)
                for year, these in by_year.items():
                    paired = first.get(year - 1)
                    if paired is not None:
                        for k in range(0, len(these), size):
                            yield paired, these[k:k + size]


def _by_key(same_hash: list[int], keys: list) -> list[list[int]]:
    """Reports whose agency keys hash alike, parted by the key itself (groups of one left out)."""
    if len(set(keys)) == 1:
        return [same_hash]
    by_key: dict[str, list[int]] = {}
    for i, key in zip(same_hash, keys):
        by_key.setdefault(key, []).append(i)
    return [group for group in by_key.values() if len(group) > 1]


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
               rules: tuple[Rule, ...] | str | os.PathLike | list | None = None, layout: str | None = None, jobs: int = 1,
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
      ``Config.rules()`` gives them with a configuration's severities, deadlines and tolerance. A folder of
      your own rule packs (a path, or a list of paths) adds its rules to the built-in ones, as ``--rules``.
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
    rules pair every report of the call. Returns a ``Result`` with one ``FileResult`` per source, in order;
    a file holding several reports gives one per report (``FileResult.part``, ``part_title``), one after the other.
    """
    run = Run(sources, select=select, ignore=ignore, lang=lang, settings=settings, rules=rules, layout=layout,
              jobs=jobs, limits=limits, isolate=isolate, group=1 << 30, flush_after=None, previous=previous,
              executor=executor, keep_reports=keep_reports)
    files = list(run.files())
    for _ in run.iter_series(reports=False):  # merged into ``files``
        pass
    return Result(files)


def check(source: Source, *, isolate: bool = False, keep_reports: bool = True, **options) -> FileResult:
    """Check one report (a path, a JSON dict or a Report) and return its ``FileResult``.

    Takes the options of ``check_many`` (``select``, ``ignore``, ``lang``, ``settings``, ``rules``,
    ``layout``, ``limits``, ``previous``), validated the same way. Raises ReadError if the report cannot be read,
    TypeError for a source of another kind (bytes of an upload: ``gklint.ingest.read_bytes(name, data)``
    reads them into a Report, or write them to a temporary file and check it with ``isolate=True``).

    A single file is read in this process by default (no worker to start: the quick path for a caller
    checking one known file); ``isolate=True`` reads it in a worker process under ``limits`` like
    ``check_many`` does, for files from untrusted sources. The result keeps its ``Report`` (``report``)
    unless ``keep_reports=False``. A file holding several reports (R114) gives the first one's result, the
    others' in its ``later`` (``check_many`` gives each its own result, in file order).
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()  # one report's check frees what it makes when it returns; the first one imports pandas and
    try:  # pandera, hundreds of thousands of objects that stay: the cyclic collector would scan them for nothing
        result, *later = check_many([source], isolate=isolate, keep_reports=keep_reports, **options).files
        result.later = later
    finally:
        if collecting:
            gc.enable()
    if result.error is not None:
        prefix = f"{result.path}: "
        message = result.error[len(prefix):] if result.error.startswith(prefix) else result.error
        raise ReadError(result.path, message)
    return result
