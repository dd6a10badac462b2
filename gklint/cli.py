"""The command line: a thin typer layer over ``gklint.api``. Exit 0: no error; 1: errors; 2: unreadable
input or bad usage."""

from __future__ import annotations

import enum
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer

from gklint import cli_text as _text
from gklint import output as _output

# help pages and usage errors in the user's language (gklint/cli_text.py): Chinese, or English with --lang en
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False, cls=_text.Group,
                  help="gklint: a consistency linter for annual reports on government information disclosure")
LANG_ENV = _text.LANG_ENV


Format = enum.Enum("Format", {name: name for name in _output.FORMATS}, type=str)  # from the output registry


class Severity(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        from gklint import __version__

        typer.echo(f"gklint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """gklint：政府信息公开工作年度报告一致性检查工具 (a consistency linter for annual reports)"""


def _fail(message: str, english: Optional[str] = None) -> None:
    """A usage or input error: one line on stderr (in English with --lang en when ``english`` is given), exit 2."""
    from gklint.core.display import printable

    typer.echo(f"gklint: {printable(_text.say(message, english))}", err=True)
    raise typer.Exit(2)


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _expand(paths: list[Path]) -> list[str]:
    """Files as given; a folder contributes the files inside it (sorted) that an inspector may have been sent
    as a report: those of a format gklint reads (``gklint.read.formats``) and the usual ones it does not
    (``sniff.SUBMITTED``: .doc, .wps, .xlsx, .zip…, each then a file that could not be read, with what to do).
    Left out: hidden files and folders, Word's ~$ lock files, and gklint's own outputs (X.gklint.docx,
    X.gklint.html, a review page written with -f html, a result written with -f json or -f xlsx)."""
    from gklint.read.formats import extensions
    from gklint.read.sniff import SUBMITTED

    wanted = extensions() | SUBMITTED
    out: list[str] = []
    for p in paths:
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in wanted and _submitted(f, p))
        else:
            out.append(str(p))
    return out


_RESULT_EXTENSIONS = (".json", ".xlsx")  # what -f json / -f xlsx write: skipped in a folder when gklint wrote it
_MAX_OWN_WORKBOOK = 64 << 20  # a larger workbook is read as far as this, which is no whole workbook: not ours


def _submitted(path: Path, folder: Path) -> bool:
    """Is this file in ``folder`` one to check: a file, not hidden, not a lock file, not gklint's own output?"""
    from gklint.read.formats import HTML_EXTENSIONS
    from gklint.read.sniff import is_own_result, is_review_page, own_output_name

    if any(part.startswith(".") for part in path.relative_to(folder).parts) or path.name.startswith("~$"):
        return False
    if not path.is_file() or own_output_name(path.name):
        return False
    suffix = path.suffix.lower()
    if suffix not in HTML_EXTENSIONS and suffix not in _RESULT_EXTENSIONS:
        return True
    try:
        with open(path, "rb") as f:
            data = f.read(4096 if suffix != ".xlsx" else _MAX_OWN_WORKBOOK)
    except OSError:  # said when the file is read
        return True
    return not (is_review_page(data) if suffix in HTML_EXTENSIONS else is_own_result(str(path), data))


@app.command(cls=_text.Command)
def check(
    ctx: typer.Context,
    files: List[Path] = typer.Argument(..., help="report files (json, txt, html, docx, pdf) or folders"),
    format: Format = typer.Option(Format.terminal, "--format", "-f", help=_output.describe()),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o",
                                               help="write the output here, UTF-8 (with --annotate: the Word file)"),
    annotate: bool = typer.Option(False, "--annotate", help="write X.gklint.docx: the Word draft with a comment "
                                  "on each finding (or -o); a page or PDF gets its review page X.gklint.html"),
    full_paths: bool = typer.Option(False, "--full-paths", help="the review page names files with their folders"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="only these rule ids or prefixes (comma-separated)"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="skip these rule ids or prefixes"),
    lang: Lang = typer.Option(Lang.zh, "--lang", envvar=LANG_ENV, show_envvar=False,
                              help=f"message language: zh (default) or en; also the {LANG_ENV} environment variable "
                              "or the configuration key lang"),
    layout: Optional[str] = typer.Option(None, "--layout", help="force the layout version (2019 or 2021)"),
    aggregate: bool = typer.Option(False, "--aggregate", help="a local government's own aggregate report (deadline 31 March)"),
    statistics: bool = typer.Option(False, "--statistics", help="count findings by rule"),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="read files in N processes (default 0: one per core)"),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on",
                                     help="exit 1 when a finding of this severity or worse is found"),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1,
                                            help="seconds to read and check one file (default 120); past it the file is one read error"),
    memory: Optional[int] = typer.Option(None, "--memory", min=64,
                                         help="MB of memory a reading worker may add to its size at start (default 1024)"),
    config: Optional[Path] = typer.Option(None, "--config", help="a gklint.toml or pyproject.toml (default: found upward from the first file)"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="leave out the findings this baseline file accepts"),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="accept every finding: write them to this baseline file"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="exit 0 even when findings are found"),
    rule_packs: Optional[List[Path]] = typer.Option(None, "--rules", help="a folder of your own rule packs "
                                                    "(gklint rules --check DIR) to add to the run; may be repeated"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="last year's report of the same office, for the "
                                            "cross-year rules (instead of pairing the files of the batch)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar and no notes on stderr"),
    dask_scheduler: Optional[str] = typer.Option(None, "--dask-scheduler", metavar="ADDRESS",
                                                 help="read and check the files on this Dask cluster (tcp://host:8786; "
                                                 "the extra gklint[dask], the files at the same paths on the workers)"),
) -> None:
    """Check reports and print the findings."""
    from gklint import api, layouts
    from gklint.engine.rules import RuleError, load_rules
    from gklint.output import annotate_docx as _annotate

    _text.set_language(lang.value)
    if layout and layout not in layouts.layouts():
        _fail(f"未知的格式版本 {layout!r}（可选：{', '.join(layouts.layouts())}）",
              f"unknown layout {layout!r} (one of: {', '.join(layouts.layouts())})")
    packs = tuple(str(p) for p in rule_packs or ())
    try:
        rules = load_rules(packs=packs)
    except RuleError as exc:
        _fail(f"规则文件有误：{exc}")
    chosen, dropped = _split(select), _split(ignore)
    paths = _expand(files)
    # configuration file and baseline (gklint/config.py, gklint/baseline.py): options given here win
    conf = _configured(ctx, paths[0], config, baseline, select=chosen or None, ignore=dropped or None, lang=lang,
                       format=format, fail_on=fail_on, level="aggregate" if aggregate else None,
                       packs=list(packs) or None) if paths else None
    if conf is not None and conf.packs and tuple(conf.packs) != packs:  # the configuration's own packs
        rules = _or_fail(conf.load_rules)
    unknown = [p for p in chosen + dropped if not any(r.id.startswith(p) or r.name == p for r in rules)]
    if unknown:
        _fail(f"没有这样的规则：{', '.join(unknown)}（gklint rules 列出全部规则）",
              f"no such rule: {', '.join(unknown)} (gklint rules lists them all)")
    if not paths:
        _fail("没有找到可检查的文件", "no file to check")
    if annotate and (problem := _annotate.usage(paths, output_file)):
        _fail(problem)
    lang, format, fail_on = Lang(conf.lang or "zh"), Format(conf.format or "terminal"), Severity(conf.fail_on or "error")
    _text.set_language(lang.value)
    if problem := _output.usage_problem(format.value, output_file, annotate):  # before any file is checked
        _fail(*problem)
    rules, chosen, dropped, settings = conf.rules(rules), None, None, conf.settings() or None
    # Files are read in worker processes, each under a deadline and a memory limit, and shown as they
    # are done (in input order); a file's report model is dropped once rendered unless the series
    # rules may pair it with another year's, whose findings are shown after all the files.
    from gklint.core.display import printable
    from gklint.core.diagnostic import FileResult, Result, Tally
    from gklint.read.guards import DEFAULT, MB

    limits = DEFAULT
    if timeout is not None or memory is not None:
        limits = replace(DEFAULT, **{k: v for k, v in (("seconds", timeout), ("memory", memory and memory * MB))
                                     if v is not None})
    # jsonl is written line by line as each file finishes, json spooled to disk: only counts are kept
    # (unless a baseline is written or files annotated, which need every finding at the end)
    tally = format.value in ("jsonl", "json") and write_baseline is None and not annotate
    result = Tally() if tally else Result()
    executor = _cluster(ctx, dask_scheduler) if dask_scheduler else None
    run = _run(api, paths, previous, select=chosen, ignore=dropped, lang=lang.value, layout=layout,
               settings=settings, rules=rules, jobs=jobs or (os.cpu_count() or 1), limits=limits,
               executor=executor, keep_reports=format.value == "html" or annotate)
    sink = _output.open_sink(format.value, output_file, lang.value, annotate=annotate, full_paths=full_paths,
                             roots=tuple(p.as_posix() for p in files if p.is_dir()), total=len(paths), quiet=quiet)
    run.on_read = sink.advance  # the progress bar moves as each file is read
    _collect_less_often(ctx)
    baselined = baseline if write_baseline is None else None
    for f in run.files():
        if baselined is not None:  # the baseline's findings left out, file by file as they come
            part = _baselined(Result([f]), baselined)
            result.baselined += part.baselined
            f.diagnostics = part.files[0].diagnostics  # the same FileResult: the series findings join it
        if f.error is not None and not sink.shows_read_errors:  # else said once, among the files
            typer.echo(f"gklint: {printable(f.error)}", err=True)
        sink.render_file(f, many=len(paths) > 1)
        f.report, f.tables = None, []  # what only rendering needed (the series rules keep their reports)
        if tally:
            result.add(f)
        else:
            result.files.append(f)
    # the series findings, file by file in run order (json: in any order, each entry goes back in its place; json
    # and jsonl made where the findings are found: in worker processes for a large batch, unless a baseline
    # leaves some out): a streamed format writes each as it comes (the files themselves are not kept); the others
    # are given them all at once
    parts = tally and baselined is None and sink.series_part is not None
    later = []
    try:
        if parts:
            for position, severities, part in run.render_series(sink.series_part,
                                                                ordered=not sink.series_in_any_order):
                sink.merged_part(position, part)
                result.add_severities(severities)
        else:
            for position, f, diags, report in run.iter_series(reports=not tally,
                                                                 ordered=not sink.series_in_any_order):
                if baselined is not None:
                    found = FileResult(path=f.path, layout=f.layout, diagnostics=diags, meta=f.meta)
                    part = _baselined(Result([found]), baselined)
                    kept = {id(d) for d in part.files[0].diagnostics}
                    f.diagnostics = [d for d in f.diagnostics if id(d) in kept or not any(d is x for x in diags)]
                    result.baselined += part.baselined
                    diags = [d for d in diags if id(d) in kept]
                sink.merged(position, f)  # json: the file's entry rendered again, with them
                if not diags:
                    continue
                if tally:  # merged into files no longer kept here: counted
                    result.add_findings(diags)
                    sink.render_series([replace(f, diagnostics=diags, report=report)])
                else:
                    later.append(replace(f, diagnostics=diags, report=report))
        sink.render_series(later)
        _output.emit(sink, result, statistics=statistics)
        if annotate:
            for line in _annotate.annotate(result, output_file, lang=lang.value, reviews=sink.reviews):
                if not quiet:
                    typer.echo(f"gklint: {printable(line)}", err=True)
    except _output.OutputError as exc:
        _fail(str(exc))
    _write_baseline(result, write_baseline, quiet)
    raise typer.Exit(_exit_code(result, fail_on.value, exit_zero))


