"""The CLI's configuration file, baseline and --exit-zero options (issue 11)."""

from __future__ import annotations

import json
import shutil
import pytest

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


@pytest.mark.parametrize(("config", "baseline", "said"), [
    ("selekt = [\"T\"]\n", None, "unknown key 'selekt'"),
    ("fail-on = \"warn\"\n", None, "invalid value for 'fail-on' (one of: error, warning, info)"),
    ("repeated-threshold = 5\n", None, "invalid value for 'repeated-threshold' (must be less than 1)"),
    ("format = \"pdf\"\n", None, "invalid value for 'format' (one of: "),
    ("[severity]\nZ999 = \"info\"\n", None, "no such rule in severity: Z999"),
    ("", "{}", "not a gklint baseline file"),
    ("", "nope", "not valid JSON"),
])
def test_a_bad_configuration_or_baseline_in_english_has_no_chinese(tmp_path, config, baseline, said):
    report = _report(tmp_path)
    (tmp_path / "gklint.toml").write_text(config, "utf-8")
    args = ["check", report, "--lang", "en"]
    if baseline is not None:
        (tmp_path / "b.json").write_text(baseline, "utf-8")
        args += ["--baseline", tmp_path / "b.json"]
    result = run(*args)
    assert result.exit_code == 2 and said in result.output, result.output
    assert not CJK.search(result.output.replace(str(tmp_path), "")), result.output
    chinese = run(*args[:2], *args[4:])
    assert chinese.exit_code == 2 and CJK.search(chinese.output.replace(str(tmp_path), ""))


# --------------------------------------------------------------------------- batches that show their work

import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402



SEVERITY_WORDS = {"错误": "error", "警告": "warning", "提示": "info"}
FINDING = re.compile(r"^(错误|警告|提示) ([A-Z]\d{3}) ")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _batch(tmp_path):
    """A folder of drafts: two readable reports, one of them with findings of every severity, and a
    damaged Word file."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("huangyuan-2021.txt", "pingtan-2021.html"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a whole zip file")
    return folder


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                        "GKLINT_LANG")}
    env.update(extra)
    return env


def _piped(*args, **env):
    return subprocess.run([sys.executable, "-m", "gklint", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=_env(COLUMNS="200", **env), timeout=300)


def _in_terminal(*args) -> tuple[int, str]:
    """Run gklint with stdout and stderr on a pseudo-terminal (160 columns); its whole output, as sent."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "gklint", *map(str, args)], stdin=slave, stdout=slave,
                            stderr=slave, env=_env(TERM="xterm-256color"), close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=300)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


def _table(out: str) -> dict[str, list[str]]:
    """The summary table's rows: file (as given) -> its cells (a wide console: no cell is folded). The
    table names the files from the folder its title names."""
    rows = {}
    folder = ""
    for line in out.split("\n"):
        if line.startswith("检查汇总（"):
            folder = line.strip()[len("检查汇总（"):-1]
        if line.startswith("└"):  # the table's end: what follows are the files' findings
            break
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            rows[os.path.join(folder, cells[0])] = cells[1:]
    return rows


