"""Configuration files (gklint/config.py) and the library's option checks."""

from __future__ import annotations

import datetime as dt

import pytest

import gklint
from gklint.config import Config, ConfigError, discover, find_config, load_config, parse_deadline
from gklint.core.model import Cell

from conftest import FIXTURES
from report_helpers import report

SAMPLE = FIXTURES / "huangyuan-2021.txt"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_found_upward_nearest_first_and_pyproject_only_with_its_table(tmp_path):
    target = _write(tmp_path / "a" / "b" / "c" / "r.txt", "x")
    assert find_config(target) is None or not str(find_config(target)).startswith(str(tmp_path))
    _write(tmp_path / "a" / "pyproject.toml", "[tool.gklint]\nlang = \"en\"\n")
    _write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.other]\nx = 1\n")  # no [tool.gklint]: skipped
    assert find_config(target) == (tmp_path / "a" / "pyproject.toml").resolve()
    assert discover(target).lang == "en"
    _write(tmp_path / "a" / "b" / "c" / "gklint.toml", "lang = \"zh\"\n")
    assert find_config(target) == (tmp_path / "a" / "b" / "c" / "gklint.toml").resolve()
    assert discover(target).lang == "zh"
    explicit = _write(tmp_path / "other.toml", "fail-on = \"info\"\n")
    assert discover(target, explicit).fail_on == "info"


