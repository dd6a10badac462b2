"""The CLI's configuration file, baseline and --exit-zero options (issue 11)."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from gklint.cli import app

from conftest import FIXTURES

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _report(tmp_path):
    path = tmp_path / "drafts" / "huangyuan-2021.txt"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "huangyuan-2021.txt", path)
    return path


def _diags(result):
    return json.loads(result.stdout)["files"][0]["diagnostics"]


def test_baseline_round_trip_and_exit_codes(tmp_path):
    report = _report(tmp_path)
    base = tmp_path / "baseline.json"
    first = run("check", report, "--format", "json", "--write-baseline", base)
    assert first.exit_code == 1 and _diags(first)  # written, findings still shown and counted
    assert json.loads(base.read_text("utf-8"))["gklint_baseline"] == 1
    again = run("check", report, "--format", "json", "--baseline", base)
    assert again.exit_code == 0 and _diags(again) == []
    text = report.read_text("utf-8").replace("2021年我收到政府信息公开申请0次", "2021年我收到政府信息公开申请2次")
    report.write_text(text, "utf-8")
    edited = run("check", report, "--format", "json", "--baseline", base)
    assert {d["rule"] for d in _diags(edited)} == {"N101"} and edited.exit_code in (0, 1)
    assert run("check", report, "--baseline", tmp_path / "none.json").exit_code == 2


def test_exit_zero_only_silences_findings(tmp_path):
    report = _report(tmp_path)
    assert run("check", report).exit_code == 1
    assert run("check", report, "--exit-zero").exit_code == 0
    assert run("check", report, tmp_path / "missing.txt", "--exit-zero").exit_code == 2


def test_configuration_found_upward_and_overridden_on_the_command_line(tmp_path):
    report = _report(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.gklint]\nformat = \"json\"\nlang = \"en\"\nselect = [\"S101\"]\n[tool.gklint.severity]\nS101 = \"warning\"\n",
        "utf-8")
    found = run("check", report)
    [d] = _diags(found)  # json by the file, S101 only, as a warning
    assert (d["rule"], d["severity"]) == ("S101", "warning") and found.exit_code == 0
    assert "missing" in d["message"].lower() or "section" in d["message"].lower()  # English by the file
    overridden = run("check", report, "--lang", "zh", "--fail-on", "warning")
    assert "缺少" in _diags(overridden)[0]["message"] and overridden.exit_code == 1
    assert {x["rule"] for x in _diags(run("check", report, "--select", "P"))} <= {"P101", "P102", "P103"}


def test_a_bad_configuration_exits_2_naming_the_file_and_key(tmp_path):
    report = _report(tmp_path)
    config = tmp_path / "gklint.toml"
    config.write_text("selekt = [\"T\"]\n", "utf-8")
    result = run("check", report)
    assert result.exit_code == 2 and "selekt" in result.output and "gklint.toml" in result.output
    other = tmp_path / "other.toml"
    other.write_text("format = \"pdf\"\n", "utf-8")
    result = run("check", report, "--config", other)
    assert result.exit_code == 2 and "format" in result.output and "other.toml" in result.output
