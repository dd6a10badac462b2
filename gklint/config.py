"""Configuration as ruff does it: ``[tool.gklint]`` in ``pyproject.toml``, or a ``gklint.toml`` (its top
level), found upward from the (first) checked file, or named with ``--config``.

    [tool.gklint]
    select = ["T", "N"]            # rule ids or prefixes, as --select
    ignore = ["P102"]
    fail-on = "warning"            # exit 1 from this severity
    format = "terminal"
    lang = "zh"
    level = "department"           # or "aggregate": a local government's own report (deadline 3月31日)
    amount-tolerance = 0.01        # 万元: a fee amount in the text this far from table 二 is rounding
    repeated-threshold = 0.5       # Y103: share of a section repeated from last year's report
    rules = ["rules-local"]        # folders of your own rule packs (relative to this file), added to the run

    [tool.gklint.severity]         # per-rule severity
    P102 = "warning"

    [tool.gklint.deadlines]        # local publication deadlines: "02-20", "2月20日" or "2月底"
    department = "2月20日"

Unknown keys, unknown rule ids and bad values are errors naming the file and the key
(``ConfigError``, a ValueError; exit 2 in the CLI). Options given on the command line (or to
``check_many``) override the file: ``Config.merged``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from gklint.core import lazyre
from gklint.config_files import FILE_NAMES, find_config  # noqa: F401  (part of this module's interface)
from gklint.core.diagnostic import SEVERITIES

LEVELS = ("department", "aggregate")


class ConfigError(ValueError):
    """A configuration file or option that gklint cannot use: names the file and the key (in Chinese; the
    same in English as ``english``, which the CLI prints with ``--lang en``). ``lang`` is the language the
    file itself asks for (its ``lang`` key, when it reads as "zh" or "en"), for the CLI to say the error in
    when neither ``--lang`` nor ``GKLINT_LANG`` chose one."""

    def __init__(self, message: str, english: str | None = None, lang: str | None = None) -> None:
        super().__init__(message)
        self.english = english or message
        self.lang = lang


_DEADLINE = lazyre.compile(r"^\s*(?:(\d{1,2})-(\d{1,2}|end)|(\d{1,2})月(?:(\d{1,2})日|(底)))\s*$")


def parse_deadline(text: str) -> str:
    """"02-20", "2月20日", "2月底" → "02-20", "02-20", "02-end"."""
    m = _DEADLINE.match(str(text))
    if not m:
        raise ValueError(f"期限 {text!r} 应写作 \"02-20\"、\"2月20日\" 或 \"2月底\"")
    month = int(m.group(1) or m.group(3))
    day = m.group(2) or m.group(4) or "end"
    if m.group(5):
        day = "end"
    if not 1 <= month <= 12 or (day != "end" and not 1 <= int(day) <= 31):
        raise ValueError(f"期限 {text!r} 不是有效的月日")
    return f"{month:02d}-{day if day == 'end' else f'{int(day):02d}'}"


class Deadlines(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: Optional[str] = None
    aggregate: Optional[str] = None

    @field_validator("department", "aggregate")
    @classmethod
    def _date(cls, value):
        return None if value is None else parse_deadline(value)


def _hyphen(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """gklint's settings; every field optional (None: the default, or what the command line says)."""

    model_config = ConfigDict(extra="forbid", alias_generator=_hyphen, populate_by_name=True, frozen=True)

    select: Optional[list[str]] = None
    ignore: Optional[list[str]] = None
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    fail_on: Optional[Literal["error", "warning", "info"]] = None
    format: Optional[str] = None
    lang: Optional[Literal["zh", "en"]] = None
    level: Optional[Literal["department", "aggregate"]] = None
    deadlines: Deadlines = Field(default_factory=Deadlines)
    amount_tolerance: Optional[float] = Field(default=None, ge=0)
    repeated_threshold: Optional[float] = Field(default=None, gt=0, lt=1)
    # folders of the user's own rule packs (gklint rules --check DIR), added to the built-in ones
    packs: Optional[list[str]] = Field(default=None, alias="rules")
    path: Optional[str] = Field(default=None, exclude=True)  # the file it was read from

    def merged(self, **given) -> "Config":
        """This configuration with the options ``given`` (not None) taking precedence."""
        data = self.model_dump(by_alias=False, exclude={"path"})
        data.update({k: v for k, v in given.items() if v is not None})
        return _validate(data, self.path or "<options>")

    def rules(self, rules=None) -> tuple:
        """The rules to run: selected and ignored, with the configured severities, deadlines and tolerance."""
        from gklint.engine.rules import select

        rules = rules or self.load_rules()
        check_rule_ids(rules, self.select or [], self.path, "select")
        check_rule_ids(rules, self.ignore or [], self.path, "ignore")
        check_rule_ids(rules, list(self.severity), self.path, "severity", exact=True)
        out = []
        for rule in select(rules, list(self.select or []), list(self.ignore or [])):
            changes: dict = {}
            if rule.id in self.severity or rule.name in self.severity:
                changes["severity"] = self.severity.get(rule.id) or self.severity[rule.name]
            params = dict(rule.params)
            if rule.kind == "date" and params.get("check") == "late_publication":
                if self.deadlines.department:
                    params["department_deadline"] = self.deadlines.department
                if self.deadlines.aggregate:
                    params["aggregate_deadline"] = self.deadlines.aggregate
            if self.amount_tolerance is not None and params.get("claims"):
                params["claims"] = [dict(c, tolerance=self.amount_tolerance) if c.get("amount") else c
                                    for c in params["claims"]]
            if params != rule.params:
                changes["params"] = params
            out.append(dataclasses.replace(rule, **changes) if changes else rule)
        return tuple(out)

    def load_rules(self) -> tuple:
        """The built-in rules and those of the configured packs (``rules``); a bad pack is a ConfigError."""
        from gklint.engine.rules import RuleError, load_rules

        try:
            return load_rules(packs=tuple(self.packs or ()))
        except RuleError as exc:
            place = f"{self.path}: " if self.path else ""
            raise ConfigError(f"{place}rules 中的规则包有误：{exc}", f"{place}a rule pack in rules is wrong: {exc}") from None

    def settings(self) -> dict:
        """The run settings the rules read (gklint/engine/kinds)."""
        out: dict = {}
        if self.level is not None:
            out["aggregate"] = self.level == "aggregate"
        if self.repeated_threshold is not None:
            out["repeated_threshold"] = self.repeated_threshold
        return out

    def options(self, rules=None) -> dict:
        """Keyword arguments for ``gklint.check_many`` / ``gklint.check``."""
        return {"rules": self.rules(rules), "lang": self.lang or "zh", "settings": self.settings()}