@pytest.mark.parametrize("text, complaint", [
    ("selec = [\"T\"]\n", "未知的配置项 'selec'"),
    ("[deadlines]\ndepartmnt = \"02-20\"\n", "未知的配置项 'deadlines.departmnt'"),
    ("[deadlines]\ndepartment = \"二月\"\n", "'deadlines.department' 的值无效"),
    ("lang = \"fr\"\n", "'lang' 的值无效"),
    ("repeated-threshold = 2\n", "'repeated-threshold' 的值无效"),
    ("select = [\"ZZZ\"]\n", "select 中没有这样的规则：ZZZ"),
    ("[severity]\nT3 = \"info\"\n", "severity 中没有这样的规则：T3"),  # a severity names one rule
    ("[severity]\nT301 = \"fatal\"\n", "'severity.T301' 的值无效"),
    ("lang = \n", "不是有效的TOML"),
])
def test_bad_keys_and_values_name_the_file_and_the_key(tmp_path, text, complaint):
    path = _write(tmp_path / "gklint.toml", text)
    with pytest.raises(ConfigError, match=complaint) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("text", "why"), [
    ("fail-on = \"warn\"\n", "可选：error、warning、info"),
    ("[severity]\nP101 = \"fatal\"\n", "可选：error、warning、info"),
    ("level = \"province\"\n", "可选：department、aggregate"),
    ("amount-tolerance = \"x\"\n", "应是数字"),
    ("amount-tolerance = -1\n", "应不小于 0"),
    ("repeated-threshold = 5\n", "应小于 1"),
    ("select = \"T3\"\n", "应是列表"),
    ("deadlines = 3\n", "应是一个表"),
    ("[deadlines]\ndepartment = \"2月32日\"\n", "不是有效的月日"),
])
def test_an_invalid_value_is_explained_in_chinese_without_library_internals(tmp_path, text, why):
    path = _write(tmp_path / "gklint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert why in message and str(path) in message
    for internal in ("Input should", "Value error", "pydantic", "valid number", "literal"):
        assert internal not in message


def test_pyproject_keys_are_checked_too(tmp_path):
    path = _write(tmp_path / "pyproject.toml", "[tool.gklint]\nfail_on2 = \"x\"\n")
    with pytest.raises(ConfigError, match="未知的配置项 'fail_on2'"):
        load_config(path)


def test_options_given_override_the_file(tmp_path):
    config = load_config(_write(tmp_path / "gklint.toml", "lang = \"en\"\nfail-on = \"warning\"\nselect = [\"T\"]\n"))
    merged = config.merged(lang="zh", select=None)
    assert (merged.lang, merged.fail_on, merged.select) == ("zh", "warning", ["T"])
    with pytest.raises(ConfigError, match="lang"):
        config.merged(lang="xx")


def test_per_rule_severity_and_selection_reach_the_findings():
    plain = {d.rule: d.severity for d in gklint.check(SAMPLE).diagnostics}
    assert plain["S101"] == "error"
    config = Config(severity={"S101": "warning"}, ignore=["P"])
    found = {d.rule: d.severity for d in gklint.check(SAMPLE, **config.options()).diagnostics}
    assert found["S101"] == "warning"
    assert not any(r.startswith("P") for r in found) and any(r.startswith("P") for r in plain)


@pytest.mark.parametrize("text, expected", [("02-20", "02-20"), ("2月20日", "02-20"), ("2月底", "02-end"),
                                            ("12-end", "12-end")])
def test_deadlines_are_read_in_the_usual_forms(text, expected):
    assert parse_deadline(text) == expected


def test_a_local_department_deadline_replaces_january_31():
    def late(published, **deadlines):
        rep = report(title="某市教育局2023年政府信息公开工作年度报告", published=published, year=2023)
        return [d for d in gklint.check(rep, **Config(deadlines=deadlines).options()).diagnostics if d.rule == "D101"]

    assert late(dt.date(2024, 2, 15))  # the statutory 1月31日
    assert late(dt.date(2024, 2, 15), department="2月20日") == []
    assert late(dt.date(2024, 2, 29), department="2月底") == []  # 2024 is a leap year
    [d] = late(dt.date(2024, 3, 1), department="2月底")
    assert d.expected == "≤2024-02-29"


def test_the_amount_tolerance_widens_rounding_for_fee_amounts():
    rep = gklint.extract(SAMPLE)
    rep.tables["二"].cells[("fees", "fees_amount")] = Cell.number(2.3)
    rep.sections[0].text += "\n全年行政事业性收费2.5万元。"
    assert [d.rule for d in gklint.check(rep, select=["N106"]).diagnostics] == ["N106"]
    assert gklint.check(rep, select=["N106"], **Config(amount_tolerance=0.2).options()).diagnostics == []
    assert gklint.check(rep, select=["N106"], **Config(amount_tolerance=0.1).options()).diagnostics != []


def test_the_level_and_the_repeated_threshold_become_settings():
    assert Config(level="aggregate", repeated_threshold=0.7).settings() == {"aggregate": True,
                                                                           "repeated_threshold": 0.7}
    assert Config().settings() == {}


# --------------------------------------------------------------------------- the library's options

@pytest.mark.parametrize("options, complaint", [
    ({"select": ["ZZZ"]}, "ZZZ"),
    ({"ignore": ["T3", "Q9"]}, "Q9"),
    ({"lang": "fr"}, "fr"),
    ({"select": "T3"}, "列表"),
])
def test_check_validates_its_options_like_the_cli(options, complaint):
    with pytest.raises(ValueError, match=complaint):
        gklint.check(SAMPLE, **options)
    with pytest.raises(ValueError, match=complaint):
        gklint.check_many([SAMPLE], **options)


def test_repr_is_short_and_read_error_names_the_path_once():
    result = gklint.check_many([SAMPLE, "no-such-file.docx"])
    text = repr(result)
    assert text.startswith("Result(files=2") and "unreadable=1" in text and len(text) < 120
    assert repr(result.files[0]).startswith("FileResult(") and len(repr(result.files[0])) < 200
    assert "error=" in repr(result.files[1])
    with pytest.raises(gklint.ReadError) as info:
        gklint.check("no-such-file.docx")
    assert str(info.value).count("no-such-file.docx") == 1
    assert info.value.path == "no-such-file.docx" and "no-such-file.docx" not in info.value.message


def test_the_package_is_typed():
    from pathlib import Path

    import tomllib

    assert (Path(gklint.__file__).parent / "py.typed").is_file()
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
    assert "gklint" in project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]  # py.typed goes along


def test_the_guides_example_configuration_is_valid(tmp_path):
    from pathlib import Path

    guide = (Path(__file__).parent.parent / "docs" / "guide.md").read_text("utf-8")
    example = guide.split("```toml\n", 1)[1].split("```", 1)[0]
    config = load_config(_write(tmp_path / "gklint.toml", example))
    assert config.deadlines.department == "02-20" and config.fail_on == "warning"


@pytest.mark.parametrize("text", ['lang = "en"\n[severity]\nS101 = "fatal"\n', 'lang = "en"\nselect = ["ZZZ9"]\n'])
def test_a_bad_configuration_that_asks_for_english_is_explained_in_english(tmp_path, monkeypatch, text):
    from typer.testing import CliRunner

    from gklint.cli import app

    _write(tmp_path / "gklint.toml", text)
    (tmp_path / "a.txt").write_text("一、总体情况\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GKLINT_LANG", raising=False)
    said = CliRunner().invoke(app, ["check", "a.txt"])
    assert said.exit_code == 2 and "gklint.toml" in said.output
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in said.output), said.output
    chinese = CliRunner().invoke(app, ["check", "a.txt", "--lang", "zh"])
    assert chinese.exit_code == 2 and ("配置" in chinese.output or "没有这样的规则" in chinese.output)
