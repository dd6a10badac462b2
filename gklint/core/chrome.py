"""Page chrome around a report: a portal's footer that a PDF printed from the page, or a copy, carries along,
and the navigation above its title (the readers and recognition both pass it over).

A line carrying one of the footer's markers never belongs to a report's text. A line of navigation (a breadcrumb,
the page's tools) is never the report's title, though a breadcrumb names the column of 年度报告.
"""

from __future__ import annotations

from gklint.core import lazyre

FOOTER = lazyre.compile(
    r"扫一扫|版权所有|网站标识码|ICP备|公安备案|友情链接|主办单位[:：]|承办单位[:：]|附件下载|打印本页|关闭窗口|"
    r"【关闭】|【打印】|分享到[:：]?|使用帮助|网站地图|联系我们\s*[|｜]|浏览器版本|建议您使用")

# "首页 > 政务公开 > 信息公开年度报告", "> 乡镇信息公开年度报告" (a breadcrumb cut into lines), "当前位置：…",
# "字号：大 中 小"
NAVIGATION = lazyre.compile(
    r"[>＞»›→]|^\s*(?:当前位置|您的位置|您现在的位置|您当前的位置|当前页面|所在位置)\s*[:：]|字号\s*[:：]?\s*[大中小]")
