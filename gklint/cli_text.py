"""The command line in the user's language: help pages and usage errors, Chinese by default and English
with ``--lang en``, written here rather than by typer (whose help shows ``{files}...`` and
``<list[Path]>``, and whose errors are English).

The language is known before the options are parsed (``--help`` is printed while parsing), from, in
order: ``--lang xx`` among the arguments, the ``GKLINT_LANG`` environment variable, the ``lang`` key of
the configuration file found upward from the current folder, else Chinese. ``check`` then settles it
with the configuration found from its files (``set_language``).

The English help of each option is its ``help=`` in ``gklint/cli.py``; the Chinese help and the
metavars of both languages are in ``ZH_HELP`` and ``METAVARS`` below (an option missing there falls
back to its English help and a metavar from its type, never a library's internals).
"""

from __future__ import annotations

import os
import re
from typing import Sequence

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.22 ships its own click: the one its parser raises from
    from typer._click import exceptions as _errors
except ImportError:  # pragma: no cover - older typer on click
    from click import exceptions as _errors

_NoArgsIsHelp = getattr(_errors, "NoArgsIsHelpError", ())

LANG_ENV = "GKLINT_LANG"
LANGS = ("zh", "en")
_current = {"lang": "zh"}

# ----------------------------------------------------------------------------- the words

ZH_COMMANDS = {
    "": "gklint：政府信息公开工作年度报告一致性检查工具",
    "check": "检查报告，列出发现的问题。",
    "extract": "读取报告，写出 gklint JSON，可手工改正后再检查。",
    "schema": "输出 gklint 报告格式的 JSON Schema。",
    "rules": "列出全部规则：编号、严重程度、标题。",
    "explain": "显示一条规则的说明：检查什么、为什么、示例、如何改正。",
}
EN_COMMANDS = {"": "gklint: a consistency linter for annual reports on government information disclosure"}

ZH_HELP = {
    ("", "version"): "显示版本号并退出",
    ("check", "files"): "报告文件（json、txt、html、docx、pdf）或目录",
    ("check", "output_file"): "把结果写入此文件，UTF-8（与 --annotate 同用时：写出的 Word 文件）",
    ("check", "annotate"): "写出 X.gklint.docx：在 Word 草稿的每个问题处加批注（或用 -o 指定）；网页和 PDF 改为写出审阅网页 X.gklint.html",
    ("check", "full_paths"): "审阅网页中的文件名带目录",
    ("check", "select"): "只检查这些规则编号或前缀（逗号分隔）",
    ("check", "ignore"): "不检查这些规则编号或前缀",
    ("check", "lang"): f"输出语言：zh（默认）或 en；也可用环境变量 {LANG_ENV} 或配置项 lang",
    ("check", "layout"): "指定格式版本（2019 或 2021），不自动识别",
    ("check", "aggregate"): "本级政府汇总年报（公布期限 3月31日）",
    ("check", "statistics"): "另外按规则统计问题数量",
    ("check", "jobs"): "用 N 个进程读取文件（默认 0：每个处理器核心一个）",
    ("check", "fail_on"): "发现这一严重程度或更严重的问题时以状态 1 退出（默认 error）",
    ("check", "timeout"): "读取并检查一个文件的时限，秒（默认 120）；超时的文件记为无法读取",
    ("check", "memory"): "一个读取进程可增加的内存，MB（默认 1024）",
    ("check", "config"): "配置文件 gklint.toml 或 pyproject.toml（默认：从第一个文件所在目录向上查找）",
    ("check", "baseline"): "不显示此基线文件已接受的问题",
    ("check", "write_baseline"): "接受当前全部问题：写入此基线文件",
    ("check", "exit_zero"): "发现问题也以状态 0 退出",
    ("check", "previous"): "同一机关上一年度的报告，用于跨年度核对（不再在本批文件中自动配对）",
    ("check", "quiet"): "不显示进度条，不在标准错误输出提示信息",
    ("extract", "file"): "报告文件",
    ("extract", "output"): "把 JSON 写入此文件（默认：标准输出）",
    ("extract", "with_source"): "保留每个数值在原文件中的位置",
    ("extract", "layout"): "指定格式版本（2019 或 2021），不自动识别",
    ("rules", "lang"): f"输出语言：zh（默认）或 en；也可用环境变量 {LANG_ENV}",
    ("rules", "docs"): "输出每条规则的说明页，Markdown 格式（docs/rules.md）",
    ("explain", "rule_id"): "规则编号，如 T302",
    ("explain", "lang"): f"输出语言：zh（默认）或 en；也可用环境变量 {LANG_ENV}",
    ("explain", "verbose"): "另列规则类型、规则包、示例案例和参数（供编写规则者）",
}

