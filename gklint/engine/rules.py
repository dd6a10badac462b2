"""Rule packs: YAML files in the top-level ``rules/`` folder, loaded into typed ``Rule`` objects.

A rule is data: id, kind, severity, title, message templates and docs, plus parameters that
its kind's evaluator reads. Nothing in a rule is ever evaluated as code; message templates are
filled with named values by ``gklint.core.template.fill``.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from gklint.core.cache import cache_dir, cached, keep
from gklint.core.diagnostic import SEVERITIES, Diagnostic, Location
from gklint.engine.kinds import KINDS, prepare
from gklint.layouts import YAMLError, cached_yaml, parse_yaml, yaml_version
from gklint.core.numbers import show_number
from gklint.core.template import choose, fill, own_json_values

DOC_KEYS = ("what", "why", "example", "fix")


class RuleError(ValueError):
    """A rule pack is malformed: names the file and the rule."""


@dataclass(frozen=True, eq=False)  # identity semantics: rules are loaded once and cached by identity
class Rule:
    """One rule of a pack, as its YAML declares it (``parse_rule``)."""

    id: str
    name: str
    kind: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    docs: dict[str, dict[str, str]]  # what / why / example / fix, each a {zh, en} mapping like title and message
    params: dict = field(default_factory=dict)
    layouts: tuple[str, ...] = ()  # empty: every layout
    pack: str = ""
    # what its kind's evaluator works out from ``params`` (``kinds.kept_per_rule``: a narrative rule's parsed
    # claims), kept with the rule once worked out: in the loaded rules kept in the cache as well (``load_folder``);
    # a copy of the rule with other parameters (``dataclasses.replace``) starts without it
    derived: dict = field(default_factory=dict, init=False, repr=False)

    def applies_to(self, layout: str | None) -> bool:
        return not self.layouts or layout in self.layouts

    def text(self, field_name: str, lang: str) -> str:
        return choose(getattr(self, field_name), lang)

    def doc(self, key: str, lang: str = "zh") -> str:
        """The ``key`` part of the rule's docs (what, why, example or fix) in ``lang``, else in Chinese."""
        return choose(self.docs[key], lang)

    def docs_in(self, lang: str = "zh") -> dict[str, str]:
        """The rule's docs in ``lang`` (each part in Chinese where it has no ``lang`` text)."""
        return {key: self.doc(key, lang) for key in self.docs}

    def diagnostic(self, lang: str, location=None, *, expected=None, found=None, parts=(), severity=None,
                   values: dict | None = None, template: str = "message", **more):
        """A Diagnostic of this rule: its id, severity (unless a lower one is given) and title, and the
        message filled with ``expected``, ``found`` and the named ``values`` (which may override how those
        two are shown)."""
        merged = {"expected": show_number(expected), "found": show_number(found)}
        if values:
            merged.update(values)
        if more:
            merged.update(more)
        shown = own_json_values(merged)
        return Diagnostic(rule=self.id, severity=severity or self.severity, title=choose(self.title, lang),
                          message=self._filled(lang, template, shown), location=location or Location(),
                          expected=expected, found=found, parts=list(parts), values=shown, template=template)

    def render(self, lang: str = "zh", template: str = "message", **values) -> str:
        """The message (or another template the rule declares, such as ``message_row``) with its named
        values filled in; unknown names stay as written."""
        return self._filled(lang, template, values)

    def _filled(self, lang: str, template: str, values: dict) -> str:
        texts = self.message if template == "message" else _template(self, template)
        return fill(choose(texts, lang), values, lang)


@lru_cache(maxsize=1024)
def _template(rule: Rule, template: str) -> dict[str, str]:
    """The texts of another of ``rule``'s templates (``message_row``, say), read once per rule (by identity)."""
    return _texts(rule.params[template], rule.id, template)


