"""The default terminal report, with rich: per file a header, findings grouped by section, each
identity with its parts and a small excerpt of the table with the offending cell highlighted, and a
summary line of counts by severity."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from gklint.core.diagnostic import Diagnostic, Excerpt, FileResult, Result
from gklint.core.display import printable
from gklint.core.numbers import show_number
from gklint.output import places

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WORD = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
        "en": {"error": "error", "warning": "warning", "info": "info"}}


def _section_title(d: Diagnostic, f: FileResult, lang: str) -> str:
    """The section a finding belongs to: where its quoted text is, else the section that holds its table."""
    loc = d.location
    if loc.section:
        return loc.section
    if loc.table and f.sections:
        return f.sections.get(loc.table, f"表{loc.table}")
    return "全文" if lang == "zh" else "Whole report"


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
        parts.append(Text(f"  {w['compared']}{colon}{printable(related)}", style="dim"))
    if d.parts and not d.location.table:
        summed = " + ".join(f"{p.label} {show_number(p.value)}" for p in d.parts)
        parts.append(Text(f"  求和：{summed}", style="dim"))
    if d.excerpt is not None:
        parts.append(Panel(_excerpt(d, d.excerpt), expand=False, border_style="dim", padding=(0, 1)))
    return parts


def _header(f: FileResult, lang: str) -> Text:
    text = Text(printable(f.path), style="bold underline")
    if f.error:
        error = printable(f.error)
        text.append(f"\n无法读取：{error}" if lang == "zh" else f"\ncannot read: {error}", style="bold red")
        return text
    m = f.meta
    bits = [m.get("agency"), f"{m['year']}年度" if m.get("year") else None]
    if f.layout:
        notice = f"（{f.layout_notice}）" if f.layout_notice else ""
        bits.append(f"{f.layout}年版格式{notice}" if lang == "zh" else f"layout {f.layout}")
    text.append("\n" + printable(" · ".join(b for b in bits if b)), style="dim")
    return text


def summary(result: Result, lang: str = "zh") -> str:
    e, w, i = (result.count(s) for s in ("error", "warning", "info"))
    n, bad = len(result.files), len(result.unreadable)
    if lang == "zh":
        text = f"共 {e} 个错误、{w} 个警告、{i} 个提示（{n} 个文件"
        return text + (f"，{bad} 个无法读取）" if bad else "）")
    return f"{e} errors, {w} warnings, {i} info ({n} files" + (f", {bad} unreadable)" if bad else ")")


def statistics(result: Result) -> RichTable:
    counts = Counter((d.rule, d.severity, d.title) for d in result.diagnostics)
    table = RichTable(box=None, show_header=False)
    for (rule, severity, title), n in counts.most_common():
        table.add_row(str(n), Text(rule, style="bold"), Text(severity, style=STYLE[severity]), title)
    return table


def render_file(f: FileResult, console: Console, *, lang: str = "zh") -> None:
    """One file's header and findings, grouped by section."""
    console.print(_header(f, lang))
    if f.error:
        console.print()
        return
    if not f.diagnostics:
        console.print(Text("未发现问题" if lang == "zh" else "no findings", style="green"))
    groups: dict[str, list[Diagnostic]] = {}
    for d in f.diagnostics:
        groups.setdefault(_section_title(d, f, lang), []).append(d)
    for title, diags in groups.items():
        console.print(Text(f"\n{title}", style="bold"))
        for d in diags:
            for part in _diagnostic(d, lang):
                # Chinese has no spaces to wrap at: let the terminal fold long lines itself
                console.print(part, soft_wrap=isinstance(part, Text))
    console.print()


def render_summary(result: Result, console: Console, *, lang: str = "zh", show_statistics: bool = False) -> None:
    if show_statistics:
        console.print(statistics(result))
    e = result.count("error")
    console.print(Text(summary(result, lang), style="bold red" if e or result.unreadable else "bold green"))


def render(result: Result, console: Console, *, lang: str = "zh", show_statistics: bool = False) -> None:
    for f in result.files:
        render_file(f, console, lang=lang)
    render_summary(result, console, lang=lang, show_statistics=show_statistics)
