"""Page chrome after a report: a portal's footer that a PDF printed from the page, or a copy, carries along.

A line carrying one of these markers never belongs to a report's text; from the first one after the
last section heading on, the text is page chrome, not section 六.
"""

from __future__ import annotations

from gklint.core import lazyre

FOOTER = lazyre.compile(
    r"扫一扫|版权所有|网站标识码|ICP备|公安备案|友情链接|主办单位[:：]|承办单位[:：]|附件下载|打印本页|关闭窗口|"
    r"【关闭】|【打印】|分享到[:：]?|使用帮助|网站地图|联系我们\s*[|｜]|浏览器版本|建议您使用")


def footer_start(lines: list[str], start: int) -> int:
    """Index of the first footer line at or after ``start`` (``len(lines)`` when there is none)."""
    for i in range(start, len(lines)):
        if FOOTER.search(lines[i]):
            return i
    return len(lines)