def rules_dir() -> Path:
    """The rule packs: inside the installed package, or the repository's top-level rules/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    raise RuleError(f"{here} 旁没有规则包")


def _texts(value, where: str, key: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and "zh" in value:
        return dict(value)
    raise RuleError(f"{where}: {key}: 应为文字，或至少含 zh 的语言映射")


COMMON = ("id", "name", "kind", "severity", "title", "message", "docs", "layouts")


def parse_rule(data: dict, pack: str, checked: bool = True) -> Rule:
    """A rule from its YAML mapping, its parameters checked against its kind's model and the layouts it
    applies to (``checked=False``: its form only, see ``load_rules``); a RuleError names the pack, the rule
    and the field."""
    if not isinstance(data, dict):
        raise RuleError(f"{pack}: 每条规则应是一个映射，而不是 {type(data).__name__}")
    where = f"{pack}: 规则 {data.get('id', '?')}"
    for key in ("id", "name", "kind", "severity", "title", "message", "docs"):
        if key not in data:
            raise RuleError(f"{where}: {key}: 缺少此项")
    if data["kind"] not in KINDS:
        raise RuleError(f"{where}: kind: 未知的规则类型 {data['kind']!r}（可选：{', '.join(KINDS)}）")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{where}: severity: 应为 {', '.join(SEVERITIES)} 之一")
    docs = _texts(data["docs"], where, "docs") if isinstance(data["docs"], str) else data["docs"]
    if not isinstance(docs, dict):
        raise RuleError(f"{where}: docs: 应是含 what、why、example、fix 的映射")
    missing = [k for k in DOC_KEYS if not docs.get(k)]
    if missing:
        raise RuleError(f"{where}: docs.{missing[0]}: 缺少此项（docs 须有 {', '.join(DOC_KEYS)}）")
    layouts = data.get("layouts", ())
    if not isinstance(layouts, (list, tuple)):
        raise RuleError(f"{where}: layouts: 应是格式版本的列表")
    rule = Rule(
        id=str(data["id"]), name=str(data["name"]), kind=data["kind"], severity=data["severity"],
        title=_texts(data["title"], where, "title"), message=_texts(data["message"], where, "message"),
        docs={k: {lang: text.strip() for lang, text in _texts(v, where, f"docs.{k}").items()}
              for k, v in docs.items()},
        params={k: v for k, v in data.items() if k not in COMMON},
        layouts=tuple(str(v) for v in layouts), pack=pack)
    if checked:
        check_rule(rule)
    return rule


def check_rule(rule: Rule) -> None:
    """Check a rule's parameters (its kind's model), check name, template placeholders and the row,
    column and cell ids it names in the layouts it applies to; a RuleError names pack, rule and field."""
    from pydantic import ValidationError

    from gklint import layouts as L

    where = f"{rule.pack}: 规则 {rule.id}"
    kind = KINDS[rule.kind]
    try:
        kind.params.model_validate(rule.params)
    except ValidationError as exc:
        err = exc.errors()[0]
        field_name = _loc(err["loc"])
        if err["type"] == "extra_forbidden":
            raise RuleError(f"{where}: {field_name}: {rule.kind} 类规则没有这个参数"
                            f"（可用：{', '.join(k for k in kind.params.model_fields if k != 'cases')}）") from None
        if err["type"] == "missing":
            raise RuleError(f"{where}: {field_name}: 缺少此参数（{rule.kind} 类规则必须有）") from None
        if err["type"] == "literal_error":
            raise RuleError(f"{where}: {field_name}: 取值 {err['input']!r} 无效（可选：{err['ctx']['expected'].replace(' or ', ', ')}）") from None
        if err["type"] == "value_error":
            raise RuleError(f"{where}: {field_name or '参数'}: {err['ctx']['error']}") from None
        raise RuleError(f"{where}: {field_name or '参数'}: 取值无效（{err['msg']}）") from None
    supplied = kind.placeholders(rule.params)
    if supplied is None:
        raise RuleError(f"{where}: {kind.variant}: 未知的 {rule.kind} 检查项 {rule.params.get(kind.variant)!r}"
                        f"（可选：{', '.join(kind.checks)}）")
    check = rule.params.get("check")
    for key, groups in getattr(kind.params, "needs", {}).get(check, {}).items():
        if not rule.params.get(key):
            raise RuleError(f"{where}: {key}: 缺少此参数（{rule.kind} 检查项 {check} 必须有）")
        if groups and (lacking := [g for g in groups if g not in re.compile(rule.params[key]).groupindex]):
            raise RuleError(f"{where}: {key}: 正则表达式缺少命名组 (?P<{lacking[0]}>…)，"
                            f"{rule.kind} 检查项 {check} 要读取它")
    templates = [("message", rule.message)] + [(k, v) for k, v in rule.params.items() if k.startswith("message_")]
    for key, texts in templates:
        for lang, text in (texts.items() if isinstance(texts, dict) else [("zh", texts)]):
            unknown = sorted(_names(text, where, f"{key}.{lang}") - supplied)
            if unknown:
                raise RuleError(f"{where}: {key}.{lang}: 占位符 {{{unknown[0]}}} 不会被填写："
                                f"{rule.kind} 类规则{_check_named(kind, rule)}只填写 {', '.join(sorted(supplied))}")
    for lang, text in rule.title.items():
        if _names(text, where, f"title.{lang}"):
            raise RuleError(f"{where}: title.{lang}: 标题不填写占位符：{text!r}")
    known = L.layouts()
    for version in rule.layouts:
        if version not in known:
            raise RuleError(f"{where}: layouts: 未知的格式版本 {version!r}（可选：{', '.join(known)}）")
    refs = getattr(importlib.import_module(kind.module), "check_refs", None)
    if refs is not None:
        applied = [known[v] for v in (rule.layouts or known)]
        for field_name, problem in refs(rule, applied):
            raise RuleError(f"{where}: {field_name}: {problem}")


_TYPE_TAGS = {"str", "int", "float", "bool", "list", "dict", "none"}


def _loc(loc) -> str:
    """('claims', 5, 'readings', 0, 'Label', 'label', 'str') -> claims[5].readings[0].label (pydantic names
    the members of a union it tried; those are not fields)."""
    out = ""
    for part in loc:
        if isinstance(part, str) and (part in _TYPE_TAGS or not re.fullmatch(r"[a-z_][a-z0-9_]*", part)):
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _names(text: str, where: str, key: str) -> set[str]:
    from gklint.engine.params import placeholders

    try:
        return placeholders(text)
    except ValueError as exc:
        raise RuleError(f"{where}: {key}: {exc}") from None


def _check_named(kind, rule: Rule) -> str:
    return f"（{kind.variant} {rule.params.get(kind.variant)}）" if kind.variant and rule.params.get(kind.variant) else ""


def load_pack(path: Path, name: str | None = None, checked: bool = True, cached: bool = False) -> list[Rule]:
    """The rules of one pack; ``name`` is how errors and docs call it (default: the file's name).
    ``cached``: its parsed YAML may come from (and go to) the cache of parsed packs (``pack_data``)."""
    name = name or path.name
    try:
        raw = path.read_bytes()
        data = pack_data(raw, name) if cached else parse_yaml(raw)
    except YAMLError as exc:
        raise RuleError(f"{name}: 不是有效的YAML：{exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: 无法读取：{exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{name}: 应是含 rules 列表的映射")
    return [parse_rule(item, name, checked) for item in data["rules"]]


# ----------------------------------------------------------------------------- the cache
#
# Parsing the built-in packs' YAML (with their test cases) is a good part of a cold start, and so is
# building every parameter model to know whether the packs pass their check. What the first gives depends
# only on the pack's bytes (and PyYAML); whether the packs pass, only on their bytes and gklint's code (and
# the versions of Python, pydantic and PyYAML), and so do the rules of packs that passed. All three are kept
# in the user's cache folder (``gklint.core.cache``). ``gklint rules --check DIR`` always checks whole.


def pack_data(raw: bytes, name: str):
    """The YAML ``raw`` parsed: from the cache when it holds these very bytes, else parsed (and kept)."""
    return cached_yaml(f"rules-{name}", raw)


def load_folder(folder: Path, names=lambda path: path.name, checked: bool = True,
                remembered: bool = False) -> tuple[Rule, ...]:
    """Every rule of the packs (``*.yaml``) in one folder, sorted by id; ids are unique. The built-in
    folder's parsed packs are cached (``pack_data``). ``remembered``: the built-in packs are not checked
    again when these very packs passed the check with this very code before (``checked_key``), and their
    rules are those kept from then."""
    if not folder.is_dir():
        raise RuleError(f"{folder}: 规则包文件夹不存在")
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise RuleError(f"{folder}: 文件夹中没有规则包（*.yaml）")
    builtin = _is_builtin(folder)
    key = checked_key(paths) if checked and remembered and builtin else None
    cache = cache_dir() if key else None
    stamp = cache / "rules-checked" if cache else None
    if stamp is not None and _read(stamp) == key.encode():  # passed: what it loads depends on the key only
        return cached("rules-loaded", [key.encode()], lambda: _prepared(_load_packs(paths, names, False, builtin)))
    rules = _load_packs(paths, names, checked, builtin)
    if stamp is not None:
        keep(stamp, key.encode())
    return rules


def _load_packs(paths: list[Path], names, checked: bool, builtin: bool) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for path in paths:
        for rule in load_pack(path, names(path), checked, cached=builtin):
            if rule.id in rules:
                raise RuleError(f"{rule.pack}: 规则 {rule.id}: id: 编号已在 {rules[rule.id].pack} 中使用")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def _prepared(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """``rules``, each with what its kind's evaluator works out from its parameters (``Rule.derived``,
    ``kinds.prepare``) worked out now: kept with them in the cache, a cold run need not work it out again (what
    it gives depends only on the rule and gklint's code: ``checked_key``)."""
    for rule in rules:
        prepare(rule)
    return rules


def checked_key(paths: list[Path]) -> str | None:
    """What the check of the built-in packs depends on, hashed: the packs' bytes, the bytes of every module
    and layout of gklint (the parameter models, the kinds' table, the evaluators' ``check_refs``, the
    layouts), and the versions of Python, pydantic and PyYAML. None when gklint's source cannot be read."""
    import hashlib
    import sys

    import pydantic

    digest = hashlib.sha256(b"gklint checked rule packs 2\0")
    digest.update("\0".join([sys.version, pydantic.VERSION, yaml_version()]).encode())
    try:
        files = [(path.name, str(path), path.stat()) for path in paths]
        root = Path(__file__).resolve().parent.parent  # the gklint package
        sources = _sources(str(root), "")
        if not any(name.endswith(".py") for name, _, _ in sources):
            return None
        digest.update(_files_digest(files + sources))
    except OSError:
        return None
    return digest.hexdigest()


_RACY_NS = 2_000_000_000  # a file changed this recently is not known by its stat (one clock tick may hold two writes)


def _files_digest(files: list[tuple[str, str, os.stat_result]]) -> bytes:
    """The hash of the names and bytes of ``files`` ((name, path, stat)). Reading them (gklint's source, about
    a megabyte) is most of what ``checked_key`` costs, so the hash is kept (``cached``) under each file's size,
    modification and change times (ns), inode and device: any write of a file sets its change time to the
    clock, which no program can set back, and replacing or moving it changes the inode, so the hash is read
    again. As with git's racy index entries, a file changed in the last two seconds (a second write within the
    clock's tick could leave its stat as it was) is not trusted by its stat: the files are read, nothing kept."""
    import hashlib
    import time

    def read() -> bytes:
        digest = hashlib.sha256()
        for name, path, _ in files:
            with open(path, "rb") as f:
                digest.update(name.encode() + b"\0" + f.read() + b"\0")
        return digest.digest()

    stats = "\n".join(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\0{st.st_dev}"
                      for name, _, st in files)
    if max(max(st.st_mtime_ns, st.st_ctime_ns) for _, _, st in files) > time.time_ns() - _RACY_NS:
        return read()
    return cached("rules-sources", [stats.encode()], read)


def _sources(folder: str, prefix: str) -> list[tuple[str, str, os.stat_result]]:
    """(name below the package, path, stat) of each module and YAML file in ``folder`` and the folders below it
    (but ``__pycache__``), by name."""
    out = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    out += _sources(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".py", ".yaml")):
                out.append((prefix + entry.name, entry.path, entry.stat()))
    return out


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _is_builtin(folder: Path) -> bool:
    try:
        return folder.resolve() == rules_dir().resolve()
    except RuleError:
        return False


