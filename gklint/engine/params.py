"""The parameters of each rule kind, as typed pydantic models checked when the rule packs load.

A rule's YAML keys beyond the common ones (id, name, kind, severity, title, message, docs, layouts) are
its parameters, read by its kind's evaluator. Each kind has one model here: a misspelt key, a value of
the wrong type, a regular expression that does not compile or a template with a ``{placeholder}`` that
its filler never supplies is an error of the pack when it loads, not a surprise when the rule runs.
What depends on the layouts (row and column ids, cells) is checked by ``gklint.engine.rules`` after
the model (``check_layout_refs``). The table of kinds is ``gklint.engine.kinds.KINDS``.

Every field carries a short description in Chinese and English (``doc``): the rule pages list them
(``gklint explain``, docs/rules.md).
"""

from __future__ import annotations

import datetime
import re
import string
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

Severity = Literal["error", "warning", "info"]


def doc(default: Any = None, zh: str = "", en: str = "", **kw) -> Any:
    """A field with its description in both languages (shown on the rule's page)."""
    return Field(default, description=en, json_schema_extra={"zh": zh}, **kw)


def placeholders(text: str) -> set[str]:
    """The names a template fills: ``{year}`` and ``{x.attr}`` give year and x; ``{{`` is a brace."""
    names = set()
    try:
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None:
                names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"模板 {text!r} 的花括号不成对（{exc}）") from None
    return names