YOUNG_GENERATION = 10_000  # allocations between two collections of the youngest generation in a batch (Python: 700)


def _collect_less_often(ctx) -> None:
    """Until the command ends, the cyclic garbage collector's youngest generation collected every
    ``YOUNG_GENERATION`` allocations: a batch makes and drops many small objects per file (results
    unpickled, findings, entries rendered), and the default (700) made collections about 15 % of this
    process's CPU past start-up. Cycles are still collected; memory does not grow with the batch."""
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION, *thresholds[1:])
    ctx.call_on_close(lambda: gc.set_threshold(*thresholds))


def _cluster(ctx, address: str):
    """The executor of the Dask cluster at ``address`` (gklint/cluster.py), its client closed when the command
    ends; exit 2 when it cannot be used."""
    from gklint.cluster import ClusterError, dask_executor

    try:
        executor, client = dask_executor(address)
    except ClusterError as exc:
        _fail(str(exc))
    ctx.call_on_close(client.close)
    return executor


def _run(api, paths: list[str], previous: Optional[Path], **options):
    """The run over ``paths``; with ``--previous``, last year's report read first (exit 2 when it cannot be)."""
    from gklint.read.errors import ReadError

    if previous is not None and not previous.is_file():
        _fail(f"--previous {previous}: 文件不存在或不是文件", f"--previous {previous}: no such file")
    try:
        return api.Run(paths, previous=previous, **options)
    except ReadError as exc:
        from gklint.read.errors import reason_in

        _fail(f"--previous：{exc}", f"--previous: {reason_in(str(exc), 'en', exc.path)}")