def load_user_packs(folder: str | Path, builtin: tuple[Rule, ...] | None = None) -> tuple[Rule, ...]:
    """The rules of a folder of the user's own packs (named by their paths): they load, and their ids
    are new (a user pack cannot redefine a built-in rule)."""
    folder = Path(folder)
    if folder.resolve() == rules_dir().resolve():
        return ()
    rules = load_folder(folder, names=str)
    taken = {r.id: r for r in (builtin if builtin is not None else load_rules())}
    taken_names = {r.name: r for r in taken.values()}
    for rule in rules:
        if rule.id in taken:
            raise RuleError(f"{rule.pack}: 规则 {rule.id}: id: 与自带规则重复（{taken[rule.id].pack}），"
                            f"自己的规则包不能重新定义已有规则")
        if rule.name in taken_names:
            raise RuleError(f"{rule.pack}: 规则 {rule.id}: name: {rule.name!r} 已是自带规则 "
                            f"{taken_names[rule.name].id} 的名称")
    return rules


def check_folder(folder: str | Path) -> tuple[Rule, ...]:
    """Load a folder of rule packs as ``gklint rules --check`` does: the built-in folder by itself, any
    other as the user's own packs beside the built-in ones. Raises RuleError naming pack, rule, field."""
    folder = Path(folder)
    if folder.is_dir() and folder.resolve() == rules_dir().resolve():
        return load_folder(folder)
    return load_user_packs(folder)


