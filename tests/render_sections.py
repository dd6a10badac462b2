"""Render a generated Report with the section shapes real reports take: headings retitled in other words,
a local part inserted (the parts after it renumbered), 五 split in two (the problems, then the measures),
and the whole page saved as one line of text, as a portal copy gives it.

The shapes come from the department reports in ../shared/reports/depts/ (e.g. jjp-2025: "五、信息处理费收取情况"
with a fee table, then "六、存在的主要问题及改进措施", all on one line).
"""

from __future__ import annotations

import copy

from gklint.core.model import Report, Section

from render import render_text

NUMERALS = "一二三四五六七八九十"

# Titles real reports use for the official parts: the same subject in other words, or with more added.
RETITLED: dict[str, tuple[str, ...]] = {
    "overview": ("基本情况", "工作概况", "总体情况概述"),
    "proactive": ("主动公开政府信息的情况", "主动公开情况"),
    "requests": ("依申请公开政府信息情况", "收到和处理政府信息公开申请的办理情况"),
    "appeals": ("行政复议和行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况", "政府信息公开行政法复议、行政诉讼情况"),
    "problems": ("存在的问题和下一步工作计划", "存在的不足及改进措施", "工作中存在的问题及下一步打算",
                 "存在的主要问题及改进情况和下一年度工作计划"),
    "other": ("其他事项", "其他需要说明的事项", "信息处理费收取情况及其他需要报告的事项"),
}

# Local parts some offices insert: (title, text).
LOCAL_PARTS: tuple[tuple[str, str], ...] = (
    ("信息处理费收取情况", "通知收取件数 通知收取金额（元） 实际收取金额（元） 0 0 0"),
    ("政务公开工作亮点", "本机关探索开展政府开放日活动，邀请群众走进机关。"),
    ("政务新媒体运行情况", "本机关政务新媒体账号运行平稳，全年发布信息若干条。"),
)

# 五 written as two parts: (problems title, measures title).
SPLITS: tuple[tuple[str, str], ...] = (
    ("存在的主要问题", "改进措施"),
    ("存在的问题", "下一步工作计划"),
    ("存在的主要问题及不足", "下一步工作打算"),
    ("存在的问题", "2024年工作计划"),
)


def _numbered(section: Section, numeral: str, title: str | None = None) -> Section:
    rest = title if title is not None else section.heading.split("、", 1)[1]
    return Section(heading=f"{numeral}、{rest}", text=section.text, number=numeral, id=section.id)


def _renumber(sections: list[Section]) -> list[Section]:
    """The parts numbered 一, 二, … in the order written."""
    return [_numbered(s, NUMERALS[k]) for k, s in enumerate(sections)]


def retitle(report: Report, titles: dict[str, str]) -> Report:
    """The report with the parts named in ``titles`` (by id) headed by those titles, numbers kept."""
    out = copy.deepcopy(report)
    out.sections = [_numbered(s, s.number, titles[s.id]) if s.id in titles else s for s in out.sections]
    return out


def insert_local(report: Report, at: int, title: str, text: str) -> Report:
    """The report with a local part inserted before its part ``at`` (0-based); the parts after it renumbered."""
    out = copy.deepcopy(report)
    local = Section(heading=f"X、{title}", text=text, number=None, id=None)
    out.sections = _renumber([*out.sections[:at], local, *out.sections[at:]])
    return out


def split_problems(report: Report, titles: tuple[str, str]) -> Report:
    """The report with 五 written as two parts (its first sentence under the first title, the rest under the
    second); the parts after it renumbered."""
    out = copy.deepcopy(report)
    k = next(i for i, s in enumerate(out.sections) if s.id == "problems")
    problems = out.sections[k]
    first, _, rest = problems.text.partition("。")
    one = Section(heading=f"X、{titles[0]}", text=first + "。", id="problems")
    two = Section(heading=f"X、{titles[1]}", text=rest or "下一步将加强业务培训。", id="problems")
    out.sections = _renumber([*out.sections[:k], one, two, *out.sections[k + 1:]])
    return out


def one_line(report: Report, sep: str = " ") -> str:
    """The report as a portal page saved as text: a header of fields, then title, headings, prose and
    tables (one cell after another) run together on one line, pieces joined by ``sep``."""
    lines = [line for line in render_text(report).split("\n") if line.strip()]
    title, body = lines[0], lines[2:]
    return (f"标题: {title}\n发布时间: 2022-01-14 09:30\n==================== 正文 ====================\n"
            f"当前位置： 首页 政府信息公开年报 {title} {sep.join(body)}\n")