def _configured(ctx, first: str, config: Optional[Path], baseline: Optional[Path], **options):
    """The configuration (``--config``, or found upward from the first file) with the options given on the
    command line taking precedence; a bad configuration or baseline file exits 2 naming it."""
    from gklint.baseline import BaselineError, load_baseline
    from gklint.config import ConfigError, discover

    def typed(name: str) -> bool:  # given on the command line, not the option's default
        return getattr(ctx.get_parameter_source(name), "name", "") in ("COMMANDLINE", "ENVIRONMENT")

    given = {k: (v.value if isinstance(v, enum.Enum) else v) for k, v in options.items()
             if k not in ("lang", "format", "fail_on") or typed(k)}
    try:
        if baseline is not None:
            load_baseline(baseline)
        conf = discover(first, config).merged(**given)
        if conf.format is not None and conf.format not in {f.value for f in Format}:
            choices = ", ".join(f.value for f in Format)
            raise ConfigError(f"{conf.path}: 配置项 'format' 的值无效（可选：{choices}）",
                              f"{conf.path}: invalid value for 'format' (one of: {choices})")
        return conf
    except (ConfigError, BaselineError) as exc:
        if not typed("lang") and getattr(exc, "lang", None):  # the file's own language, as it asked
            _text.set_language(exc.lang)
        _fail(str(exc), exc.english)


