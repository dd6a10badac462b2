"""Outputs: each renders a ``Result`` (and nothing else) in one format.

``FORMATS`` is the registry the CLI's ``--format`` choices and help are generated from: a format's
name, a line of help, the function that renders it (``module:function``, imported only when used),
and how it is written. To add a format: one module here, one entry below, its tests and docs.

- a *text* format's renderer takes ``(result, lang=...)`` and returns ``str``;
- a *binary* format's returns ``bytes`` and needs ``-o`` (a spreadsheet is not for a terminal);
- a *console* format (terminal, html) is fed file by file as a batch runs (``Sink.render_file``),
  then finished by ``emit``: the terminal report keeps each file's findings (rendered while its report
  is at hand) and prints them after the batch's summary table.

A batch checked on a terminal shows a progress bar (rich, on stderr, gone once done): never when
stdout or stderr is not a terminal, nor with ``--quiet``.

Whatever the console's encoding, text goes out as UTF-8 (to ``-o`` and to a redirected stdout), so
a report read on a GBK console and saved by a redirection is not mojibake.
"""

from __future__ import annotations

import importlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class OutputFormat:
    name: str
    help: str
    renderer: str = ""  # "module:function" under gklint.output
    binary: bool = False  # bytes, written only to a file (-o)
    console: bool = False  # printed file by file on a rich console as the batch runs
    zh: str = ""  # the help in Chinese (``--help`` is Chinese by default)
    says_unreadable: bool = False  # a line a person reads for each file that could not be read (to stdout)

    def render(self) -> Callable:
        module, function = self.renderer.split(":")
        return getattr(importlib.import_module(f"gklint.output.{module}"), function)


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("terminal", "the findings for a person, file by file (default)", console=True,
                 zh="给人看的结果：批量检查先列汇总表，再逐个文件列出问题，错误在前（默认）"),
    OutputFormat("json", "the whole result as one JSON document", "json_output:render", zh="完整结果，一个 JSON 文档"),
    OutputFormat("jsonl", "one JSON object per line, written as each file is done: a finding, or a file that "
                 "could not be read", "jsonl:render",
                 zh="每行一个 JSON 对象，每查完一个文件就写出：一个问题，或一个读不了的文件"),
    OutputFormat("concise", "one line per finding: path:line: RULE [severity] message", "concise:render", says_unreadable=True,
                 zh="每个问题一行：路径:行号: 规则 [严重程度] 说明"),
    OutputFormat("github", "GitHub Actions workflow annotations (::error file=…::…)", "github:render", says_unreadable=True,
                 zh="GitHub Actions 注释（::error file=…::…）"),
    OutputFormat("sarif", "SARIF 2.1.0, for code-scanning tools", "sarif:render", zh="SARIF 2.1.0，供代码扫描工具读取"),
    OutputFormat("xlsx", "a spreadsheet: one row per finding, and a sheet per file (needs -o)",
                 "xlsx:render", binary=True, zh="电子表格：每个问题一行，另有文件汇总页（须用 -o）"),
    OutputFormat("html", "the review page: a summary, then each report rebuilt with its findings marked "
                 "(self-contained; -o review.html)", console=True,
                 zh="审阅网页：先是汇总表，再逐份重建报告并标出问题（单个文件，-o 审阅.html）"),
)}


class OutputError(Exception):
    """The output could not be written; the message is for the user (Chinese)."""


def describe(lang: str = "en") -> str:
    """The --format help: every format and what it gives."""
    if lang == "zh":
        return "；".join(f"{f.name}：{f.zh or f.help}" for f in FORMATS.values())
    return "; ".join(f"{f.name}: {f.help}" for f in FORMATS.values())


def _utf8_stdout() -> None:
    """A redirected stdout writes UTF-8, whatever the console's code page (PYTHONIOENCODING=gbk)."""
    stream = sys.stdout
    if not _isatty(stream) and hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, OSError):  # a stream already written in another encoding: leave it
            pass


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


WIDE = 120  # columns of the terminal format written to a file (-o, or stdout redirected): names stay whole