METAVARS = {  # parameter name -> (Chinese, English)
    "files": ("文件或目录...", "FILE_OR_FOLDER..."),
    "file": ("文件", "FILE"),
    "format": ("格式", "FORMAT"),
    "output_file": ("文件", "FILE"),
    "output": ("文件", "FILE"),
    "select": ("规则", "RULES"),
    "ignore": ("规则", "RULES"),
    "lang": ("zh|en", "zh|en"),
    "layout": ("2019|2021", "2019|2021"),
    "jobs": ("N", "N"),
    "fail_on": ("error|warning|info", "error|warning|info"),
    "timeout": ("秒数", "SECONDS"),
    "memory": ("MB", "MB"),
    "config": ("文件", "FILE"),
    "baseline": ("文件", "FILE"),
    "write_baseline": ("文件", "FILE"),
    "previous": ("文件", "FILE"),
    "rule_id": ("规则编号", "RULE"),
}

WORDS = {
    "zh": {"usage": "用法：", "options": "选项", "arguments": "参数", "commands": "命令", "OPTIONS": "[选项]",
           "COMMAND": "命令 [参数]...", "help": "显示本帮助并退出", "required": "必填",
           "try": "运行 {command} --help 查看帮助。", "error": "错误：", "value": "值", "Path": "路径", "int": "整数", "float": "数值"},
    "en": {"usage": "Usage: ", "options": "Options", "arguments": "Arguments", "commands": "Commands",
           "OPTIONS": "[OPTIONS]", "COMMAND": "COMMAND [ARGS]...", "help": "show this help and exit",
           "required": "required", "try": "Run '{command} --help' for help.", "error": "Error: ",
           "value": "VALUE", "Path": "PATH", "int": "N", "float": "NUMBER"},
}


def current() -> str:
    return _current["lang"]


def set_language(lang: str | None) -> None:
    if lang in LANGS:
        _current["lang"] = lang


def say(zh: str, en: str | None = None) -> str:
    """The message in the current language (English when given, else the Chinese)."""
    return en if current() == "en" and en is not None else zh


