"""The default terminal report, with rich: for a batch, a summary table of the files first; then per
file a header and its findings, errors first (then warnings, then style notes, each in reading order),
each identity with its parts and a small excerpt of the table with the offending cell highlighted;
then a summary line of counts by severity (and with ``--statistics`` the counts by rule)."""

from __future__ import annotations

import os
from collections import Counter

from rich.console import Console
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from gklint.core.diagnostic import SEVERITY_WORDS, Diagnostic, Excerpt, FileResult, Result, section_name
from gklint.core.display import printable
from gklint.core.numbers import show_number
from gklint.output import places
from gklint.output.common import section_of, why_unreadable

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WORD = SEVERITY_WORDS
HEADS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
         "en": {"error": "Errors", "warning": "Warnings", "info": "Style notes"}}
RANK = {s: i for i, s in enumerate(("error", "warning", "info"))}
TOP_RULES = 3  # the most frequent rules named per file in the summary table


def _section_title(d: Diagnostic, f: FileResult, lang: str) -> str:
    """The section a finding belongs to (``section_of``), else the whole report."""
    return section_name(section_of(d, f), lang) or ("全文" if lang == "zh" else "Whole report")


def _excerpt(d: Diagnostic, ex: Excerpt) -> RichTable:
    """The cells a table finding involves, as a small table, the located cell highlighted."""
    table = RichTable(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
    table.add_column("", overflow="fold", max_width=28)
    for col in ex.columns:
        table.add_column(col, justify="right", overflow="fold", max_width=12)
    for label, cells in ex.rows:
        values = []
        for col, cell in zip(ex.columns, cells):
            text = Text(printable(cell))
            if label == ex.row and col == ex.column:
                text.stylize(STYLE.get(d.severity, "bold") + " reverse")
            values.append(text)
        table.add_row(label if len(label) <= 28 else label[:27] + "…", *values)
    return table


def _diagnostic(d: Diagnostic, lang: str):
    head = Text()
    head.append(f"{WORD[lang][d.severity]} ", style=STYLE[d.severity])
    head.append(f"{d.rule} ", style="bold")
    head.append(printable(d.message))  # messages quote the report, which may hold control characters
    parts = [head]
    w = places.words(lang)
    colon = "：" if lang == "zh" else ": "
    where = printable(places.primary(d).describe(lang))
    if where:
        parts.append(Text(f"  {w['at']}{colon}{where}", style="dim"))
    if d.location.quote:
        quote = printable(d.location.quote)
        parts.append(Text(f"  {w['quote']}{colon}“{quote}”", style="dim"))
    if related := places.related_text(d, lang):  # the cells a sentence was compared with, each with its place
        parts.append(Text(f"  {places.related_word(d, lang)}{colon}{printable(related)}", style="dim"))
    if d.parts and not d.location.table:
        summed = " + ".join(f"{p.label} {show_number(p.value)}" for p in d.parts)
        parts.append(Text(f"  求和：{summed}" if lang == "zh" else f"  sum of: {summed}", style="dim"))
    if d.excerpt is not None:
        parts.append(Panel(_excerpt(d, d.excerpt), expand=False, border_style="dim", padding=(0, 1)))
    return parts


def _header(f: FileResult, lang: str) -> Text:
    text = Text(printable(f.name(lang)), style="bold underline")
    if f.error:  # the path is the line above: not again
        error = printable(why_unreadable(f))
        text.append(f"\n无法读取：{error}" if lang == "zh" else f"\ncannot read: {error}", style="bold red")
        return text
    m = f.meta
    year = m.get("year") and (f"{m['year']}年度" if lang == "zh" else f"year {m['year']}")
    bits = [m.get("agency"), year or None]
    if f.layout:
        notice = f"（{f.layout_notice}）" if f.layout_notice else ""
        bits.append(f"{f.layout}年版格式{notice}" if lang == "zh" else f"layout {f.layout}")
    text.append("\n" + printable(" · ".join(b for b in bits if b)), style="dim")
    return text


def summary(result: Result, lang: str = "zh") -> str:
    e, w, i = (result.count(s) for s in ("error", "warning", "info"))
    n, bad = len(result.files), len(result.unreadable)
    files = len({f.path for f in result.files})  # a file holding several reports: one result per report
    if lang == "zh":
        text = f"共 {e} 个错误、{w} 个警告、{i} 个提示（{files} 个文件" + (f"，{n} 份报告" if n > files else "")
        return text + (f"，{bad} 个无法读取）" if bad else "）")
    return (f"{e} errors, {w} warnings, {i} info ({files} files" + (f", {n} reports" if n > files else "")
            + (f", {bad} unreadable)" if bad else ")"))


def ordered(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then warnings, then style notes; each severity in the order given (reading order)."""
    return sorted(diags, key=lambda d: RANK.get(d.severity, len(RANK)))


def top_rules(f: FileResult, n: int = TOP_RULES) -> str:
    """The file's most frequent rules, as ``T302×3 N101×2`` (most frequent first, then the more severe,
    then by id)."""
    counts = Counter((d.rule, RANK.get(d.severity, len(RANK))) for d in f.diagnostics)
    return " ".join(f"{rule}×{k}" if k > 1 else rule
                    for (rule, _), k in sorted(counts.items(), key=lambda item: (-item[1], item[0][1], item[0][0]))[:n])


def common_folder(paths: list[str]) -> str:
    """The folder every path is in (the batch's folder), or "" when they share none worth naming."""
    try:
        folder = os.path.commonpath([os.path.dirname(p) for p in paths])
    except ValueError:  # absolute and relative paths, or other drives
        return ""
    return "" if folder in ("", ".", os.sep) or len(paths) < 2 else folder


def summary_table(result: Result, lang: str = "zh") -> RichTable:
    """One row per file: agency, year, layout, errors, warnings, style notes, the most frequent rules; an
    unreadable file's row says so (why is said once, in its place among the findings)."""
    zh = lang == "zh"
    heads = (("文件", "机关", "年度", "格式", "错误", "警告", "提示", "主要问题") if zh else
             ("File", "Agency", "Year", "Layout", "Errors", "Warnings", "Notes", "Most frequent"))
    folder = common_folder([f.path for f in result.files])
    title = "检查汇总" if zh else "Summary"
    if folder:  # the files named from the folder they share, which the title names
        title += f"（{printable(folder)}）" if zh else f" ({printable(folder)})"
    table = RichTable(title=title, title_justify="left", title_style="bold",
                      header_style="bold", show_lines=False, pad_edge=False)
    for k, head in enumerate(heads):  # a narrow terminal folds the cells, never crops them
        table.add_column(head, justify="right" if 4 <= k <= 6 else "left", overflow="fold")
    for f in result.files:
        name = printable(f.name(lang, os.path.relpath(f.path, folder) if folder else f.path))
        if f.error is not None:
            table.add_row(name, "", "", "", "", "", "",
                          Text("无法读取" if zh else "cannot read", style="bold red"))
            continue
        m = f.meta
        counts = [f.count(s) for s in ("error", "warning", "info")]
        table.add_row(name, printable(m.get("agency") or ""), str(m.get("year") or ""), f.layout or "",
                      *(Text(str(n), style=STYLE[s] if n else "") for n, s in zip(counts, STYLE)),
                      top_rules(f))
    return table


def statistics(result: Result, lang: str = "zh") -> RichTable:
    """The findings counted by rule, most frequent first, under headings."""
    zh = lang == "zh"
    counts = Counter((d.rule, d.severity, d.title) for d in result.diagnostics)
    table = RichTable(title=("按规则统计" if zh else "Findings by rule"), title_justify="left", title_style="bold",
                      box=None, header_style="bold", pad_edge=False)
    for k, head in enumerate(("数量", "规则", "严重程度", "说明") if zh else ("Count", "Rule", "Severity", "Title")):
        table.add_column(head, justify="right" if k == 0 else "left")
    for (rule, severity, title), n in counts.most_common():
        table.add_row(str(n), Text(rule, style="bold"), Text(WORD[lang][severity], style=STYLE[severity]),
                      printable(title))
    return table


def file_block(f: FileResult, *, lang: str = "zh") -> list:
    """What ``render_file`` prints for one file, as rich renderables."""
    out: list = [_header(f, lang)]
    if f.error:
        return out + [Text()]
    if not f.diagnostics:
        out.append(Text("未发现问题" if lang == "zh" else "no findings", style="green"))
    diags = ordered(f.diagnostics)
    for severity in STYLE:
        some = [d for d in diags if d.severity == severity]
        if not some:
            continue
        out.append(Text(f"\n{HEADS[lang][severity]}（{len(some)}）" if lang == "zh"
                        else f"\n{HEADS[lang][severity]} ({len(some)})", style="bold " + STYLE[severity]))
        section = None
        for d in some:  # in reading order, under the section each is in
            if (title := _section_title(d, f, lang)) != section:
                out.append(Text(title, style="bold"))
                section = title
            out += _diagnostic(d, lang)
    return out + [Text()]


def print_block(block: list, console: Console) -> None:
    for part in block:
        # Chinese has no spaces to wrap at: let the terminal fold long lines itself
        console.print(part, soft_wrap=isinstance(part, Text))


def render_file(f: FileResult, console: Console, *, lang: str = "zh") -> None:
    """One file's header and findings, errors first."""
    print_block(file_block(f, lang=lang), console)


def render_summary(result: Result, console: Console, *, lang: str = "zh", show_statistics: bool = False) -> None:
    if show_statistics:
        console.print(statistics(result, lang))
        console.print()
    e = result.count("error")
    console.print(Text(summary(result, lang), style="bold red" if e or result.unreadable else "bold green"))


def render(result: Result, console: Console, *, lang: str = "zh", show_statistics: bool = False) -> None:
    if len(result.files) > 1:
        console.print(summary_table(result, lang))
        console.print()
    for f in result.files:
        render_file(f, console, lang=lang)
    render_summary(result, console, lang=lang, show_statistics=show_statistics)