class Sink:
    """Where a run's output goes, fed file by file as the batch is checked (``render_file``), then
    finished by ``emit``: the format's rich console or review page, and for ``--annotate`` the review
    page of each file that is not a Word draft (those cannot take comments)."""

    def __init__(self, name: str, output_file: Path | None = None, lang: str = "zh", *,
                 annotate: bool = False, full_paths: bool = False, roots: tuple[str, ...] = (), total: int = 0,
                 quiet: bool = False) -> None:
        self.name = name
        self.total = total
        self.blocks: list[tuple[object, list]] = []  # terminal: (file, its rendered findings), in input order
        self.progress = _progress(total, lang) if total > 1 and not quiet and _on_terminal() else None
        self.lang = lang
        self.full_paths = full_paths  # the review page names files with their folders
        self.roots = roots  # else from the folder given that holds them
        self.annotate = annotate
        # with --annotate, -o names the annotated file; the format goes to stdout
        self.output_file = None if annotate else output_file
        self.console = self.page = None
        self.streamed = name == "jsonl"  # written line by line as each file is done
        # json: each file's part of the document rendered as it is done, spooled to a temporary file on disk
        # (its offsets kept), the document put together by ``emit`` (a file the series rules gave findings
        # rendered again then): memory flat in the number of files, the bytes of ``json_output.render``
        self.spool = _Spool() if name == "json" and not annotate else None
        self._stream = None  # the open -o file of a streamed format
        self._failed: OutputError | None = None
        self.reviews: dict[str, object] = {}  # --annotate: path of a page or PDF -> its review page
        if name == "html":
            from gklint.output.html import Page

            self.page = Page(lang=lang, full_paths=full_paths, roots=roots)
        elif FORMATS[name].console:
            from rich.console import Console

            if self.output_file is not None:
                self.console = Console(highlight=False, soft_wrap=False, file=io.StringIO(), width=WIDE,
                                       force_terminal=False, color_system=None)
            else:
                _utf8_stdout()  # redirected to a file: as wide as -o writes, not rich's 80 columns
                self.console = Console(highlight=False, soft_wrap=False,
                                       width=None if _isatty(sys.stdout) else WIDE)

    def _stream_out(self, data: bytes) -> None:
        if self._failed is not None:
            return
        if self.output_file is None:
            write(data, None)
            return
        try:
            if self._stream is None:
                self._stream = open(self.output_file, "wb")
            self._stream.write(data)
            self._stream.flush()
        except OSError as exc:
            self._failed = OutputError(cannot_write(self.output_file, exc))

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        if self._failed is not None:
            raise self._failed

    def render_file(self, f, *, many: bool = True) -> None:
        """One checked file, while its Report is still at hand (the batch drops it afterwards)."""
        if self.streamed:
            from gklint.output.jsonl import file_bytes

            if data := file_bytes(f):
                self._stream_out(data)
        if self.spool is not None:
            self.spool.add(f)
        if self.page is not None:
            self.page.add(f)
        elif self.console is not None:
            from gklint.output.terminal import file_block

            self.blocks.append((f, file_block(f, lang=self.lang)))
        if self.annotate and f.error is None and Path(f.path).suffix.lower() != ".docx":
            from gklint.output.html import Page

            if f.path not in self.reviews:  # a file holding several reports: one page, each report on it
                self.reviews[f.path] = Page(lang=self.lang, full_paths=self.full_paths, roots=self.roots)
            self.reviews[f.path].add(f)


    def merged(self, position: int, f) -> None:
        """The ``position``-th file of the batch (``f``, as the batch gave it or a copy) has had the series
        findings merged into its diagnostics."""
        if self.spool is not None:
            self.spool.merged(position, f)

    @property
    def series_part(self) -> Callable | None:
        """What the output needs of a file given series findings, if nothing but its part, made of the file with
        them merged in and of them (json: its entry, ``json_output.series_bytes``; jsonl: their lines,
        ``jsonl.series_bytes``): made where the series rules run (``api.Run.render_series``), and given to
        ``merged_part``."""
        if self.streamed:
            from gklint.output.jsonl import series_bytes
        elif self.spool is not None:
            from gklint.output.json_output import series_bytes
        else:
            return None
        return series_bytes

    def merged_part(self, position: int, part: bytes) -> None:
        """The ``series_part`` of the ``position``-th file (json: its entry goes back in its place; jsonl: the
        lines are written, the files given in run order)."""
        if self.streamed:
            self._stream_out(part)
        else:
            self.spool.put(position, part)

    @property
    def series_in_any_order(self) -> bool:
        """May the files given series findings come in any order (``merged``, ``render_series``)? For json:
        each file's entry is rendered again in its own place, and nothing else is written of them."""
        return self.spool is not None

    def render_series(self, files) -> None:
        """The findings across years (series rules), known only once every file is read. ``files``: a
        FileResult per report holding only those findings (each is also in its file's own diagnostics,
        which the whole-result formats render). The terminal report renders such a file again with all
        its findings (it is printed at the end); the review page shows them under their own heading."""
        if not files:
            return
        if self.streamed:
            from gklint.output.jsonl import file_bytes

            self._stream_out(b"".join(file_bytes(f) for f in files))
        if self.console is not None:  # each such file shown again with all its findings, its report at hand
            from gklint.output.terminal import file_block

            for g in files:
                k = next((k for k, (f, _) in enumerate(self.blocks)
                          if (f.path, f.part) == (g.path, g.part) and f.error is None), None)
                if k is not None:
                    f = self.blocks[k][0]
                    self.blocks[k] = (f, file_block(type(g)(path=f.path, layout=f.layout, diagnostics=f.diagnostics,
                                                            meta=f.meta, report=g.report, part=f.part,
                                                            part_title=f.part_title), lang=self.lang))
        if self.page is not None:
            self.page.add_series(files)

    @property
    def shows_read_errors(self) -> bool:
        """Does the output on the screen itself say why a file could not be read (a terminal batch, in its
        place among the files; a line of its own in concise and github)? Then the CLI does not say it
        again on stderr."""
        if self.output_file is not None or self.annotate:
            return False
        return FORMATS[self.name].says_unreadable or (self.console is not None and self.total > 1)

    def advance(self, path: str) -> None:
        """One more file read (the progress bar, if any)."""
        if self.progress is not None:
            self.progress.advance(path)

    def stop_progress(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def open_sink(name: str, output_file: Path | None = None, lang: str = "zh", *, annotate: bool = False,
              full_paths: bool = False, roots: tuple[str, ...] = (), total: int = 0, quiet: bool = False) -> Sink:
    """The run's output; ``total`` files are to come (a progress bar for a batch on a terminal, unless ``quiet``)."""
    return Sink(name, output_file, lang, annotate=annotate, full_paths=full_paths, roots=roots, total=total,
                quiet=quiet)


def usage_problem(name: str, output_file: Path | None, annotate: bool = False) -> tuple[str, str] | None:
    """What is wrong with writing format ``name`` to ``output_file`` (Chinese, English), said before any file is
    checked: a format written only to a file without -o, or -o in a folder that does not exist."""
    if FORMATS[name].binary and output_file is None and not annotate:
        return (f"--format {name} 写出的是文件，请用 -o 指定输出文件，例如 -o findings.{name}",
                f"--format {name} writes a file: name it with -o, e.g. -o findings.{name}")
    folder = Path(output_file).parent if output_file is not None else None
    if folder is not None and not folder.is_dir():
        return (f"{output_file}: 无法写入：文件夹 {folder} 不存在", f"{output_file}: cannot write: no folder {folder}")
    return None


_WHY_NOT = {FileNotFoundError: "文件夹不存在", PermissionError: "没有写入权限", IsADirectoryError: "这是一个文件夹",
            NotADirectoryError: "路径中有一段不是文件夹"}


def cannot_write(path, exc: OSError) -> str:
    """Why ``path`` could not be written, in Chinese (the system's own words, in English, only for the rare rest)."""
    return f"{path}: 无法写入：{_WHY_NOT.get(type(exc)) or exc.strerror or exc}"


def _on_terminal() -> bool:
    return _isatty(sys.stdout) and _isatty(sys.stderr)


class _progress:
    """The batch's progress bar: files done out of ``total``, and the file last done (transient)."""

    def __init__(self, total: int, lang: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("{task.fields[name]}", markup=False),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("检查" if lang == "zh" else "Checking", total=total, name="")
        self.bar.start()
        self.bar.refresh()

    def advance(self, path: str) -> None:
        from gklint.core.display import printable

        self.bar.update(self.task, advance=1, name=printable(Path(path).name))
        self.bar.refresh()

    def stop(self) -> None:
        self.bar.stop()


def emit(sink: Sink, result, *, statistics: bool = False) -> None:
    """Finish and write the format for ``result``: to ``-o`` (UTF-8) or stdout."""
    name, output_file, fmt = sink.name, sink.output_file, FORMATS[sink.name]
    sink.stop_progress()
    if sink.streamed:
        if output_file is not None and sink._stream is None and sink._failed is None:
            sink._stream_out(b"")  # no finding at all: the file is still written, empty
        sink.close()
        return
    if sink.page is not None:
        write(sink.page.html(result), output_file)
        return
    if sink.spool is not None:
        write_chunks(sink.spool.document(result), output_file)
        return
    if sink.console is not None:
        from gklint.output.terminal import print_block, render_summary, summary_table

        many = len(sink.blocks) > 1
        if many:  # a batch: the overview first, then each file's findings (or why it could not be read)
            table = summary_table(result, sink.lang)
            _fit(sink.console, table)
            sink.console.print(table)
            sink.console.print()
        for f, block in sink.blocks:
            if f.error is None or many:  # a lone unreadable file: its one line on stderr says it all
                print_block(block, sink.console)
        if not (len(result.files) == 1 and result.unreadable):  # a lone unreadable file: its one line says it all
            render_summary(result, sink.console, lang=sink.lang, show_statistics=statistics)
        if output_file is not None:
            write(sink.console.file.getvalue(), output_file)
        return
    if fmt.binary and output_file is None:  # the command line says so before checking (``usage_problem``)
        raise OutputError(usage_problem(name, None)[0])
    data = fmt.render()(result, lang=sink.lang)
    write(data, output_file)


MOST_WIDE = 400  # columns a file's summary table may take, whatever its file names


def _fit(console, table) -> None:
    """A console writing to a file (-o, or stdout redirected) made as wide as the summary table needs: no width
    to fit there, and a file name wrapped mid-name reads badly (a terminal keeps its own width)."""
    if console.is_terminal:
        return
    from rich.measure import Measurement

    needed = Measurement.get(console, console.options.update_width(MOST_WIDE), table).maximum
    console.width = max(console.width, needed)


def write(data: str | bytes, output_file: Path | None) -> None:
    """Write text as UTF-8 (a final newline added) or bytes, to a file or to stdout."""
    if isinstance(data, str):
        data = (data if data.endswith("\n") or not data else data + "\n").encode("utf-8")
    if output_file is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (an embedding application)
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
        return
    try:
        Path(output_file).write_bytes(data)
    except OSError as exc:
        raise OutputError(cannot_write(output_file, exc)) from None


def write_chunks(chunks, output_file: Path | None) -> None:
    """Write pieces of bytes one after the other, to a file or to stdout (``write`` for a long output)."""
    if output_file is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        for chunk in chunks:
            if buffer is None:
                sys.stdout.write(chunk.decode("utf-8"))
            else:
                buffer.write(chunk)
        (buffer or sys.stdout).flush()
        return
    try:
        with open(output_file, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as exc:
        raise OutputError(cannot_write(output_file, exc)) from None


class _Spool:
    """``--format json`` put together from its files' parts, kept on disk until the batch is done: in memory,
    two numbers per file."""

    def __init__(self) -> None:
        import tempfile
        from array import array

        self.file = tempfile.TemporaryFile()
        self.starts, self.ends = array("q"), array("q")  # part k is bytes starts[k]:ends[k] of the file

    def _write(self, part: bytes) -> tuple[int, int]:
        self.file.seek(0, 2)
        start = self.file.tell()
        self.file.write(part)
        return start, self.file.tell()

    def add(self, f) -> None:
        from gklint.output.json_output import file_bytes

        start, end = self._write(file_bytes(f))
        self.starts.append(start)
        self.ends.append(end)

    def merged(self, k: int, f) -> None:
        """File k's part rendered again, now with its series findings."""
        from gklint.output.json_output import file_bytes

        self.put(k, file_bytes(f))

    def put(self, k: int, part: bytes) -> None:
        """File k's part is now ``part``."""
        self.starts[k], self.ends[k] = self._write(part)

    def document(self, result):
        from gklint.output.json_output import head_tail

        head, tail = head_tail(result, any_file=len(self.starts) > 0)
        yield head.encode("utf-8")
        for k in range(len(self.starts)):
            if k:
                yield b",\n"
            self.file.seek(self.starts[k])
            yield self.file.read(self.ends[k] - self.starts[k])
        yield tail.encode("utf-8")
        self.file.close()