def language(args: Sequence[str]) -> str:
    """The language before the options are parsed: ``--lang``, else GKLINT_LANG, else the configuration
    found from the current folder, else Chinese."""
    args = list(args)
    for k, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and k + 1 < len(args) and args[k + 1] in LANGS:
            return args[k + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    if os.environ.get(LANG_ENV) in LANGS:
        return os.environ[LANG_ENV]
    from gklint.config_files import find_config

    lang = None
    try:
        found = find_config(os.getcwd())
        if found is not None:  # only then the models that read it (pydantic)
            from gklint.config import load_config

            lang = load_config(found).lang
    except Exception:  # a bad configuration is reported by `check`, not while choosing the help's language
        lang = None
    return lang if lang in LANGS else "zh"


# ----------------------------------------------------------------------------- help pages

def _metavar(param, lang: str) -> str:
    zh = lang == "zh"
    if param.name in METAVARS:
        return METAVARS[param.name][0 if zh else 1]
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and getattr(desc, "is_choice", False) and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    annotation = str(getattr(desc, "annotation", ""))  # e.g. "<class 'pathlib.Path'>", "typing.List[int]"
    for kind in ("Path", "int", "float"):
        if kind in annotation:
            return WORDS[lang][kind]
    return WORDS[lang]["value"]


def _param_help(command: str, param, lang: str) -> str:
    if param.name == "format" and command == "check":
        from gklint import output

        return output.describe(lang)
    if lang == "zh" and (command, param.name) in ZH_HELP:
        return ZH_HELP[(command, param.name)]
    return param.help or ""


def _command_help(command: str, cmd, lang: str) -> str:
    if lang == "zh":
        return ZH_COMMANDS.get(command) or (cmd.help or "")
    return EN_COMMANDS.get(command) or (cmd.help or "")


def _is_flag(param) -> bool:
    return bool(getattr(param, "is_flag", False))


def usage_line(ctx, lang: str) -> str:
    """``gklint check [选项] 文件或目录...``"""
    cmd, words = ctx.command, WORDS[lang]
    pieces = [words["OPTIONS"]]
    if isinstance(cmd, TyperGroup):
        pieces.append(words["COMMAND"])
    for param in cmd.get_params(ctx):
        if param.param_type_name == "argument":
            meta = _metavar(param, lang)
            pieces.append(meta if param.required else f"[{meta}]")
    return f"{words['usage']}{ctx.command_path} {' '.join(pieces)}"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells: Chinese may break between any two
    characters, other words only at spaces."""
    from rich.cells import cell_len

    tokens = re.findall(r" |[\u2e80-\uffff]|[^ \u2e80-\uffff]+", text)
    lines, line = [], ""
    for token in tokens:  # a closing mark stays at the end of its line (it never starts one)
        if line and cell_len(line + token) > width and token not in "，。；：、）》」”":
            lines.append(line.rstrip())
            line = "" if token == " " else token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _rows(rows: list[tuple[str, str]], width: int, indent: int = 2) -> str:
    """A two-column list (an option and its help), aligned in terminal cells, the help wrapped."""
    from rich.cells import cell_len

    first = min(max((cell_len(a) for a, _ in rows), default=0), 30)
    out = []
    for term, text in rows:
        room = max(width - indent - first - 2, 20)
        lines = _wrap(text, room)
        if cell_len(term) > first:  # too long to share a line with its help
            out.append(" " * indent + term)
            out += [" " * (indent + first + 2) + line for line in lines]
            continue
        out.append((" " * indent + term + " " * (first - cell_len(term) + 2) + lines[0]).rstrip())
        out += [" " * (indent + first + 2) + line for line in lines[1:]]
    return "\n".join(out) + "\n"


def help_page(ctx, lang: str) -> str:
    """The whole ``--help`` page of a command or of the group, in ``lang``."""
    import shutil

    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    cmd, words = ctx.command, WORDS[lang]
    name = "" if ctx.parent is None else cmd.name
    out = [usage_line(ctx, lang), ""]
    out += ["  " + line for line in _wrap(_command_help(name, cmd, lang), width - 2)]
    arguments, options = [], []
    for param in cmd.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            extra = f"  [{words['required']}]" if param.required else ""
            arguments.append((_metavar(param, lang), _param_help(name, param, lang) + extra))
        elif param.param_type_name == "option":
            opts = ", ".join(sorted(param.opts, key=len))
            if param.name == "help":
                options.append((opts, words["help"]))
                continue
            if not _is_flag(param):
                opts += f" {_metavar(param, lang)}"
            options.append((opts, _param_help(name, param, lang)))
    sections = [(words["arguments"], arguments), (words["options"], options)]
    if isinstance(cmd, TyperGroup):
        sections.append((words["commands"], [(sub, _command_help(sub, cmd.commands[sub], lang).split("\n")[0])
                                             for sub in cmd.list_commands(ctx)
                                             if not getattr(cmd.commands[sub], "hidden", False)]))
    for title, rows in sections:
        if rows:
            out += ["", f"{title}:" if lang == "en" else f"{title}：", _rows(rows, width).rstrip("\n")]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- usage errors

def _param_name(param, lang: str) -> str:
    if param is None:
        return ""
    if param.param_type_name == "option":
        return max(param.opts, key=len)
    return _metavar(param, lang)


def _choices(param) -> list[str]:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and getattr(desc, "is_choice", False) and desc.choices:
        return [str(getattr(c, "value", c)) for c in desc.choices]
    return []


def error_message(exc: Exception, lang: str) -> str:
    """A usage error in ``lang``: what was wrong, naming the option or argument as the help does."""
    zh = lang == "zh"
    text = getattr(exc, "message", "") or str(exc)
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, _errors.NoSuchOption):
        option = exc.option_name
        near = sorted(exc.possibilities or [])
        if zh:
            return f"没有选项 {option}" + (f"（是否想用：{'、'.join(near)}？）" if near else "")
        return f"no such option: {option}" + (f" (did you mean {', '.join(near)}?)" if near else "")
    if isinstance(exc, _errors.MissingParameter):
        name = _param_name(exc.param, lang)
        kind = getattr(exc.param, "param_type_name", "argument")
        if zh:
            return f"缺少{'参数' if kind == 'argument' else '选项'} {name}"
        return f"missing {kind} {name}"
    if isinstance(exc, _errors.BadParameter):
        name = _param_name(exc.param, lang) if exc.param is not None else ""
        value = re.match(r"^(?:Value error, )?'?(.*?)'? is not", text)
        shown = f" {value.group(1)!r} " if value else ""
        choices = _choices(exc.param)
        limit = _limit(exc.param, zh)
        if zh:
            hint = f"（可选：{'、'.join(choices)}）" if choices else (f"（{limit}）" if limit else "")
            return f"{name} 的值{shown or ''}无效{hint}"
        hint = f" (one of: {', '.join(choices)})" if choices else (f" ({limit})" if limit else "")
        return f"invalid value {shown.strip() + ' ' if shown else ''}for {name}{hint}"
    if isinstance(exc, _errors.BadOptionUsage):
        option = exc.option_name
        if "requires" in text:
            return f"选项 {option} 需要一个值" if zh else f"option {option} needs a value"
        if "does not take" in text:
            return f"选项 {option} 不带值" if zh else f"option {option} takes no value"
        return f"选项 {option} 的用法有误" if zh else f"option {option} is used wrongly"
    if m := re.match(r"No such command '(.*)'", text):
        names = "、".join(ctx.command.list_commands(ctx)) if ctx is not None else ""
        if zh:
            return f"没有命令 {m.group(1)}" + (f"（可用的命令：{names}）" if names else "")
        return f"no such command {m.group(1)!r}" + (f" (commands: {names.replace('、', ', ')})" if names else "")
    if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text):
        return f"多余的参数：{m.group(1)}" if zh else f"unexpected extra arguments: {m.group(1)}"
    if text.startswith("Missing command"):
        return "缺少命令" if zh else "missing command"
    return "命令用法有误" if zh else "wrong usage"


def _limit(param, zh: bool) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is None:
        return f"应不小于 {low}" if zh else f"at least {low}"
    if high is not None and low is None:
        return f"应不大于 {high}" if zh else f"at most {high}"
    if low is not None:
        return f"应在 {low} 与 {high} 之间" if zh else f"between {low} and {high}"
    return ""


def show_usage_error(exc: Exception, lang: str) -> None:
    ctx = getattr(exc, "ctx", None)
    words = WORDS[lang]
    lines = []
    if ctx is not None:
        lines += [usage_line(ctx, lang), words["try"].format(command=ctx.command_path), ""]
    lines.append(f"{words['error']}{error_message(exc, lang)}")
    typer.echo("\n".join(lines), err=True)


# ----------------------------------------------------------------------------- the classes typer builds

class Command(TyperCommand):
    """A command whose help page is ours (in the chosen language)."""

    def get_help(self, ctx) -> str:
        return help_page(ctx, current()).rstrip("\n")

    def get_usage(self, ctx) -> str:
        return usage_line(ctx, current())


class Group(TyperGroup):
    """The ``gklint`` group: chooses the language, then shows help pages and usage errors in it (exit 2)."""

    def get_help(self, ctx) -> str:
        return help_page(ctx, current()).rstrip("\n")

    def get_usage(self, ctx) -> str:
        return usage_line(ctx, current())

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra):
        import sys

        args = list(sys.argv[1:] if args is None else args)
        set_language(language(args))
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except _NoArgsIsHelp as exc:  # `gklint` alone: the help page
            typer.echo(help_page(exc.ctx, current()).rstrip("\n"))
            code = 0
        except _errors.UsageError as exc:
            if not standalone_mode:
                raise
            show_usage_error(exc, current())
            code = 2
        except _errors.ClickException as exc:  # not raised by gklint's options today; in the language anyway
            if not standalone_mode:
                raise
            typer.echo(f"{WORDS[current()]['error']}{exc.format_message()}", err=True)
            code = exc.exit_code
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo(say("已中止", "Aborted"), err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)
