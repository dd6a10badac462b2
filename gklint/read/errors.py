"""The one error a reader raises when a file cannot be read: it names the file and the problem."""

from __future__ import annotations

from gklint.core import lazyre


class ReadError(Exception):
    """A file that cannot be read (unsupported, damaged, hostile, encrypted, scanned...).

    ``message`` is meant for the user (Chinese); ``where`` optionally narrows the place
    (a page, a zip entry).
    """

    def __init__(self, path: str, message: str, where: str | None = None):
        super().__init__(path, message, where)
        self.path = path
        self.message = message
        self.where = where

    def __str__(self) -> str:
        """One printable line: control characters of a file or entry name are escaped (``printable``)."""
        from gklint.core.display import printable

        return printable(": ".join(part for part in (self.path, self.where, self.message) if part))


# What an unreadable file's reason says, phrase by phrase, in English (replaced longest first, so a phrase
# that holds another is said whole). The reasons are made in Chinese where the file is read (in a worker, before any language is
# known); ``reason_in`` says them in the run's language. A reason with a phrase not listed here is given whole,
# quoted, after a plain English lead.
_PHRASES = (
    ("请另存为 .docx 或 PDF 后再检查", "save it as .docx or PDF and check again"),
    ("请另存为 HTML 或 PDF 后再检查", "save it as HTML or PDF and check again"),
    ("请另存为普通 .docx 后再检查", "save it as a plain .docx and check again"),
    ("不支持的 Word 文件类型（启用宏的文档或模板）", "unsupported kind of Word file (a macro-enabled document or a template)"),
    ("不支持的文件类型", "unsupported file type"),
    ("旧版 Office 文件", "old Office file"), ("RTF 文件", "RTF file"),
    ("gzip 压缩包", "gzip archive"), ("7z 压缩包", "7z archive"),
    ("RAR 压缩包", "RAR archive"), ("可执行文件", "executable"), ("MHT 网页存档", "MHT web archive"),
    ("Excel 表格", "Excel spreadsheet"), ("PowerPoint 演示文稿", "PowerPoint presentation"),
    ("OpenDocument 文件", "OpenDocument file"), ("ZIP 压缩包（不是 Word 文档）", "ZIP archive (not a Word document)"),
    ("Word 2003 XML 文档", "Word 2003 XML document"),
    ("文件不存在", "file not found"), ("没有读取权限", "no permission to read it"),
    ("这是一个目录，不是文件", "this is a folder, not a file"), ("这不是普通文件，而是", "not a regular file but a "),
    ("特殊文件", "special file"), ("文件是空的", "the file is empty"), ("文件过大", "file too large"),
    ("无法读取", "cannot be read"), ("拒绝读取", "refused"), ("上限", "limit"), ("超过", "over"),
    ("ZIP/DOCX 文件不完整或已损坏", "ZIP/DOCX file incomplete or damaged"),
    ("找不到目录结尾，可能下载中断或被截断", "no end of central directory: the download was probably cut short"),
    ("ZIP/DOCX 包含的条目过多", "too many entries in the ZIP/DOCX"),
    ("疑似压缩炸弹", "suspected zip bomb"), ("条目解压后", "an entry inflates to"), ("压缩比", "ratio"),
    ("解压后总大小超过", "inflates in all to over"),
    ("XML 部件含有 DTD/实体声明（可能是实体膨胀攻击）", "an XML part declares a DTD or entities (possibly an entity expansion attack)"),
    ("DOCX 文件已损坏（ZIP 目录中的位置指向文件之外）", "DOCX file damaged (the ZIP directory points outside the file)"),
    ("DOCX 文件已损坏", "DOCX file damaged"), ("DOCX 文件已加密（需要密码）", "DOCX file encrypted (it needs a password)"),
    ("不是 Word 文档（缺少 word/document.xml）", "not a Word document (no word/document.xml)"),
    ("Word 文档已损坏，无法解析", "Word document damaged, cannot be parsed"),
    ("文件包的结构部件（如 [Content_Types].xml）内容不符合规范", "a structural part of the package (such as [Content_Types].xml) is malformed"),
    ("PDF 文件不完整（缺少文件结尾标记 %%EOF，可能下载中断或被截断）",
     "PDF file incomplete (no %%EOF end marker: the download was probably cut short)"),
    ("PDF 已加密（需要密码才能打开）", "PDF encrypted (it needs a password to open)"),
    ("请提供未加密的版本", "please provide an unencrypted copy"),
    ("PDF 文件已损坏或不完整，无法解析", "PDF file damaged or incomplete, cannot be parsed"),
    ("PDF 页面已损坏，无法解析", "PDF page damaged, cannot be parsed"),
    ("PDF 文件已损坏，无法渲染扫描页面", "PDF file damaged, its scanned pages cannot be rendered"),
    ("PDF 数据流解压后总计超过", "PDF streams inflate in all to over"), ("PDF 数据流解压后超过", "a PDF stream inflates to over"),
    ("PDF 页数过多", "too many PDF pages"), ("PDF 中没有任何文字", "the PDF holds no text"),
    ("PDF 没有文字层（可能是扫描件或图片）", "the PDF has no text layer (probably a scan or images)"),
    ("无法读取其中的文字和数字", "its text and numbers cannot be read"),
    ("请提供可复制文字的 PDF，或用文字识别（OCR）读取", "please provide a PDF with copyable text, or read it by OCR"),
    ("文字识别（OCR）也未能识别出任何文字", "and OCR recognised no text either"),
    ("PDF 的文字无法解码（字体缺少 Unicode 映射）", "the PDF's text cannot be decoded (its fonts lack a Unicode map)"),
    ("请提供可复制文字的版本", "please provide a copy with copyable text"),
    ("请安装文字识别组件后重试", "install the OCR extra and try again"),
    ("PDF 页面内容过多", "too much content on a PDF page"), ("PDF 页面上的对象过多", "too many objects on a PDF page"),
    ("可能是恶意构造的文件", "possibly a crafted file"), ("个文字、线条或图形", " texts, lines or shapes"),
    ("扫描页面过小，无法识别", "the scanned page is too small to recognise"),
    ("图片已损坏，无法解析", "image damaged, cannot be parsed"), ("图片过大", "image too large"),
    ("百万像素", " megapixels"), ("像素", " pixels"), ("图片过小，无法识别其中的文字", "the image is too small to read its text"),
    ("需要文字识别的扫描页过多", "too many scanned pages to recognise"),
    ("文字识别超时", "OCR timed out"), ("本页用时", "this page took"), ("每页上限", "limit per page"),
    ("图片中没有识别出任何文字", "no text was recognised in the image"),
    ("不是文本文件（含有二进制数据）", "not a text file (it holds binary data)"),
    ("无法识别文本编码，文件可能不是文本", "the text encoding cannot be told; the file may not be text"),
    ("文本过长", "text too long"), ("字节", " bytes"), ("个字符的上限", " characters' limit"), ("个字符", " characters"),
    ("表格过大", "table too large"), ("表格单元格过多", "too many table cells"), ("个单元格", " cells"),
    ("网页元素过多", "too many page elements"),
    ("网页正文是嵌入的文件", "the page's body is an embedded file"),
    ("网页本身没有报告内容，请下载该文件后检查", "the page itself holds no report: download that file and check it"),
    ("读取超时", "reading timed out"), ("超过读取时限", "over the time limit for reading"),
    ("超过内存上限", "over the memory limit"), ("读取进程异常退出", "the reading process ended abnormally"),
    ("可能超过内存上限", "perhaps over the memory limit"), ("退出码", "exit code"),
    ("文件结构嵌套过深", "the file's structure is nested too deeply"),
    ("文件可能异常", "the file may be malformed"), ("已跳过", "skipped"),
    ("这不是 gklint 的报告 JSON（应有 tables、sections 或 meta；格式见 gklint schema）",
     "not a gklint report JSON (it should have tables, sections or meta; see gklint schema)"),
    ("不是有效的 JSON", "not valid JSON"), ("JSON 的数组或对象嵌套过深", "JSON arrays or objects nested too deeply"),
    ("（超过 Python 能解析的层数）", " (deeper than Python can parse)"),
    ("年度报告请提供 Word（.docx）、PDF 或网页文件", "a report should be a Word (.docx), PDF or web page file"),
    ("OFD 版式文件", "OFD file"), ("请另存为 PDF 后再检查", "save it as PDF and check again"),
    ("请解压后检查其中的报告", "unpack it and check the reports in it"),
    ("文件已加密（设有打开密码）", "the file is encrypted (it has an opening password)"),
    ("请去除密码后重试", "remove the password and try again"),
    ("本页用 CPU 时间", "this page used CPU time of"),
    ("这是 gklint 写出的检查结果网页，不是年度报告", "this is a results page gklint wrote, not an annual report"),
    ("这是 gklint 写出的检查结果（-f json 或 -f xlsx），不是年度报告",
     "this is a result gklint wrote (-f json or -f xlsx), not an annual report"),
    ("这是 gklint 加了批注的 Word 文件（--annotate 写出），不是报告原文件",
     "this is a Word file gklint annotated (written by --annotate), not the report's own file"),
    ("请检查报告原文件", "check the report's own file"), ("请检查原文件", "check the original file"),
    ("个", ""), ("秒", "s"), ("页", " pages"), ("，", ", "), ("；", "; "), ("：", ": "), ("（", " ("), ("）", ")"), ("、", ", "),
)
_LONGEST_FIRST = sorted(_PHRASES, key=lambda pair: -len(pair[0]))
_WHERE = ((lazyre.compile(r"^第\s*(\d+)\s*页$"), r"page \1"), (lazyre.compile(r"^第\s*(\d+)\s*个表格$"), r"table \1"),
          (lazyre.compile(r"^第(\d+)行第(\d+)列$"), r"line \1, column \2"))