def check_rule_ids(rules, patterns: list[str], where: str | None = None, key: str = "select",
                   exact: bool = False) -> None:
    """Raise ConfigError naming the first pattern that matches no rule (id, id prefix or name)."""
    for p in patterns:
        if not any(r.id == p or r.name == p or (not exact and r.id.startswith(p)) for r in rules):
            place = f"{where}: " if where else ""
            raise ConfigError(f"{place}{key} 中没有这样的规则：{p}（gklint rules 列出全部规则）",
                              f"{place}no such rule in {key}: {p} (gklint rules lists them all)")


def _validate(data: dict, where: str) -> Config:
    try:
        return Config.model_validate(data).model_copy(update={"path": where})
    except ValidationError as exc:
        raise ConfigError(_explain(exc, where), _explain(exc, where, "en")) from None


def _explain(exc: ValidationError, where: str, lang: str = "zh") -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            lines.append(f"{where}: 未知的配置项 {key!r}" if lang != "en" else f"{where}: unknown key {key!r}")
        elif lang != "en":
            lines.append(f"{where}: 配置项 {key!r} 的值无效（{_why(err)}）")
        else:
            lines.append(f"{where}: invalid value for {key!r} ({_why(err, 'en')})")
    return ("；" if lang != "en" else "; ").join(lines)


def _why(err: dict, lang: str = "zh") -> str:
    """Why a value is invalid, in gklint's words (never pydantic's English)."""
    zh = lang != "en"
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if not choices:
            return "不是可选的值" if zh else "not one of the choices"
        return "可选：" + "、".join(choices) if zh else "one of: " + ", ".join(choices)
    if kind == "value_error":  # the deadlines' own check (parse_deadline), which says it in Chinese
        if not zh:
            return 'a month and day, written "02-20", "2月20日" or "2月底"'
        return str(ctx.get("error", "")) or "值不对"
    bounds = {"less_than": ("应小于 {lt}", "must be less than {lt}"),
              "less_than_equal": ("应不大于 {le}", "must be at most {le}"),
              "greater_than": ("应大于 {gt}", "must be more than {gt}"),
              "greater_than_equal": ("应不小于 {ge}", "must be at least {ge}")}
    if kind in bounds:
        values = {k: (f"{v:g}" if isinstance(v, (int, float)) else v) for k, v in ctx.items()}
        return bounds[kind][0 if zh else 1].format(**values)
    types = {"float": ("应是数字", "must be a number"), "int": ("应是整数", "must be a whole number"),
             "list": ("应是列表，如 [\"T3\"]", "must be a list, such as [\"T3\"]"),
             "string": ("应是字符串", "must be a string"), "dict": ("应是一个表", "must be a table"),
             "bool": ("应是 true 或 false", "must be true or false"), "model": ("应是一个表", "must be a table")}
    for prefix, text in types.items():
        if kind.startswith(prefix):
            return text[0 if zh else 1]
    return "值的类型不对" if zh else "wrong type of value"


def load_config(path: str | os.PathLike) -> Config:
    """Read a ``gklint.toml`` (its top level) or a ``pyproject.toml`` (its ``[tool.gklint]``)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: 配置文件不存在", f"{path}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc.strerror or exc}",
                          f"{path}: cannot read the configuration file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 不是有效的TOML（{exc}）", f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("gklint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.gklint] 应是一个表", f"{path}: [tool.gklint] must be a table")
    try:
        config = _validate(data, str(path))
        if config.packs:  # folders named relative to the configuration file
            config = config.model_copy(update={"packs": [str(path.parent / p) for p in config.packs]})
        config.rules()  # unknown rule ids are errors of the file
    except ConfigError as exc:
        exc.lang = data.get("lang") if data.get("lang") in ("zh", "en") else None
        raise
    return config


def discover(first_file: str | os.PathLike | None, explicit: str | os.PathLike | None = None) -> Config:
    """The configuration named explicitly, else the one found upward from ``first_file``, else defaults."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(first_file) if first_file is not None else None
    return load_config(found) if found is not None else Config()