def _blocks(out: str, files: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The findings printed under each file's header: (severity, rule) in the order printed."""
    found: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in out.split("\n"):
        if line in files:
            current = found.setdefault(line, [])
        elif current is not None and (m := FINDING.match(line)):
            current.append((SEVERITY_WORDS[m.group(1)], m.group(2)))
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_batch_on_a_terminal_shows_a_progress_bar_then_the_table_then_the_findings(tmp_path):
    folder = _batch(tmp_path)
    code, raw = _in_terminal("check", folder)
    assert code == 2  # a file could not be read
    shown = ANSI.sub("", raw)
    assert re.search(r"检查.*\b[0-3]/3\b", shown), "no progress bar on a terminal"
    assert "\x1b[?25l" in raw  # the live display hides the cursor while it runs
    assert shown.index("检查汇总") < shown.index("huangyuan-2021.txt\n") < shown.rindex("共 ")
    quiet_code, quiet = _in_terminal("check", folder, "--quiet")
    assert quiet_code == 2 and not re.search(r"检查.*\b[0-3]/3\b", ANSI.sub("", quiet))
    assert "检查汇总" in ANSI.sub("", quiet)


def test_a_piped_batch_has_no_progress_bar_and_its_table_counts_what_is_printed(tmp_path):
    folder = _batch(tmp_path)
    piped = _piped("check", folder)
    assert piped.returncode == 2
    assert "\x1b[" not in piped.stdout + piped.stderr
    assert not re.search(r"检查.*\b[0-3]/3\b", piped.stdout + piped.stderr)
    table = _table(piped.stdout)
    files = sorted(str(p) for p in folder.iterdir())
    assert sorted(table) == files
    blocks = _blocks(piped.stdout, files)
    readable = [f for f in files if not f.endswith("broken.docx")]
    assert all(blocks[f] for f in readable)  # the fixtures have findings
    for f in readable:
        errors, warnings, infos = (int(n) for n in table[f][3:6])
        printed = [s for s, _ in blocks[f]]
        assert (errors, warnings, infos) == (printed.count("error"), printed.count("warning"), printed.count("info"))
        most = table[f][6].split()
        rules = [r for _, r in blocks[f]]
        assert most and all(rules.count(m.split("×")[0]) == int(m.split("×")[1]) if "×" in m else rules.count(m) == 1
                            for m in most)
        assert max(rules.count(r) for r in rules) == rules.count(most[0].split("×")[0])
    assert "无法读取" in table[str(folder / "broken.docx")][-1]
    # the totals line agrees with the table
    total = [sum(int(table[f][k]) for f in readable) for k in (3, 4, 5)]
    assert f"共 {total[0]} 个错误、{total[1]} 个警告、{total[2]} 个提示（3 个文件，1 个无法读取）" in piped.stdout


def test_findings_are_printed_errors_first_within_each_file(tmp_path):
    folder = _batch(tmp_path)
    out = _piped("check", folder).stdout
    blocks = _blocks(out, sorted(str(p) for p in folder.iterdir()))
    rank = {"error": 0, "warning": 1, "info": 2}
    severities = {s for block in blocks.values() for s, _ in block}
    assert severities == {"error", "warning", "info"}  # the ordering is really exercised
    for block in blocks.values():
        order = [rank[s] for s, _ in block]
        assert order == sorted(order)
    # within a severity, the order of the JSON output (reading order) is kept
    data = json.loads(_piped("check", folder, "-f", "json").stdout)
    for f in data["files"]:
        if "error" in f:
            continue
        for severity in rank:
            assert [r for s, r in blocks[f["path"]] if s == severity] == \
                   [d["rule"] for d in f["diagnostics"] if d["severity"] == severity]


def test_an_unreadable_file_in_a_batch_is_named_once(tmp_path):
    folder = _batch(tmp_path)
    for args in ((), ("--statistics",), ("-f", "concise"), ("-f", "github")):  # formats a person reads
        result = _piped("check", folder, *args)
        both = result.stdout + result.stderr
        assert result.returncode == 2
        assert both.count("找不到目录结尾") == 1, (args, both)
    data = _piped("check", folder, "-f", "json")  # data for a program, and one line for the person
    assert data.stderr.count("找不到目录结尾") == 1
    assert ["找不到目录结尾" in f.get("error", "") for f in json.loads(data.stdout)["files"]].count(True) == 1
    alone = _piped("check", folder / "broken.docx")  # a lone file: its one line on stderr
    assert alone.returncode == 2 and alone.stdout == "" and alone.stderr.count("找不到目录结尾") == 1


def test_statistics_have_headings_in_the_chosen_language(tmp_path):
    folder = _batch(tmp_path)
    zh = _piped("check", folder, "--statistics").stdout
    assert "按规则统计" in zh and re.search(r"数量\s+规则\s+严重程度\s+说明", zh)
    assert not re.search(r"\b(error|warning|info)\b", zh.split("按规则统计")[1])
    en = _piped("check", folder, "--statistics", "--lang", "en").stdout
    assert "Findings by rule" in en and re.search(r"Count\s+Rule\s+Severity\s+Title", en)
    assert "Summary" in en and "按规则统计" not in en and "检查汇总" not in en


# --------------------------------------------------------------------------- the CLI in the user's language

USAGE_ERRORS = [("check",), ("check", "x.txt", "--nope"), ("check", "x.txt", "--format", "bogus"),
                ("check", "x.txt", "-j", "-3"), ("check", "x.txt", "--format"), ("frob",), ("explain", "a", "b"),
                ("rules", "--lang", "fr"), ("check", "x.txt", "--select", "ZZZ")]
HELP_PAGES = [("--help",), ("check", "--help"), ("extract", "--help"), ("schema", "--help"), ("rules", "--help"),
              ("explain", "--help")]
INTERNALS = ("{files}", "<list[", "Missing argument", "No such option", "Invalid value for",
             "Try '", "Show this message", "Value error", "Input should be", "Got unexpected")


@pytest.mark.parametrize("args", HELP_PAGES + USAGE_ERRORS, ids=" ".join)
def test_help_and_usage_errors_in_english_have_no_chinese_and_no_internals(args):
    result = runner.invoke(app, list(args), env={"GKLINT_LANG": "en"})
    text = result.output
    assert result.exit_code == (0 if "--help" in args else 2), text
    assert text.strip()
    assert not CJK.search(text), text
    assert not any(word in text for word in INTERNALS), text
    if "--help" in args:
        assert text.startswith("Usage: ")
    else:
        assert "Error: " in text or text.startswith("gklint: ")


@pytest.mark.parametrize("args", HELP_PAGES + USAGE_ERRORS, ids=" ".join)
def test_help_and_usage_errors_are_chinese_by_default_without_internals(args):
    result = runner.invoke(app, list(args))
    text = result.output
    assert result.exit_code == (0 if "--help" in args else 2), text
    assert CJK.search(text), text
    assert not any(word in text for word in INTERNALS + ("Usage:", "Error:", "[OPTIONS]", "Options:")), text


def test_lang_on_the_command_line_wins_and_english_help_names_the_environment_variable():
    page = runner.invoke(app, ["check", "--help", "--lang", "en"]).output
    assert page.startswith("Usage: ") and "FILE_OR_FOLDER..." in page and "GKLINT_LANG" in page
    assert "--previous FILE" in page and "--quiet" in page
    zh = runner.invoke(app, ["check", "--help", "--lang", "zh"], env={"GKLINT_LANG": "en"}).output
    assert zh.startswith("用法：") and "文件或目录..." in zh


def test_the_language_of_the_configuration_file_is_the_help_language(tmp_path, monkeypatch):
    (tmp_path / "gklint.toml").write_text('lang = "en"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GKLINT_LANG", raising=False)
    assert runner.invoke(app, ["--help"]).output.startswith("Usage: ")


def test_rules_and_explain_speak_the_language():
    zh = runner.invoke(app, ["rules"]).output.splitlines()
    assert {line.split("\t")[1] for line in zh} <= {"错误", "警告", "提示"}
    en = runner.invoke(app, ["rules", "--lang", "en"]).output.splitlines()
    assert {line.split("\t")[1] for line in en} <= {"error", "warning", "info"}
    assert "严重程度: 错误" in runner.invoke(app, ["explain", "T302"]).output
    page = runner.invoke(app, ["explain", "T302"], env={"GKLINT_LANG": "en"}).output
    assert "Severity: error" in page and "How to fix" in page


def test_english_translates_the_locations_of_the_terminal_report(tmp_path):
    report = _report(tmp_path)
    en = run("check", report, "--lang", "en").stdout
    places = [line for line in en.splitlines() if line.startswith("  at: ")]
    assert places and not any(re.search(r"第\d+行|表[一二三四]|table [一二三四]", p) for p in places)
    assert any(re.search(r"\(line \d+\)", p) for p in places) and any("table 2" in p for p in places)
    zh = run("check", report).stdout
    assert any(re.search(r"（第\d+行）", line) for line in zh.splitlines() if line.startswith("  位置："))


# --------------------------------------------------------------------------- --previous

def _next_year(tmp_path, agency: str | None = None):
    """huangyuan's 2021 report written again as 2022's (its text copied: Y103), optionally under a new
    agency name (the automatic pairing then cannot tell it is the same office)."""
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8").replace("2021", "2022")
    if agency:
        text = text.replace("县人民政府办公室", agency)
    path = tmp_path / "new" / "huangyuan-2022.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _rules(result):
    return [d["rule"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]


def test_previous_pairs_this_years_report_with_the_one_named(tmp_path):
    this, last = _next_year(tmp_path), _report(tmp_path)
    alone = run("check", this, "-f", "json", "--select", "Y")
    assert _rules(alone) == []  # nothing to pair with
    named = run("check", this, "-f", "json", "--select", "Y", "--previous", last)
    found = _rules(named)
    assert "Y103" in found and "Y104" in found
    files = json.loads(named.stdout)["files"]
    assert [f["path"] for f in files] == [str(this)]  # last year's report is read, not checked
    # the same findings as pairing the two within a batch
    batch = run("check", last, this, "-f", "json", "--select", "Y")
    assert sorted(_rules(batch)) == sorted(found)


def test_previous_pairs_even_when_the_office_was_renamed(tmp_path):
    this, last = _next_year(tmp_path, agency="县政府办公室"), _report(tmp_path)
    assert _rules(run("check", last, this, "-f", "json", "--select", "Y103")) == []  # not paired automatically
    assert "Y103" in _rules(run("check", this, "-f", "json", "--select", "Y103", "--previous", last))
    # the terminal report shows them in this year's file, with its findings
    out = run("check", this, "--select", "Y", "--previous", last).stdout
    assert out.count("Y103") >= 1 and "跨年度" not in out


def test_previous_replaces_the_pairing_within_the_batch(tmp_path):
    this, last = _next_year(tmp_path), _report(tmp_path)
    other = tmp_path / "other-2020.txt"
    other.write_text((FIXTURES / "pingtan-2021.html").read_text("utf-8"), "utf-8")
    result = run("check", last, this, "-f", "json", "--select", "Y", "--previous", other)
    assert "Y103" not in _rules(result)  # this year is compared with the one named, not with last


def test_an_unreadable_previous_report_exits_2_naming_it(tmp_path):
    this = _next_year(tmp_path)
    missing = run("check", this, "--previous", tmp_path / "nowhere.txt")
    assert missing.exit_code == 2 and "nowhere.txt" in missing.output
    broken = tmp_path / "last.docx"
    broken.write_bytes(b"PK\x03\x04 not a whole zip file")
    result = run("check", this, "--previous", broken)
    assert result.exit_code == 2 and "last.docx" in result.output and "--previous" in result.output
    english = run("check", this, "--previous", tmp_path / "nowhere.txt", "--lang", "en")
    assert english.exit_code == 2 and "no such file" in english.output


def test_previous_from_the_library(tmp_path):
    from gklint import api
    from gklint.read.errors import ReadError

    this, last = _next_year(tmp_path), _report(tmp_path)
    result = api.check(this, previous=last, select=["Y103"])
    assert {d.rule for d in result.diagnostics} == {"Y103"}
    assert api.check(this, select=["Y103"]).diagnostics == []
    with pytest.raises(ReadError):
        api.check(this, previous=tmp_path / "nowhere.txt")


# --------------------------------------------------------------------------- the documentation

def test_every_format_is_documented_with_an_example_in_the_readme_and_the_guide():
    from pathlib import Path

    from gklint.output import FORMATS

    root = Path(__file__).parent.parent
    readme, guide = ((root / name).read_text("utf-8") for name in ("README.md", "docs/guide.md"))
    for name in FORMATS:
        for text in (readme, guide):
            [row] = [line for line in text.splitlines() if line.startswith(f"| `{name}`")]
            assert "gklint check" in row, (name, row)  # the table row gives a command to run
    for step in ("--annotate", "--format html -o", "--format xlsx -o", "--write-baseline", "--baseline",
                 "--previous", "GKLINT_LANG", "--quiet", "--statistics", "--config"):
        assert step in guide, step
    # the guide's example output is what gklint prints: headings of the table and statistics
    assert "检查汇总" in guide and "按规则统计" in guide and "无法读取" in guide


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.sampled_from(["error", "warning", "info"]), max_size=30))
def test_errors_first_is_a_stable_partition_by_severity(severities):
    from gklint.core.diagnostic import Diagnostic
    from gklint.output.terminal import ordered

    diags = [Diagnostic(rule=f"X{k:03d}", severity=s, message="") for k, s in enumerate(severities)]
    out = ordered(diags)
    assert sorted(map(id, out)) == sorted(map(id, diags))  # nothing lost or added
    for severity in ("error", "warning", "info"):  # each severity keeps the order given
        assert [d.rule for d in out if d.severity == severity] == [d.rule for d in diags if d.severity == severity]
    rank = [("error", "warning", "info").index(d.severity) for d in out]
    assert rank == sorted(rank)


def test_english_messages_number_the_tables_as_english_places_do(tmp_path):
    """``--lang en`` says "table 3" in the message as in the place, never "table 三" (the issue's "table 二")."""
    folder = _batch(tmp_path)
    data = json.loads(run("check", folder, "--lang", "en", "-f", "json").stdout)
    texts = [d["message"] + d["title"] for f in data["files"] for d in f["diagnostics"]]
    assert any(re.search(r"[Tt]able [1-4]\b", t) for t in texts)
    assert not [t for t in texts if re.search(r"[Tt]ables? [一二三四五六]", t)]
    from gklint.engine.rules import load_rules
    from gklint.core.template import choose

    for rule in load_rules():
        for text in (choose(rule.message, "en"), rule.text("title", "en")):
            assert not re.search(r"[Tt]ables? [一二三四五六]", text), (rule.id, text)