_SPACES = lazyre.compile(r" {2,}")
_CJK = lazyre.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # Han ideographs and full-width punctuation


def reason_in(text: str, lang: str = "zh", path: str = "") -> str:
    """An unreadable file's ``path: [where: ]reason`` line in ``lang``: as it is in Chinese; in English the
    reason said phrase by phrase (``_PHRASES``) and the place ("第3页": "page 3"); a reason with a phrase
    the table lacks is kept whole, quoted, after "cannot be read, for this reason (in Chinese)"."""
    if lang != "en" or not _CJK.search(text):
        return text
    head = f"{path}: " if path and text.startswith(f"{path}: ") else ""
    where, reason = _split_place(text[len(head):])
    said = _in_english(reason)
    if _CJK.search(said):
        said = f"cannot be read, for this reason (in Chinese): “{reason}”"
    return head + where + said


def _split_place(text: str) -> tuple[str, str]:
    """(the place in English with its ": ", the reason) of ``[where: ]reason``."""
    place, sep, reason = text.partition(": ")
    for pattern, english in _WHERE:
        if sep and pattern.match(place):
            return pattern.sub(english, place) + sep, reason
    return "", text


def _in_english(reason: str) -> str:
    for zh, en in _LONGEST_FIRST:
        reason = reason.replace(zh, en)
    return _SPACES.sub(" ", reason).strip()