@cache
def load_rules(directory: str | None = None, packs: tuple[str, ...] = (), checked: bool = True) -> tuple[Rule, ...]:
    """Every rule of every pack, sorted by id; ids are unique. ``packs``: folders of the user's own
    packs, added to those of ``directory`` (default: the built-in ones).

    ``checked=False`` (``gklint rules``, ``explain``): the rules of ``directory`` are checked for their
    form only (the keys every rule has, its kind, severity and docs), not their parameters against their
    kind's model nor the layouts, which needs pydantic and every evaluator; the built-in packs are checked
    whole by the tests (tests/test_rule_schema.py), by ``gklint rules --check`` and by every run. The
    user's own ``packs`` are always checked whole."""
    rules = load_folder(Path(directory) if directory else rules_dir(), checked=checked, remembered=True)
    for folder in packs:
        more = load_user_packs(folder, rules)
        rules = tuple(sorted(rules + more, key=lambda r: r.id))
    return rules


def describe_params(rule: Rule, lang: str = "zh") -> list[tuple[str, str, str]]:
    """(key, value shown briefly, what it is) for each parameter the rule sets, in its kind's order."""
    out = []
    for key, (zh, en) in param_docs(KINDS[rule.kind].model).items():
        if key == "cases" or key not in rule.params:
            continue
        out.append((key, _brief(rule.params[key], lang), zh if lang == "zh" else en))
    return out