def text_values(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


def _texts(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "zh" in value and all(isinstance(v, str) for v in value.values()):
        return value
    raise ValueError("应为文字，或至少含 zh 的语言映射")


def template(*names: str):
    """Text (or {zh, en}) whose ``{placeholders}`` must be among ``names``."""
    allowed = set(names)

    def check(value):
        value = _texts(value)
        for text in text_values(value):
            unknown = placeholders(text) - allowed
            if unknown:
                known = ", ".join(sorted(allowed)) or "无"
                raise ValueError(f"占位符 {{{sorted(unknown)[0]}}} 不会被填写（此处只填写：{known}）")
        return value

    return Annotated[Union[str, dict[str, str]], AfterValidator(check)]


Texts = template()  # plain text: no placeholder is filled
# another message of the rule: filled like ``message``, its placeholders checked by the loader
Message = Annotated[Union[str, dict[str, str]], AfterValidator(_texts)]


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"正则表达式 {value!r} 有误：{exc}") from None
    return value


Regex = Annotated[str, AfterValidator(_regex)]


def regex_with(*groups: str):
    """A regular expression with these named groups (the evaluator reads them)."""
    def check(value: str) -> str:
        missing = [g for g in groups if g not in re.compile(_regex(value)).groupindex]
        if missing:
            raise ValueError(f"正则表达式 {value!r} 缺少命名组 (?P<{missing[0]}>…)")
        return value

    return Annotated[str, AfterValidator(check)]


def _month_day(value) -> str:
    if not re.fullmatch(r"(0?[1-9]|1[0-2])-(\d{1,2}|end)", str(value)):
        raise ValueError(f"{value!r} 不是月-日（如 \"01-31\"、\"02-end\"）")
    return str(value)


MonthDay = Annotated[str, AfterValidator(_month_day)]


def _cell(value: str) -> str:
    if len(str(value).split(".")) != 3:
        raise ValueError(f"单元格 {value!r} 应写作 表.行.列")
    return str(value)


Cell = Annotated[str, AfterValidator(_cell)]


class Params(BaseModel):
    """What every kind accepts: its own keys, plus the rule's test cases (an opaque list)."""

    model_config = ConfigDict(extra="forbid")

    cases: Optional[list] = doc(None, "规则的测试用例（tests 运行）", "the rule's test cases (run by the tests)")


class Checked(Params):
    check: str = doc(..., "检查项（该类型的哪一项检查）", "which check of the kind the rule runs")

    # check -> the parameters it cannot do without, each with the named groups its regular expression needs
    # (None: not a regular expression); the loader says which is missing
    needs: ClassVar[dict[str, dict[str, Optional[tuple[str, ...]]]]] = {}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- table kinds

class Uncertain(Strict):
    severity: Severity = "warning"
    note: template("doubt") = {"zh": ""}


class Blank(Strict):
    severity: Severity = "warning"
    note: template("cell", "count", "what") = {"zh": ""}
    note_one: Optional[template("cell", "count", "what")] = None


class IdentityParams(Params):
    table: str = doc(..., "表（二、三、四）", "the table (二, 三, 四)")
    over: Literal["columns", "rows"] = doc("rows", "columns：左右两边为行，在每一列成立；rows：左右两边为列，在每一行成立",
                                           "columns: left/right name rows, the identity holds in every column; "
                                           "rows: they name columns, in every row")
    left: list[str] = doc(..., "等式左边（行或列的 id、role:x、-id 表示减去）", "left side: row or column ids, role:x, -id")
    right: list[str] = doc(..., "等式右边", "right side")
    anchor: Optional[str] = doc(None, "不成立时指出的行或列", "the row or column a failure is reported at")
    rows: Optional[list[str]] = doc(None, "只在这些行检查（over: rows）", "only these rows (over: rows)")
    columns: Optional[list[str]] = doc(None, "只在这些列检查（over: columns）", "only these columns (over: columns)")
    tolerance: float = doc(0, "允许的差额", "difference tolerated", ge=0)
    uncertain: Optional[Uncertain] = doc(None, "数字读法不确定时的严重程度和说明（{doubt}）",
                                         "severity and note ({doubt}) when a term was read uncertainly")
    blank: Optional[Blank] = doc(None, "空白单元格按0计：各项只有空白、所报告的格为数字时也检查；空白可能就是差额所在时的严重程度，"
                                 "以及说明（{cell}：第一个空白格，{count}：空白格数，{what}：空白或所填的“-”；note_one：只有一格时）；"
                                 "填“-”的格同空白格（“/”不按0计）",
                                 "read blank cells as 0: also checked where the other terms are blank and the cell "
                                 "reported is a number; severity when the blanks may be the difference, and the note "
                                 "({cell}: the first blank, {count}: how many, {what}: blank or the “-” written; note_one: when "
                                 "one); a cell holding a dash is read as a blank (a \"/\" is not read as 0)")


class CellParams(Checked):
    columns: Optional[Literal["counts", "unsigned"]] = doc(
        None, "counts：只查件数列（不含金额、增减列）；unsigned：不含增减列", "counts: count columns only; unsigned: not signed ones")
    tables: Optional[list[str]] = doc(None, "只查这些表", "only these tables")
    expected: Optional[str] = doc(None, "提示中的应有值", "the expected value shown")
    collapse: bool = doc(False, "整行、整列、整表不合格时合为一条", "one finding per wholly failing row, column or table")
    collapse_over: int = doc(0, "一表中超过此数的格不合格时合为一条", "one finding per table past this many failing cells", ge=0)
    collapse_habit: Optional[int] = doc(
        None, "一表中超过此数的格不合格、且占不合格与填0的格的比例不低于 habit_share 时（该表以空白或符号表示0），合为一条"
        "（message_habit），并列出各格",
        "one finding (message_habit) listing the cells, for a table where more than this many cells fail and they are "
        "at least habit_share of the failing cells and those holding 0 (the table writes its zeros so)", ge=0)
    habit_share: float = doc(0.8, "见 collapse_habit", "see collapse_habit", gt=0, le=1)
    message_habit: Optional[Message] = doc(None, "一表以空白或符号表示0时的消息（{count}、{examples}、{marks}：所填符号、{zeros}：填0的格数）",
                                           "message for a table writing its zeros so ({count}, {examples}, {marks}: the "
                                           "marks written, {zeros}: the cells holding 0)")
    whole_table_only: bool = doc(False, "只报告整表不合格", "report wholly failing tables only")
    spare_when_blanks_are_zeros: bool = doc(
        False, "报告的另一张表以空白代替0时（有数字、有空白、没有0），不报告整表空白（由C201报告）",
        "not when another of the tables writes blanks for zeros (numbers and blanks, no 0): C201 reports it")
    message_row: Optional[Message] = doc(None, "整行的消息", "message for a whole row")
    message_table: Optional[Message] = doc(None, "整表的消息", "message for a whole table")
    message_table_zeros: Optional[Message] = doc(None, "整表空白、而报告其他表以空白代替0时的消息",
                                                 "message for a whole blank table when another table writes blanks for zeros")
    message_many: Optional[Message] = doc(None, "多格的消息", "message for many cells")
    message_column: Optional[Message] = doc(None, "整列的消息", "message for a whole column")
    message_total_column: Optional[Message] = doc(None, "总计列空白的消息", "message for a blank totals column")
    message_total_cells: Optional[Message] = doc(
        None, "总计列中部分单元格空白而该行分项有数字时的消息（列出应有之数）",
        "message for blank cells of a totals column whose rows hold numbers in the columns it totals (what each should hold)")
    at_least: Optional[template("value")] = doc(
        None, "{totals} 中该行所合计的列另有空白时的数（应有之数至少为此）",
        "{totals}: a total whose row has another blank among the columns it totals (a lower bound)")
    zero_rest: Optional[Texts] = doc(None, "{totals} 之后：其余各行应为0时的说法", "said after {totals} when every other row should be 0")


# --------------------------------------------------------------------------- per-report kinds

class RecognitionParams(Params):
    note: str = doc(..., "识别记录的类型（report.notes 中的 kind）", "the kind of recognition note reported")
    unless_note: Optional[str] = doc(None, "识别记录中另有此类型时不报告（另一条规则已说明，如未找到任何表格时不再逐表报告）",
                                     "not reported when recognition made a note of this kind too (another rule says it: "
                                     "no table at all, not each table missing)")
    report_title: Optional[Regex] = doc(
        None, "年度报告标题的写法：找到本记录、而标题（或导语中的短行）都不这样写，或报告年度早于最早的格式时，文件不是统一格式的"
        "年度报告：只报告识别结果，其他规则不检查",
        "how an annual report's title names it: with this rule's note, a document none of whose title lines names it so, "
        "or whose year comes before the first layout, is no annual report in the official format: only the recognition "
        "findings are reported, no other rule runs")
    title_line: int = doc(60, "导语中可算作标题行的短行至多几个字（report_title 在标题和这些短行中查找）",
                          "the most characters of a line before the first heading that may be a title line "
                          "(report_title looks in the title and those lines)", ge=1)
    old_heading: Optional[Regex] = doc(
        None, "2019年以前格式特有的部分标题（如“收费及减免情况”）：找到本记录、且有这样的部分时，文件不是统一格式的年度报告",
        "a section heading only the format before 2019 has (收费及减免情况): with this rule's note, a document with such a "
        "section is no annual report in the official format")
    message_heading: Optional[template("heading")] = doc(None, "有2019年以前格式的部分时的消息",
                                                         "message when a section of the format before 2019 is found")
    message_title: Optional[template("title")] = doc(None, "标题不是年度报告时的消息", "message when the title names no annual report")
    message_year: Optional[template("year", "first_year")] = doc(None, "报告年度早于最早的格式时的消息",
                                                                 "message when the year comes before the first layout")
    message_same: Optional[Message] = doc(
        None, "文件中后面的报告都与第一份相同（整篇重复粘贴）时的消息", "message when every later report of the file is the first one again (pasted twice)")
    message_capped: Optional[Message] = doc(
        None, "文件中的报告多于逐份检查的上限时的消息（{count}：检查的份数）",
        "message when the file holds more reports than are checked one by one ({count}: how many were checked)")
    message_per_digit: Optional[Message] = doc(
        None, "数字粘连、已逐位拆分（每格一位数字）的若干行的消息（{count}：行数）",
        "message for rows whose digits ran together one per cell ({count}: how many rows)")
    message_one_per_cell: Optional[Message] = doc(
        None, "位数恰好等于单元格数、不满足总计而逐位读取的一行的消息",
        "message for a row whose digits, as many as its cells, were read one per cell against its totals")
    message_by_columns: Optional[Message] = doc(
        None, "按行、列总计拆分的一行的消息", "message for a row split by its row and column totals")
    message_ambiguous: Optional[Message] = doc(
        None, "有多种拆分方式都满足总计的一行的消息（{count}：几种，过多时为 many）",
        "message for a row whose digits split in several ways that fit the totals ({count}: how many, or many)")
    message_unplaced: Optional[Message] = doc(
        None, "一行读到的数值无法对应到各列的消息（{count}：该行的列数）",
        "message for a row whose values could not be placed in its columns ({count}: how many columns)")
    message_row_missing: Optional[Message] = doc(
        None, "未找到的一行的消息", "message for a row that was not found")
    message_rows_missing: Optional[Message] = doc(
        None, "未找到的多行的消息（{count}：行数）", "message for several rows not found ({count}: how many)")


class Style(Strict):
    name: str
    pattern: regex_with("n")


class DateParams(Checked):
    needs = {"cited_after_published": {"pattern": ("year",)}, "own_title_year": {"own_title": ("year", "title")}}

    department_deadline: MonthDay = doc("01-31", "部门和乡镇的公布期限（月-日）", "deadline of departments (month-day)")
    aggregate_deadline: MonthDay = doc("03-31", "本级政府年度报告的公布期限", "deadline of a government's own report")
    unsure_severity: Severity = doc("info", "报告类型不明时的严重程度", "severity when the kind of report is unsure")
    basis: dict[Literal["department", "aggregate", "unsure_late", "unsure"], template("department", "aggregate")] = doc(
        {}, "{basis}：适用哪个期限", "{basis}: which deadline applies")
    told_by: dict[Literal["setting", "title", "title_and_scope"], template("issuer")] = doc(
        {}, "如何判断报告类型", "how the kind of report was told")
    department_suffixes: list[str] = doc([], "部门名称的结尾", "endings of a department's name")
    government_suffix: str = doc("人民政府", "政府名称的结尾", "ending of a government's name")
    township_suffixes: list[str] = doc([], "乡镇名称的结尾", "endings of a township's name")
    region_suffixes: list[str] = doc([], "行政区名称的结尾", "endings of a region's name")
    aggregate_words: list[str] = doc([], "表明报告覆盖全区域的词", "words showing a report covers the whole area")
    published_keywords: list[str] = doc([], "页面上发布日期前的词", "words before a publication date on the page")
    keywords: list[str] = doc([], "说明统计期限的词", "words that state the statistics period")
    problems: dict[str, template("year", "month", "day", "raw")] = doc(
        {}, "{problem}：各种日期错误的说法", "{problem}: how each kind of bad date is described")
    pattern: Optional[Regex] = doc(None, "文号的正则表达式（year 组为年份）", "regular expression of a document number")
    documents: dict[str, datetime.date] = doc({}, "文号及其印发日期", "document numbers and their issue dates")
    own_title: Optional[Regex] = doc(None, "报告开头自称其标题的句式（year 组为年份，title 组为标题）",
                                     "how a report's opening names its own title (groups year and title)")
    not_in_sentence: Optional[Regex] = doc(None, "句中有此内容时不算自称（比较、部署各部门的工作）",
                                           "a sentence with this is not the report naming itself (a comparison, others' work)")


class LayoutParams(Checked):
    needs = {"old_tables": {"weak_severity": None}, "superseded_notice": {"pattern": (), "weak_severity": None}}

    old: str = doc("2019", "旧版格式", "the old layout")
    new: str = doc("2021", "新版格式", "the new layout")
    weak_severity: Optional[Severity] = doc(None, "证据不足时的严重程度", "severity when the evidence is weak")
    message_declared: Optional[Message] = doc(None, "数据声明旧格式时的消息", "message when the data declare the old layout")
    message_weak: Optional[Message] = doc(None, "证据不足时的消息", "message when the evidence is weak")
    from_year: int = doc(2021, "自此年度起检查", "checked from this report year")
    current: str = doc("", "现行的格式通知", "the notice in force")
    pattern: Optional[Regex] = doc(None, "旧通知文号的正则表达式", "regular expression of the old notice's number")
    title_pattern: Optional[Regex] = doc(None, "旧格式标题的正则表达式（引用即为确定）",
                                         "regular expression of the old format's title (always certain)")
    current_pattern: Optional[Regex] = doc(None, "现行通知文号的正则表达式（报告引用了它，旧通知文号不再报告）",
                                           "regular expression of the current notice (cited: the old number is not reported)")
    format_words: list[str] = doc([], "句中有这些词时，引用旧通知为确定的错误", "words making a citation of the old notice certain")
    deadline_words: list[str] = doc([], "说明旧通知中其他要求（如时限）的词", "words of the old notice's other requirements (deadlines)")
    excuse_words: list[str] = doc([], "说明旧通知已废止的词", "words saying the old notice no longer applies")
    note_kind: str = doc("header_alias", "识别记录的类型", "the kind of recognition note reported")


class Label(Strict):
    cells: list[Cell]
    label: Optional[Texts] = None


class TopicList(Strict):
    pattern: Regex
    min: int = Field(ge=2)


class Claim(Strict):
    name: str
    label: Optional[Texts] = None
    units: list[str]
    near: Union[Regex, list[Regex]] = []
    not_near: Optional[Regex] = None
    topic: Optional[Regex] = None
    not_topic: Optional[Regex] = None
    context: Optional[Regex] = None
    context_in: Literal["paragraph", "sentence"] = "paragraph"
    in_parts: bool = False
    tolerance: float = 0
    compare: Literal["equal", "presence"] = "equal"
    amount: bool = False
    readings: list[Union[Label, list[Cell]]] = Field(min_length=1)
    note: Optional[Texts] = None
    not_beside: Optional[Regex] = None
    issuer_shares: Optional[Regex] = None
    topic_list: Optional[TopicList] = None


class Statement(Strict):
    name: str
    label: Optional[Texts] = None
    pattern: Regex
    spoilers: Optional[Regex] = None
    context: Optional[Regex] = None
    subject: Optional[Regex] = None
    not_subject: Optional[Regex] = None
    cells: list[Cell] = Field(min_length=1)


class NarrativeParams(Checked):
    needs = {"claim": {"claims": None}, "zero": {"statements": None}}

    claims: list[Claim] = doc([], "正文所述数字及其对应的单元格（check: claim）", "stated figures and their cells (claim)")
    statements: list[Statement] = doc([], "“没有发生”的说法及其单元格（check: zero）", "statements of none and their cells (zero)")
    bracket_asides: list[Regex] = doc(
        [], "数字后括号中与其所计无关的内容（正则表达式，依次删去），删去后再查 not_near：说全部属于一类的（“均为……申请”）、"
        "说另一个数的（“上年度结转12件，本年度办结1392件”，不是“含上年结转12件”）（check: claim）",
        "what the bracket after a number says of something else (regular expressions, taken out in turn) before not_near "
        "is looked for in it: that all of them are of one kind (均为…申请), another figure (上年度结转12件, not "
        "含上年结转12件) (claim)")
    alternative: Optional[template("reading", "value")] = doc(None, "{alternatives}：另一种读法", "{alternatives}: another reading")
    blank_total: Optional[template("cell", "table", "row", "column", "columns", "value")] = doc(
        None, "总计格空白、按各列之和比较的说明", "note for a blank total compared with its columns' sum")
    blank_total_bound: Optional[template("cell", "table", "row", "column", "columns", "value")] = doc(
        None, "总计格空白、同行其他列也有空白，按已填各列之和作下限比较的说明",
        "note for a blank total whose row is partly blank: at least the sum of the filled columns")
    marked_cell: Optional[template("table", "cell", "raw", "value")] = doc(
        None, "几格之和的读法中一格空白或填符号、按其余各格之和作下限比较的说明",
        "note for a cell of a several-cell reading that is blank or a mark: at least the sum of the others")
    relations: dict[Literal["less", "more"], Texts] = doc({}, "{relation}：各项之和比总数少或多", "{relation}: parts short or over")
    word_count_units: list[str] = doc(
        [], "单独的“一”“两”紧接其后、且到此分句结束时算作数目的量词（“收到申请一件。”；“一件事”“一项工作”中是数量词，不算）",
        "units after which a lone 一 or 两 ending its clause is a count (收到申请一件。), not an article (一件事, 一项工作)")
    outcome_heads: list[str] = doc(
        [], "申请办理结果结尾的动词（予以公开、不予处理、告知…提供）：各项名称同以其中之一结尾的，只是同一动词，不算同一类，"
        "不能证明已列全（check: parts）",
        "the verbs a request's outcome ends in (予以公开, 不予处理, 告知…提供): labels ending in the same one share a verb, "
        "not a kind, and do not show the list is whole (parts)")
    partial_kinds: list[str] = doc(
        [], "只计总数一部分的类别（政府网站年度报表的概况类、政务动态、信息公开目录信息）：各项名称都是其中之一的，"
        "虽同以“信息”结尾，也不能证明已列全（check: parts）",
        "categories that count only part of a total (a website's annual return: 概况, 政务动态, 信息公开目录): labels "
        "that each name one of them, though they share 信息, do not show the list is whole (parts)")


class ProseParams(Checked):
    needs = {"phrases": {"patterns": None}}

    times: Optional[template("count")] = doc(None, "{times}：同一部分中出现多次", "{times}: said when repeated in a section")
    max_length: int = doc(6, "重复词的最大字数", "longest word checked", ge=1)
    single_char_suspects: list[str] = doc([], "单字重复只查这些字", "single characters whose doubling is flagged")
    numerals: str = doc("", "数字字符（重复不算）", "numeral characters (doubling allowed)")
    allowed: list[str] = doc([], "合理的叠词", "legitimate reduplications")
    allowed_contexts: list[str] = doc([], "合理的上下文", "legitimate contexts")
    allowed_patterns: list[Regex] = doc([], "合理写法的正则表达式", "legitimate shapes (regular expressions)")
    heading_marker: Optional[Regex] = doc(None, "紧接重复词之前的序号（小标题与正文连成一行）",
                                          "a list marker ending where a repeat starts (a sub-heading run into its text)")
    preamble_prose_marks: str = doc("。，；", "第一部分前视为正文的标点", "marks of prose before the first section")
    preamble_openers: list[str] = doc([], "第一部分前正文句子的开头（此前同一行无标点的文字是网页信息）",
                                      "how the prose before the first section begins (page chrome before it on its line)")
    mark_count: Optional[template("mark", "count")] = doc(None, "{marks}：每种标点及处数", "{marks}: each mark and its count")
    separator: Optional[Texts] = doc(None, "{marks} 的分隔符", "separator of {marks}")
    characters: str = doc(",;:()", "检查的半角标点", "half-width marks checked")
    preamble: bool = doc(False, "也检查第一部分之前的文字", "also check the text before the first section")
    min_count: int = doc(1, "每部分至少几处才报告", "fewest marks per section reported", ge=1)
    context: int = doc(4, "引文两边的字数", "characters quoted on each side", ge=0)
    patterns: list[Regex] = doc([], "要查找的正则表达式", "regular expressions looked for")


class StructureParams(Checked):
    needs = {"promised_parts": {"pattern": ("n",)}, "enumeration": {"styles": None}}

    min_recognised: int = doc(2, "至少识别出几个部分才判断", "fewest recognised sections to judge", ge=0)
    content: dict[str, list[str]] = doc({}, "各部分内容的标志词", "terms that show a section's content")
    positions: dict[Literal["after", "before"], Texts] = doc({}, "{position}：之前或之后", "{position}: before or after")
    problems: dict[str, Texts] = doc({}, "{problem}：问题的说法", "{problem}: how each problem is said")
    message_content: Optional[Message] = doc(None, "有内容无标题时的消息", "message when the content is there without its heading")
    subject_terms: dict[str, list[list[str]]] = doc(
        {}, "各部分标题的主题词（每组须有其一）", "a section's subject terms in its heading (one of each group)")
    same_subject_severity: Optional[Severity] = doc(
        None, "序号正确、主题词齐全的改写标题的严重程度", "severity of a reworded heading with its own number and subject terms")
    message_digits: Optional[Message] = doc(None, "各部分用1.–6.编号时的消息", "message when the parts are numbered 1.–6.")
    evidence: dict[Literal["table", "text"], Any] = doc({}, "{evidence}：内容的证据", "{evidence}: what shows the content")
    pattern: Optional[Regex] = doc(None, "部分数的正则表达式（n 组）", "regular expression of a count of parts (group n)")
    context_words: list[str] = doc([], "句中须有的词", "words the sentence must have")
    part_words: list[str] = doc([], "句中须有其一的部分名称", "names of parts, one of which the sentence must have")
    min_parts: int = doc(2, "所述部分数至少为此才比较（check: promised_parts）", "fewest parts a count must state to be compared "
                         "(promised_parts)", ge=0)
    max_parts: int = doc(12, "所述部分数至多为此才比较（check: promised_parts）", "most parts a count may state to be compared "
                         "(promised_parts)", ge=0)
    ignored_characters: str = doc("", "比较标题用语时忽略的字", "characters left out when headings are compared")
    overview_head: int = doc(400, "在概述部分开头查找的字数", "characters of the overview searched", ge=0)
    styles: list[Style] = doc([], "列举序号的样式（n 组为序号）", "enumeration marker styles (group n)")
    max_chars: int = doc(1000, "概述部分的字数上限", "the overview's limit in characters", ge=1)
    from_year: int = doc(2021, "自此年度起检查", "checked from this report year")

    @model_validator(mode="after")
    def _evidence(self):
        for key, names in (("table", ("table",)), ("text", ("section", "term"))):
            if key in self.evidence:
                _template_ok(self.evidence[key], names, f"evidence.{key}")
        return self


def _template_ok(value, names, where: str) -> None:
    value = _texts(value)
    for text in text_values(value):
        unknown = placeholders(text) - set(names)
        if unknown:
            raise ValueError(f"{where}: 占位符 {{{sorted(unknown)[0]}}} 不会被填写（此处只填写：{', '.join(names)}）")


# --------------------------------------------------------------------------- series

class SeriesParams(Params):
    left: list[str] = doc([], "等式左边：table.row.column，last: 为上一年度报告，* 为每一列",
                          "left side: table.row.column; last: last year's report; * every column")
    right: list[str] = doc([], "等式右边", "right side")
    tolerance: float = doc(0, "允许的差额", "difference tolerated", ge=0)
    uncertain_severity: Optional[Severity] = doc(None, "有粘连拆分读出的数字时的严重程度", "severity when a figure was split from run-together digits")
    message_uncertain: Optional[Message] = doc(None, "读法不确定时的消息", "message when a figure is uncertain")
    repeated: Optional[Literal["share", "problems"]] = doc(None, "比较正文：share 雷同比例；problems 第五部分问题",
                                                           "compare the text: share of repeats, or section 五's problems")
    threshold: float = doc(0.5, "雷同比例阈值", "share above which text is repeated", gt=0, lt=1)
    min_section_chars: int = doc(0, "部分至少的字数", "fewest characters a section needs", ge=0)
    min_sentence_chars: int = doc(1, "句子至少的字数", "fewest characters a sentence needs", ge=0)
    similarity: float = doc(1.0, "视为相同的相似度", "likeness taken as the same sentence", gt=0, le=1)
    min_similar_chars: int = doc(15, "按相似度比较的句子至少的字数", "fewest characters for likeness", ge=0)
    quote_sentences: int = doc(3, "引用的句数", "sentences quoted", ge=0)
    boilerplate: list[Regex] = doc([], "不计的套话（正则表达式）", "boilerplate not counted (regular expressions)")
    sections: Optional[list[str]] = doc(None, "比较的部分", "the sections compared")
    min_sentences: int = doc(2, "至少重复的句数", "fewest repeated sentences", ge=1)
    improvement_markers: list[str] = doc([], "问题与改进措施的分界词", "words where problems turn to improvements")
    clause_marks: str = doc("", "把问题句再切分为分句的标点（一是…；二是…）", "marks that cut a problems sentence into its clauses")

    @model_validator(mode="after")
    def _terms(self):
        if self.repeated is None and not (self.left and self.right):
            raise ValueError("跨年度等式须有 left 和 right（或 repeated: share/problems）")
        for side in ("left", "right"):
            for term in getattr(self, side):
                if len(term.lstrip("-+").removeprefix("last:").split(".")) != 3:
                    raise ValueError(f"{side}: {term!r} 应写作 [last:]表.行.列")
        return self
