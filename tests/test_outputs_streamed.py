"""``--format jsonl`` keeps only counts (gklint.core.diagnostic.Tally), not every file's result: its output and
exit status are those of the path that keeps every FileResult (taken here with ``--write-baseline``, which needs
them all), on a batch of real fixtures, generated reports paired over years, corrupted ones and an unreadable file."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from conftest import FIXTURES
from gklint import api
from gklint.cli import app
from gklint.output.jsonl import render
from gklint.recognise.json_format import to_json
from gklint.testing import consistent_report, corrupt_cell

runner = CliRunner()


def batch(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("huangyuan-2021.txt", "pingtan-2021.html", "pingtan-2024.html", "template-2021.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    for k in range(15):  # five agencies over three years: the series rules pair them
        report = consistent_report(k % 5, "2021", year=2021 + k // 5)
        if k % 4 == 0:
            report = corrupt_cell(report, k).report
        (folder / f"g{(k * 7) % 15:02d}.json").write_text(json.dumps(to_json(report), ensure_ascii=False),
                                                          encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    return sorted(folder.iterdir())


def check(paths, *extra):
    return runner.invoke(app, ["check", "-f", "jsonl", "-j", "1", *extra, *map(str, paths)])


def test_jsonl_streamed_is_the_output_of_the_path_keeping_every_result(tmp_path):
    paths = batch(tmp_path)
    streamed = check(paths)
    kept = check(paths, "--write-baseline", str(tmp_path / "baseline.json"))
    assert streamed.stdout.splitlines(), "the batch has findings"
    assert streamed.stdout == kept.stdout
    assert streamed.exit_code == kept.exit_code == 2  # broken.json could not be read


def test_jsonl_streamed_has_the_findings_of_check_many(tmp_path):
    paths = batch(tmp_path)
    streamed = check(paths)
    whole = render(api.check_many(paths))
    assert Counter(streamed.stdout.splitlines()) == Counter(whole.splitlines())
    assert any('"rule": "S' in line for line in streamed.stdout.splitlines()), "cross-year findings included"


def test_jsonl_streamed_exit_status_counts_findings(tmp_path):
    paths = [p for p in batch(tmp_path) if p.name != "broken.json"]
    result = api.check_many(paths)
    for fail_on in ("error", "warning", "info"):
        assert check(paths, "--fail-on", fail_on).exit_code == result.exit_code(fail_on)


def test_json_spooled_is_the_document_of_the_path_keeping_every_result(tmp_path):
    paths = batch(tmp_path)
    streamed = runner.invoke(app, ["check", "-f", "json", "-j", "1", *map(str, paths)])
    kept = runner.invoke(app, ["check", "-f", "json", "-j", "1", "--write-baseline", str(tmp_path / "b.json"),
                               *map(str, paths)])
    assert streamed.stdout == kept.stdout
    assert streamed.exit_code == kept.exit_code == 2
    data = json.loads(streamed.stdout)
    assert any(d["rule"].startswith("S") for f in data["files"] for d in f["diagnostics"]), "series findings in place"


def test_json_spooled_to_a_file_is_json_output_render_of_check_many(tmp_path):
    from gklint.output.json_output import render as render_json

    paths = batch(tmp_path)
    out = tmp_path / "out.json"
    streamed = runner.invoke(app, ["check", "-f", "json", "-j", "1", "-o", str(out), *map(str, paths)])
    assert streamed.exit_code == 2
    assert out.read_text(encoding="utf-8") == render_json(api.check_many(paths)) + "\n"


def test_json_spooled_of_no_file_and_one_unreadable_file(tmp_path):
    from gklint.core.diagnostic import FileResult, Result
    from gklint.output.json_output import render as render_json

    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    streamed = runner.invoke(app, ["check", "-f", "json", str(bad)])
    said = json.loads(streamed.stdout)["files"][0]
    assert said["spot"] == "第1行第2列" and said["error"].startswith(f"{bad}: 第1行第2列: ")
    whole = render_json(Result([FileResult(path=str(bad), error=said["error"], spot=said["spot"])]))
    assert streamed.stdout == whole + "\n"


def test_json_parts_put_together_are_render(tmp_path):
    from gklint.core.diagnostic import Result
    from gklint.output.json_output import file_bytes, head_tail, render as render_json

    for result in (Result(), api.check_many(batch(tmp_path))):
        head, tail = head_tail(result, any_file=bool(result.files))
        parts = ",\n".join(file_bytes(f).decode("utf-8") for f in result.files)
        assert head + parts + tail == render_json(result) + "\n"