@cache
def param_docs(model: str) -> dict[str, tuple[str, str]]:
    """field -> (what it is in Chinese, in English) of a parameter model of ``gklint.engine.params``, in
    the model's order: as pydantic has them when the models are loaded, else read from the module's source
    (``gklint explain`` need not import pydantic and build every model for one page; the two readings are
    the same, tests/test_rule_schema.py)."""
    import sys

    if "gklint.engine.params" not in sys.modules:
        try:
            source = (Path(__file__).parent / "params.py").read_bytes()
            table = cached("params-docs", [sys.version.encode(), source], lambda: _all_param_docs(source))
            return table[model]
        except Exception:  # no source beside the module, or written in a way the reading below does not know
            pass
    return model_param_docs(model)


def _all_param_docs(source: bytes) -> dict[str, dict[str, tuple[str, str]]]:
    """``param_docs`` of every kind's model, read from the source of gklint/engine/params.py."""
    classes = _params_classes(source)
    return {kind.model: _param_docs_from_source(kind.model, classes) for kind in KINDS.values()}


def model_param_docs(model: str) -> dict[str, tuple[str, str]]:
    """``param_docs`` as the pydantic model has them."""
    from gklint.engine import params

    out = {}
    for key, info in getattr(params, model).model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        out[key] = (str(extra.get("zh") or info.description or ""), str(info.description or ""))
    return out


