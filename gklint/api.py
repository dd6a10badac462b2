"""The library API: ``check``, ``check_many``, ``extract``. The CLI is a thin layer over these."""

from __future__ import annotations

import os
from typing import Iterable, Union

from gklint.engine.diagnostic import FileResult, Result
from gklint.engine.rules import Rule, load_rules, select as select_rules
from gklint.ingest.errors import ReadError
from gklint.model import Report

Source = Union[str, os.PathLike, dict, Report]


def extract(source: Source, *, layout: str | None = None) -> Report:
    """Read a file (any supported format), a JSON dict or a Report into a Report. Raises ReadError."""
    if isinstance(source, Report):
        return source
    if isinstance(source, dict):
        from gklint.ingest.json_format import from_json

        return from_json(source, "<dict>")
    from gklint.ingest import read_report

    return read_report(source, layout=layout)


LANGS = ("zh", "en")


def _rules(select: Iterable[str] | None, ignore: Iterable[str] | None,
           rules: tuple[Rule, ...] | None, lang: str = "zh") -> tuple[Rule, ...]:
    """The rules to run; an unknown rule id or prefix in ``select``/``ignore``, or an unknown ``lang``,
    raises ValueError naming it (as the CLI exits 2)."""
    from gklint.config import check_rule_ids

    if isinstance(select, str) or isinstance(ignore, str):
        raise ValueError("select/ignore 应是规则编号的列表，如 [\"T3\", \"N101\"]")
    if lang not in LANGS:
        raise ValueError(f"未知的语言 {lang!r}（可选：{', '.join(LANGS)}）")
    every = rules or load_rules()
    check_rule_ids(every, list(select or []), key="select")
    check_rule_ids(every, list(ignore or []), key="ignore")
    return select_rules(every, list(select or []), list(ignore or []))


def _meta(report: Report) -> dict:
    m = report.meta
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in
            {"title": m.title, "agency": m.agency, "year": m.year, "published": m.published}.items()
            if v is not None}


def _read(source: Source, layout: str | None) -> Report | str:
    """A Report, or the one-line reason the source cannot be read (never an exception)."""
    name = _name(source)
    try:
        return extract(source, layout=layout)
    except ReadError as exc:
        return str(exc)
    except Exception as exc:  # a reader's bug on odd input: report this file, check the others
        return f"{name}: 无法读取（{type(exc).__name__}: {str(exc)[:200]}）"


def _layout_shown(report: Report) -> str | None:
    """The layout version to name in outputs: none when recognition could not tell it (R103)."""
    return None if any(n.kind == "layout_unknown" for n in report.notes) else report.layout


def _name(source: Source) -> str:
    if isinstance(source, Report):
        return source.path
    return "<dict>" if isinstance(source, dict) else str(source)


def read_many(sources: list[Source], *, layout: str | None = None, jobs: int = 1) -> list[Report | str]:
    """Read every source, in ``jobs`` processes when more than one (reading a PDF is the slow part)."""
    paths = [s for s in sources if not isinstance(s, (Report, dict))]
    if jobs <= 1 or len(paths) < 2:
        return [_read(s, layout) for s in sources]
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        read = iter(pool.map(partial(_read, layout=layout), paths, chunksize=1))
        return [_read(s, layout) if isinstance(s, (Report, dict)) else next(read) for s in sources]


def check_many(sources: Iterable[Source], *, select: Iterable[str] | None = None,
               ignore: Iterable[str] | None = None, lang: str = "zh", settings: dict | None = None,
               rules: tuple[Rule, ...] | None = None, layout: str | None = None, jobs: int = 1) -> Result:
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
    - ``jobs``: read the files in that many processes (reading PDFs is the slow part).

    The table rules of all readable reports run as one stacked validation per layout. Returns a
    ``Result`` with one ``FileResult`` per source, in order.
    """
    from gklint.engine.run import check_reports

    chosen = _rules(select, ignore, rules, lang)
    sources = list(sources)
    files: list[FileResult] = []
    readable: list[tuple[FileResult, Report]] = []
    for source, report in zip(sources, read_many(sources, layout=layout, jobs=jobs)):
        name = _name(source)
        if isinstance(report, str):
            files.append(FileResult(path=name, error=report))
            continue
        result = FileResult(path=name or report.path, layout=_layout_shown(report), report=report, meta=_meta(report))
        files.append(result)
        readable.append((result, report))
    diagnostics = check_reports([r for _, r in readable], chosen, lang=lang, settings=settings)
    for (result, _), diags in zip(readable, diagnostics):
        result.diagnostics = diags
    return Result(files)


def check(source: Source, **options) -> FileResult:
    """Check one report (a path, a JSON dict or a Report) and return its ``FileResult``.

    Takes the options of ``check_many`` (``select``, ``ignore``, ``lang``, ``settings``, ``rules``,
    ``layout``), validated the same way. Raises ReadError if the report cannot be read.
    """
    result = check_many([source], **options).files[0]
    if result.error is not None:
        prefix = f"{result.path}: "
        message = result.error[len(prefix):] if result.error.startswith(prefix) else result.error
        raise ReadError(result.path, message)
    return result
