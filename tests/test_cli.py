"""The command line as an inspector uses it: exit codes, findings, formats, rule selection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from gklint.cli import app
from gklint.engine.rules import load_rules

from conftest import FIXTURES, set_stream_value

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def findings(path, *extra):
    result = run("check", path, "--format", "json", *extra)
    data = json.loads(result.stdout)
    return result.exit_code, data["files"][0]["diagnostics"]


def errors(diags):
    return [d for d in diags if d["severity"] == "error"]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output_has_the_documented_keys():
    code, diags = findings(FIXTURES / "huangyuan-2021.txt")
    assert code == 1  # the report lacks section 六
    assert diags, "the huangyuan report has findings"
    for d in diags:
        assert {"rule", "severity", "message", "location", "expected", "found", "parts"} <= set(d)
    data = json.loads(run("check", FIXTURES / "huangyuan-2021.txt", "--format", "json").stdout)
    assert data["files"][0]["layout"] == "2021"
    assert data["files"][0]["path"].endswith("huangyuan-2021.txt")


def test_the_unaltered_tables_hold(huangyuan_text):
    _, diags = findings(FIXTURES / "huangyuan-2021.txt")
    assert not [d for d in diags if d["rule"][0] in "TC"]


def test_changed_request_cell_is_an_error_at_that_row_or_column(tmp_path, huangyuan_text):
    path = write(tmp_path, "a.txt", set_stream_value(huangyuan_text, "(一)予以公开", 0, "5"))
    code, diags = findings(path)
    assert code == 1
    table_errors = [d for d in errors(diags) if d["location"].get("table") == "三"]
    assert table_errors
    for d in table_errors:
        loc = d["location"]
        assert loc.get("row") == "（一）予以公开" or loc.get("column") == "自然人"
    t302 = next(d for d in table_errors if d["rule"] == "T302")
    assert (t302["expected"], t302["found"]) == (5, 0)
    assert {"label": "（一）予以公开", "value": 5} in [{k: p[k] for k in ("label", "value")} for p in t302["parts"]]


def test_changed_review_total_is_an_error_at_that_row(tmp_path, huangyuan_text):
    text = set_stream_value(huangyuan_text, "总计", 4, "1", after="总计")
    code, diags = findings(write(tmp_path, "b.txt", text))
    assert code == 1
    [d] = [d for d in errors(diags) if d["location"].get("table") == "四"]
    assert d["rule"] == "T401"
    assert d["location"]["row"] == "行政复议" and d["location"]["column"] == "总计"
    assert (d["expected"], d["found"]) == (0, 1)


def test_rows_consistent_but_balance_broken(tmp_path, huangyuan_text):
    text = huangyuan_text
    for label in ("(一)予以公开", "(七)总计"):
        text = set_stream_value(text, label, 0, "2")  # 自然人
        text = set_stream_value(text, label, 6, "2")  # 总计
    code, diags = findings(write(tmp_path, "c.txt", text))
    assert code == 1
    table_errors = errors([d for d in diags if d["location"].get("table") == "三"])
    assert {d["rule"] for d in table_errors} == {"T301"}
    assert {d["location"]["column"] for d in table_errors} == {"自然人", "总计"}
    for d in table_errors:
        assert (d["expected"], d["found"]) == (0, 2)


def test_text_and_its_json_give_the_same_findings(tmp_path):
    out = tmp_path / "huangyuan.json"
    assert run("extract", FIXTURES / "huangyuan-2021.txt", "-o", out).exit_code == 0
    _, from_text = findings(FIXTURES / "huangyuan-2021.txt")
    _, from_json = findings(out)

    def key(d):
        loc = {k: v for k, v in d["location"].items() if k != "source"}
        return d["rule"], d["severity"], d["message"], json.dumps(loc, ensure_ascii=False, sort_keys=True)

    assert sorted(map(key, from_text)) == sorted(map(key, from_json))


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "gklint", "check", str(tmp_path / "nope.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unreadable_file_exit_2(tmp_path):
    path = write(tmp_path, "locked.txt", "x")
    path.chmod(0)
    result = run("check", path)
    path.chmod(0o600)
    import os

    if os.geteuid() == 0:  # root reads anything: use a directory instead
        result = run("check", tmp_path / "missing-dir" / "x.txt")
    assert result.exit_code == 2


def test_bad_json_names_the_path(tmp_path):
    path = write(tmp_path, "r.json", json.dumps({"tables": {"三": {"（一）予以公开": {"自然人": "abc", "外星人": 1}}}},
                                                ensure_ascii=False))
    result = run("check", path)
    assert result.exit_code == 2
    assert "$.tables.三.（一）予以公开.外星人" in result.stderr
    path = write(tmp_path, "r2.json", '{"tables": [1, 2]}')
    result = run("check", path)
    assert result.exit_code == 2 and "$.tables" in result.stderr
    path = write(tmp_path, "r3.json", '{"tables": ')
    result = run("check", path)
    assert result.exit_code == 2 and "JSON" in result.stderr


def test_batch_keeps_going_after_a_bad_file(tmp_path):
    bad = write(tmp_path, "bad.json", "{")
    result = run("check", bad, FIXTURES / "huangyuan-2021.txt", "--format", "json")
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert files[0]["error"] and not files[0]["diagnostics"]
    assert files[1]["diagnostics"]


def test_select_and_ignore(tmp_path, huangyuan_text):
    path = write(tmp_path, "a.txt", set_stream_value(huangyuan_text, "(一)予以公开", 0, "5"))
    _, only = findings(path, "--select", "T302")
    assert {d["rule"] for d in only} == {"T302"}
    _, rest = findings(path, "--ignore", "T3,S,P")
    assert not [d for d in rest if d["rule"].startswith(("T3", "S", "P"))]
    assert run("check", path, "--select", "X999").exit_code == 2


def test_rules_lists_every_rule_once():
    result = run("rules")
    lines = result.stdout.strip().split("\n")
    ids = [line.split("\t")[0] for line in lines]
    assert ids == [r.id for r in load_rules()]
    assert all(len(line.split("\t")) == 3 for line in lines)


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_explain_every_rule(rule):
    result = run("explain", rule.id)
    assert result.exit_code == 0
    for key in ("what", "why", "example", "fix"):
        assert rule.doc(key, "zh") in result.stdout


DEVELOPER_DETAIL = ("类型:", "Kind:", ".yaml", "tests/test_rule_cases.py", "## 参数", "## Parameters")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_shows_users_no_developer_detail_and_verbose_adds_it(lang):
    page = run("explain", "T302", "--lang", lang).stdout
    assert not [detail for detail in DEVELOPER_DETAIL if detail in page]
    verbose = run("explain", "T302", "--lang", lang, "--verbose").stdout
    assert "tests/test_rule_cases.py" in verbose and "(tables.yaml)" in verbose and "`anchor`" in verbose


def test_explain_in_english_gives_the_english_message_and_docs():
    from gklint.engine.rules import find

    rule = find("T302", load_rules())
    page = run("explain", "T302", "--lang", "en").stdout
    assert rule.message["en"] in page and "## How to fix" in page
    assert all(rule.docs[key]["en"] in page and rule.docs[key]["zh"] not in page
               for key in ("what", "why", "example", "fix"))
    assert "written in Chinese" not in page


def test_explain_unknown_rule():
    assert run("explain", "Z123").exit_code == 2


def test_english_messages(tmp_path, huangyuan_text):
    path = write(tmp_path, "a.txt", set_stream_value(huangyuan_text, "(一)予以公开", 0, "5"))
    _, diags = findings(path, "--lang", "en", "--select", "T302")
    assert diags[0]["message"].startswith("Table 3, column “自然人”")


def test_terminal_report_shows_header_parts_and_summary(tmp_path, huangyuan_text):
    path = write(tmp_path, "a.txt", set_stream_value(huangyuan_text, "(一)予以公开", 0, "5"))
    result = run("check", path)
    out = result.stdout
    assert result.exit_code == 1
    assert "县人民政府办公室" in out and "2021年版格式" in out
    assert "三、收到和处理政府信息公开申请情况" in out
    assert "T302" in out and "（七）总计" in out
    assert "个错误" in out.strip().split("\n")[-1]


def test_schema_is_json_schema():
    data = json.loads(run("schema").stdout)
    assert data["$schema"].startswith("https://json-schema.org/")
    assert "（一）予以公开" in data["properties"]["tables"]["properties"]["三"]["propertyNames"]["enum"]


def test_clean_report_exits_0(tmp_path):
    out = tmp_path / "h.json"
    run("extract", FIXTURES / "huangyuan-2021.txt", "-o", out)
    assert run("check", out, "--select", "T,C").exit_code == 0


def test_html_report_is_a_page_with_the_findings():
    result = run("check", FIXTURES / "huangyuan-2021.txt", "--format", "html")
    assert result.exit_code == 1
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page
    assert "S101" in page and "六、其他需要报告的事项" in page and "个错误" in page


def test_a_folder_is_checked_file_by_file(tmp_path, huangyuan_text):
    (tmp_path / "a.txt").write_text(huangyuan_text, encoding="utf-8")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    result = run("check", tmp_path, "--format", "json")
    files = json.loads(result.stdout)["files"]
    assert [f["path"].rsplit("/", 1)[-1] for f in files] == ["a.txt", "b.json"]
    assert result.exit_code == 2 and files[0]["diagnostics"] and files[1]["error"]


def test_reading_in_processes_gives_the_same_result(tmp_path, huangyuan_text):
    import gklint

    paths = []
    for k in range(3):
        path = tmp_path / f"r{k}.txt"
        path.write_text(set_stream_value(huangyuan_text, "(一)予以公开", 0, str(k)), encoding="utf-8")
        paths.append(path)
    paths.append(tmp_path / "missing.pdf")
    one = gklint.check_many(paths, jobs=1).to_dict()
    two = gklint.check_many(paths, jobs=2).to_dict()
    assert one == two
    assert [f.get("error") is None for f in one["files"]] == [True, True, True, False]


def test_fail_on_warning(tmp_path):
    out = tmp_path / "h.json"
    run("extract", FIXTURES / "huangyuan-2021.txt", "-o", out)
    assert run("check", out, "--select", "N").exit_code == 0  # warnings only
    assert run("check", out, "--select", "N", "--fail-on", "warning").exit_code == 1
    assert run("check", out, "--select", "P101", "--fail-on", "warning").exit_code == 0  # info only
    assert run("check", out, "--select", "P101", "--fail-on", "info").exit_code == 1


def test_version():
    import gklint

    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"gklint {gklint.__version__}"
