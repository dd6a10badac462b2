"""A baseline of accepted findings: write the findings of a run once, and later runs show only what is new.

Each finding has a *fingerprint* that survives the drafting office's unrelated edits:

- the rule id;
- the report's identity: its agency and year when recognised (so a renamed or re-exported file keeps
  its baseline), else the file name;
- the location by official labels: table, row, column, or the section heading;
- the quoted text, normalised (width-folded, every figure as ``#``, no punctuation or spaces).

Line numbers, page numbers, values, messages and paths are left out: a finding whose figures change
but which stays at the same place is still the accepted one. Equal fingerprints are counted, so
accepting two identical findings does not hide a third.

The file is JSON, versioned (``{"gklint_baseline": 1, "findings": [...]}``); each entry keeps the rule,
report and place in readable form beside the fingerprint, for whoever reviews the accepted list.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from gklint.core.diagnostic import Diagnostic, FileResult, Result

VERSION = 1
_SEP = "\x1f"


class BaselineError(ValueError):
    """A baseline file that cannot be read or written: names the file and the problem (in Chinese; in
    English as ``english``, which the CLI prints with ``--lang en``)."""

    def __init__(self, message: str, english: str | None = None) -> None:
        super().__init__(message)
        self.english = english or message


def _norm(text: str | None) -> str:
    if not text:
        return ""
    from gklint.engine.kinds.repeated import normalise

    return normalise(text)


def report_identity(file: FileResult) -> str:
    """Agency and year when recognised, else the file's name (without its folder)."""
    agency, year = file.meta.get("agency"), file.meta.get("year")
    if agency and year:
        from gklint.layouts import normalise

        return f"{normalise(agency)}|{year}"
    return os.path.basename(str(file.path)) or str(file.path)


def _place(d: Diagnostic) -> str:
    loc = d.location
    return " · ".join(p for p in (loc.table and f"表{loc.table}", loc.row, loc.column, loc.section) if p)


def fingerprint(diagnostic: Diagnostic, file: FileResult) -> str:
    """The stable fingerprint of one finding of ``file`` (16 hex digits)."""
    loc = diagnostic.location
    parts = (diagnostic.rule, report_identity(file), loc.table or "", _norm(loc.row), _norm(loc.column),
             _norm(loc.section), _norm(loc.quote))
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:16]


def write_baseline(result: Result, path: str | os.PathLike) -> int:
    """Write every finding of ``result`` as accepted; returns how many. Raises BaselineError."""
    entries: dict[str, dict] = {}
    for file in result.files:
        for d in file.diagnostics:
            fp = fingerprint(d, file)
            if fp in entries:
                entries[fp]["count"] += 1
            else:
                entries[fp] = {"fingerprint": fp, "rule": d.rule, "report": report_identity(file),
                               "place": _place(d), "quote": d.location.quote or "", "count": 1}
    data = {"gklint_baseline": VERSION, "findings": sorted(entries.values(),
                                                           key=lambda e: (e["report"], e["rule"], e["fingerprint"]))}
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: 无法写入基线文件：{exc.strerror or exc}",
                            f"{path}: cannot write the baseline file: {exc.strerror or exc}") from None
    return sum(e["count"] for e in entries.values())


def load_baseline(path: str | os.PathLike) -> Counter:
    """The accepted fingerprints of a baseline file, with how many findings each accepts."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: 基线文件不存在", f"{path}: no such baseline file") from None
    except OSError as exc:
        raise BaselineError(f"{path}: 无法读取基线文件：{exc.strerror or exc}",
                            f"{path}: cannot read the baseline file: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: 基线文件不是有效的JSON（{exc}）", f"{path}: the baseline file is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or "gklint_baseline" not in data:
        raise BaselineError(f"{path}: 不是 gklint 基线文件（缺少 gklint_baseline 版本号）",
                            f"{path}: not a gklint baseline file (no gklint_baseline version)")
    if data["gklint_baseline"] != VERSION:
        raise BaselineError(f"{path}: 基线文件版本 {data['gklint_baseline']!r} 不受支持（本版本为 {VERSION}）",
                            f"{path}: baseline version {data['gklint_baseline']!r} is not supported (this is {VERSION})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: 基线文件缺少 findings 列表", f"{path}: the baseline file has no findings list")
    accepted: Counter = Counter()
    for i, entry in enumerate(findings):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"{path}: 第{i + 1}条记录缺少有效的 fingerprint 或 count",
                                f"{path}: entry {i + 1} has no valid fingerprint or count")
        accepted[fp] += count
    return accepted


def filter_baseline(result: Result, path: str | os.PathLike) -> Result:
    """``result`` without the findings the baseline accepts (a new Result; files keep their order).

    The number of findings left out is in the returned ``Result.baselined``."""
    accepted = load_baseline(path)
    files = []
    hidden = 0
    for file in result.files:
        kept = []
        for d in file.diagnostics:
            fp = fingerprint(d, file)
            if accepted[fp] > 0:
                accepted[fp] -= 1
                hidden += 1
            else:
                kept.append(d)
        files.append(FileResult(path=file.path, layout=file.layout, diagnostics=kept, error=file.error,
                                report=file.report, meta=file.meta))
    return Result(files, baselined=result.baselined + hidden)