def _param_docs_from_source(model: str, classes: dict | None = None) -> dict[str, tuple[str, str]]:
    """``param_docs`` read from gklint/engine/params.py: each class's annotated fields after those of its
    bases (as pydantic orders them), the texts of their ``doc(default, zh, en)`` or ``Field(description=)``."""
    import ast

    if classes is None:
        classes = _params_classes((Path(__file__).parent / "params.py").read_bytes())

    def text(node) -> str:
        value = ast.literal_eval(node)
        if not isinstance(value, str):
            raise ValueError(f"not a text: {value!r}")
        return value

    def fields(name: str) -> dict[str, tuple[str, str]]:
        node = classes[name]
        out: dict[str, tuple[str, str]] = {}
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in classes:
                out.update(fields(base.id))
            elif not (isinstance(base, ast.Name) and base.id == "BaseModel"):
                raise ValueError(f"{name}: a base the reading does not know")
        for item in node.body:
            if not isinstance(item, ast.AnnAssign) or not isinstance(item.target, ast.Name):
                continue
            ann = item.annotation
            if isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name) and ann.value.id == "ClassVar":
                continue
            if item.target.id.startswith("_") or item.target.id == "model_config":
                continue
            zh = en = ""
            call = item.value
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "doc":
                given = dict(zip(("default", "zh", "en"), call.args)) | {k.arg: k.value for k in call.keywords}
                zh, en = (text(given[k]) if k in given else "" for k in ("zh", "en"))
            elif isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "Field":
                given = {k.arg: k.value for k in call.keywords}
                if "json_schema_extra" in given:
                    raise ValueError(f"{name}.{item.target.id}: Field(json_schema_extra=)")
                en = text(given["description"]) if "description" in given else ""
                zh = en
            out[item.target.id] = (zh or en, en)
        return out

    return fields(model)


def _params_classes(source: bytes) -> dict:
    """The classes of gklint/engine/params.py as its syntax tree has them."""
    import ast

    tree = ast.parse(source)
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _brief(value, lang: str, width: int = 60) -> str:
    if isinstance(value, dict) and value and set(value) <= {"zh", "en"}:
        value = value.get(lang) or value.get("zh")
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            shown = ", ".join(str(v) for v in value[:6])
            more = len(value) - 6
            text = f"[{shown}{'' if more <= 0 else (f', …共{len(value)}项' if lang == 'zh' else f', … {len(value)} in all')}]"
        else:
            names = [str(v.get("name")) for v in value if isinstance(v, dict) and v.get("name")]
            text = (f"{len(value)}项" if lang == "zh" else f"{len(value)} items") + (
                f"：{', '.join(names)}" if lang == "zh" and names else f": {', '.join(names)}" if names else "")
    elif isinstance(value, dict):
        text = (", " if lang != "zh" else "、").join(str(k) for k in value)
        text = f"{{{text}}}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def select(rules: tuple[Rule, ...], select: list[str] | None = None,
           ignore: list[str] | None = None) -> tuple[Rule, ...]:
    """ruff-style selection: ids or id prefixes ("T3" selects T301, T302…); ignore wins."""
    def hit(rule: Rule, patterns: list[str]) -> bool:
        return any(rule.id == p or rule.id.startswith(p) or rule.name == p for p in patterns)

    chosen = [r for r in rules if not select or hit(r, select)]
    return tuple(r for r in chosen if not ignore or not hit(r, ignore))


def find(rule_id: str, rules: tuple[Rule, ...] | None = None) -> Rule | None:
    for rule in rules or load_rules():
        if rule.id == rule_id.upper() or rule.name == rule_id:
            return rule
    return None