def _or_fail(load):
    from gklint.config import ConfigError

    try:
        return load()
    except ConfigError as exc:
        _fail(str(exc), exc.english)


def _baselined(result, baseline: Optional[Path]):
    if baseline is None:
        return result
    from gklint.baseline import filter_baseline

    return filter_baseline(result, baseline)


def _write_baseline(result, path: Optional[Path], quiet: bool = False) -> None:
    if path is None:
        return
    from gklint.baseline import BaselineError, write_baseline

    try:
        count = write_baseline(result, path)
    except BaselineError as exc:
        _fail(str(exc), exc.english)
    if not quiet:
        typer.echo(f"gklint: {_text.say(f'已将{count}条问题写入基线文件 {path}', f'{count} findings written to the baseline {path}')}",
                   err=True)


def _exit_code(result, fail_on: str, exit_zero: bool) -> int:
    code = result.exit_code(fail_on)
    return 0 if exit_zero and code == 1 else code


@app.command(cls=_text.Command)
def extract(
    file: Path = typer.Argument(..., help="a report file"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write the JSON here (default: stdout)"),
    with_source: bool = typer.Option(False, "--with-source", help="keep where each value came from"),
    layout: Optional[str] = typer.Option(None, "--layout", help="force the layout version (2019 or 2021)"),
) -> None:
    """Read a report and write it as gklint JSON, to correct by hand and check again."""
    from gklint import api
    from gklint.read.errors import ReadError
    from gklint.recognise.json_format import to_json

    try:
        report = api.extract(file, layout=layout)
    except ReadError as exc:
        _fail(str(exc))
    for note in report.notes:  # read by OCR: say what the tables' totals make of the reading
        if note.kind == "image_only":
            typer.echo(f"{file}: {note.message}", err=True)
    text = json.dumps(to_json(report, with_source=with_source), ensure_ascii=False, indent=2)
    if output is None:
        from gklint.core.display import json_safe

        typer.echo(json_safe(text))
    else:
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(_output.cannot_write(output, exc))


@app.command(cls=_text.Command)
def schema() -> None:
    """Print the JSON Schema of gklint's report format."""
    from gklint.recognise.json_format import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command("rules", cls=_text.Command)
def list_rules(lang: Lang = typer.Option(Lang.zh, "--lang", envvar=LANG_ENV, show_envvar=False,
                                         help=f"language: zh (default) or en; also {LANG_ENV}"),
               docs: bool = typer.Option(False, "--docs", help="every rule's page, as Markdown (docs/rules.md)"),
               check: Optional[Path] = typer.Option(None, "--check", help="check that the rule packs in this folder "
                                                    "load (exit 0) or name the pack, rule and field (exit 2)"),
               rule_packs: Optional[List[Path]] = typer.Option(None, "--rules", help="also list the rules of this "
                                                               "folder of your own packs")) -> None:
    """List every rule: id, severity, title."""
    if check is not None:
        from gklint.engine.rules import RuleError, check_folder

        try:
            checked = check_folder(check)
        except RuleError as exc:
            _fail(f"规则包有误：{exc}")
        packs = sorted({r.pack for r in checked})
        typer.echo(f"规则包检查通过：{check} 中{len(packs)}个规则包、{len(checked)}条规则均可加载。"
                   if lang.value == "zh" else
                   f"OK: the {len(packs)} rule packs in {check} load ({len(checked)} rules).")
        return
    from gklint.core.diagnostic import SEVERITY_WORDS

    rules = _load_rules(rule_packs)
    if docs:
        from gklint.ruledocs import rules_markdown

        typer.echo(rules_markdown(rules, lang.value), nl=False)
        return
    for rule in rules:
        typer.echo(f"{rule.id}\t{SEVERITY_WORDS[lang.value][rule.severity]}\t{rule.text('title', lang.value)}")


def _load_rules(packs: Optional[List[Path]]) -> tuple:
    """The rules to list or explain: the built-in ones checked for their form only (``load_rules``), the
    user's own packs whole."""
    from gklint.engine.rules import RuleError, load_rules

    try:
        return load_rules(packs=tuple(str(p) for p in packs or ()), checked=False)
    except RuleError as exc:
        _fail(f"规则包有误：{exc}")


@app.command(cls=_text.Command)
def explain(rule_id: str = typer.Argument(..., help="a rule id such as T302"),
            lang: Lang = typer.Option(Lang.zh, "--lang", envvar=LANG_ENV, show_envvar=False,
                                      help=f"language: zh (default) or en; also {LANG_ENV}"),
            rule_packs: Optional[List[Path]] = typer.Option(None, "--rules", help="a folder of your own rule packs"),
            verbose: bool = typer.Option(False, "--verbose", "-v",
                                         help="also the kind, pack, example case and parameters (for rule writers)")) -> None:
    """Print a rule's documentation: what it checks, why, an example, how to fix."""
    from gklint.engine.rules import find
    from gklint.ruledocs import render_rule_doc

    _text.set_language(lang.value)
    rule = find(rule_id, _load_rules(rule_packs))
    if rule is None:
        _fail(f"没有这样的规则：{rule_id}（gklint rules 列出全部规则）",
              f"no such rule: {rule_id} (gklint rules lists them all)")
    typer.echo(render_rule_doc(rule, lang.value, verbose))


def _no_collection_at_exit() -> None:
    """Have the interpreter's exit skip the cyclic garbage collector: it would go over every object still alive
    (pandas, pandera and all gklint keeps) two times or more, a good part of a short command's time. Output is
    written and closed by then; what is left is freed as the process ends. Registered once, however often
    ``main`` runs in one process."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def main() -> None:  # console script entry point
    _no_collection_at_exit()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line, not a traceback (GKLINT_DEBUG=1 shows it)
        import os

        if os.environ.get("GKLINT_DEBUG"):
            raise
        typer.echo(f"gklint: 内部错误（{type(exc).__name__}: {exc}），请报告此问题；设置 GKLINT_DEBUG=1 可显示详情",
                   err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
