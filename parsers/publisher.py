"""Who reports: the publisher of a report, from its title, its source field or its own words.

Sources, strongest first (`report_fields.set_meta` asks them in this order): the title ("某局2023年…
年度报告"), the page's 来源/发布机构 field, then the body's own words — the opening "…，某局编制
了本报告" or closing "请与某局办公室联系", the signature (the name on a line, the date on the
next), the subject of the first sentence ("2023年，某镇坚持…"), the town the text names most.
"""

from __future__ import annotations

import re
from collections import Counter

from .meta import arabic_years
from .places import region_of_name
from .text import clean_ws, nfkc

# Wrappers before the name in a title: "【年报】", "[转载]", "关于印发《", "关于公布", a bare "《"
_TITLE_PREFIX_RE = re.compile(r"^(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|\s)*(?:关于(?:印发|公布|发布|公开|做好)?)?《?")

_TOWN_RE = re.compile(r"([\u4e00-\u9fa5]{2,16}?(?:镇|乡|街道))(?:人民政府|办事处)")
# The value may be on the next line (label and value in two cells of an info table), but an
# empty field must not take the next field's label ("来源： 公开日期：2024-01-20", "发布机构:⏎栏目:
# 年报" in a crawler header): a value followed by a colon is a label.
_SOURCE_RE = re.compile(r"(?:来源|信息来源|发布机构|发文机构)\s*[:：]\s*([^\s|:：]{2,40})([:：]?)")
# An info table's label cell without a colon ("<th>发布机构</th><td>某局</td>"): the label alone on
# its line, the value on the next
_SOURCE_CELL_RE = re.compile(r"[ \t]*\n[ \t]*([^\s|:：]{2,40})([:：]?)")


# Without a colon the next line may be the next label ("公开方式", "生成日期"): only a body's name
_BODY_NAME_END_RE = re.compile(r"(?:政府|局|委员会|委|办公室|办|中心|厅|署|院|站|所|队|街道|办事处|镇|乡|区|县|市|旗|管委会|公司)$")


def _source_cell(text: str) -> re.Match[str] | None:
    # str.find for the labels: a regex scan of a long page for an alternation is ~20x slower
    for label in ("发布机构", "发文机构", "信息来源"):
        at = text.find(label)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            if not text[line_start:at].strip(" \t") and (m := _SOURCE_CELL_RE.match(text, at + len(label))) \
                    and _BODY_NAME_END_RE.search(m.group(1)):
                return m  # the label alone at the start of its line, a body's name on the next
            at = text.find(label, at + 1)
    return None


def publisher_from_title(title: str | None) -> str | None:
    """The body that reports, as the title names it.

    >>> publisher_from_title("平潭综合实验区财政金融局2019年度政府信息公开工作年度报告")
    '平潭综合实验区财政金融局'
    >>> publisher_from_title("2023年政府信息公开工作年度报告") is None
    True
    >>> publisher_from_title("政府信息公开工作年度报告（2019年）") is None
    True
    >>> publisher_from_title("兴化市教育局政府信息公开年度报告（２０２１年度）")
    '兴化市教育局'
    >>> publisher_from_title("关于印发《鄞州区教育局2022年政府信息公开工作年度报告》的通知")
    '鄞州区教育局'
    >>> publisher_from_title("【年报】鄞州区教育局二〇二二年政府信息公开工作年度报告")
    '鄞州区教育局'
    >>> publisher_from_title("六安市人民政府办公室关于印发六安市2019年政府信息公开工作年度报告的通知")
    '六安市'
    >>> publisher_from_title("鄞州区首南街道2022政府信息公开工作年度报告")
    '鄞州区首南街道'
    """
    if not title:
        return None
    t = _TITLE_PREFIX_RE.sub("", arabic_years(nfkc(title)))
    # "六安市人民政府办公室关于印发六安市2019年…的通知": the report is what is 印发'd
    t = re.sub(r"^.{2,30}?关于(?:印发|公布|发布)《?", "", t)
    if t.startswith(("政府信息公开", "关于政府信息公开")):
        return None  # "政府信息公开工作年度报告（2019年）" names no one
    m = re.match(r"^(.{2,40}?)\s*(?:关于)?(?:19|20)\d\d\s*年", t)
    if m and "政府信息公开" not in m.group(1):  # not the year of "…年度报告（2021年度）"
        # "某市人民政府办公室关于做好2023年…的通知": the issuer is the name before 关于
        pub = m.group(1).split("关于")[0].strip(" 《》<>\"'")
        return pub or None
    m = re.match(r"^(.{2,40}?)\s*政府信息公开", t)
    pub = re.sub(r"(?:19|20)\d\d\s*年?度?", "", m.group(1)).strip() if m else ""
    return pub or None


_ORG_SUFFIX = "(?:实验区|新区|区|县|市|旗|镇|乡|街道|局|委员会|委|办公室|办|中心|厅|署|院|站|所)"
_SUBJECT_RE = re.compile(
    r"(?:(?:19|20)\d\d\s*年(?:度|以来)?|部署|要求)\s*[，,]\s*(?:我|本|由)?([\u4e00-\u9fa5]{2,16}?" + _ORG_SUFFIX + r")"
    r"(?:人民政府)?(?:坚持|认真|始终|深入|紧紧|紧扣|围绕|全面|按照|持续|扎实|积极|高度|立足|严格|进一步|不断|以|在|共)"
)


# Words a town's name does not contain, ending the text before it ("我局配合龙兴镇人民政府").
_NOT_IN_NAME_RE = re.compile(r"(?:配合|通过|协助|会同|联合|指导|督促|帮助|协调|推动|组织|我局|我委|我办|本局|"
                             r"[与和及向对在为由经]|[局委办厅处])$")


def publisher_from_source(page_text: str, meta: dict[str, str]) -> str | None:
    """The page's own source field: `<meta name="ContentSource">`, or a 来源/发布机构 line.

    >>> publisher_from_source("来源：重庆市渝北区交通局　发布时间：2024-01-25", {})
    '重庆市渝北区交通局'
    >>> publisher_from_source("来源： 时间：2021-01-27", {}) is None  # an empty 来源 field
    True
    >>> publisher_from_source("来源：本网 发布时间：2022-01-24", {}) is None  # not a name
    True
    >>> [publisher_from_source(t, {}) for t in ("来源： 公开日期：2024-01-20", "发布机构: \\n栏目: 年报", "来源： 分享到")]
    [None, None, None]
    >>> [publisher_from_source(t, {}) for t in ("发布机构\\n滦州市发展和改革委员会\\n成文日期", "发布机构\\n成文日期\\n2024",
    ...                                         "发布机构\\n公开方式\\n主动公开")]
    ['滦州市发展和改革委员会', None, None]
    """
    src = clean_ws(meta.get("contentsource") or "")
    if not src and (m := _SOURCE_RE.search(page_text) or _source_cell(page_text)) and not m.group(2):
        src = m.group(1)
    return src if src and not _NOT_A_SOURCE_RE.match(src) and re.search(r"[\u4e00-\u9fa5]{2}", src) else None


# A 来源 field that names no body: the site itself, a repost marker, the uploader's account.
# Page widgets after an empty field: "分享到", "【打印】【关闭】", "微信", "浏览次数".
_NOT_A_SOURCE_RE = re.compile(r"(?:本|我)(?:网|站|机关|单位|局|委|办)|网站|原创|转载|其他|未知|管理员|admin|系统|"
                              r"[【\[(（<《]|分享|微信|微博|打印|关闭|收藏|字[体号]|浏览|点击|阅读|访问|作者|编辑|扫一扫|"
                              r"(?:发布|发文|成文|更新|公开)?(?:时间|日期)|标题|名称|索引号|(?:发文)?字?文号|主题|分类|"
                              r".*网$", re.I)  # a website ("区政府网", "中国政府网"), not a body


# "…的要求，平潭综合实验区综合执法局编制了本报告": the body that wrote the report names itself
# or, at its end, whose office answers questions about it ("…有疑问，请与某局办公室联系")
_COMPILER_RE = re.compile(r"[，,]\s*(?:由)?([\u4e00-\u9fa5]{2,30}?" + _ORG_SUFFIX + r")(?:人民政府)?(?:办公室)?"
                          r"(?:组织)?(?:编制|编写|撰写|制定)(?:了|完成)?(?:本|此)(?:年度)?报告"
                          r"|(?:疑问|意见|建议)[^。]{0,12}?[请可](?:与|联系|向)([\u4e00-\u9fa5]{2,30}?"
                          + _ORG_SUFFIX + r")(?:人民政府)?(?:办公室|政务公开办公室|政务公开科|综合科)?(?:联系|咨询|反映)"
                          r"|现将([\u4e00-\u9fa5]{2,30}?" + _ORG_SUFFIX + r"(?:人民政府)?)\s*(?:19|20)\d\d\s*年"
                          r"|(?:本|此)(?:年度)?报告由([\u4e00-\u9fa5]{2,30}?" + _ORG_SUFFIX
                          + r"(?:人民政府)?)(?:办公室)?(?:组织)?(?:编制|编写|撰写)")
# The report's signature: the body's name on a line of its own, the date on the next.
_SIGNED_NAME_RE = re.compile(r"^([\u4e00-\u9fa5（）()]{2,40}?" + _ORG_SUFFIX + r"(?:人民政府)?)$")
_SIGNED_DATE_RE = re.compile(r"^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^(?:19|20)\d\d-\d{1,2}-\d{1,2}$")


def _signature(text: str) -> str | None:
    """The name signed above the date at the end of the report ("某局\\n2021年1月20日").

    >>> _signature("……提质增效。\\n平潭综合实验区综合执法局\\n2021年1月20日\\n")
    '平潭综合实验区综合执法局'
    """
    lines = [ln.strip() for ln in text[-600:].splitlines() if ln.strip() and ln.strip() != "\u00a0"]
    for name, date in zip(lines, lines[1:]):
        if _SIGNED_DATE_RE.match(nfkc(date)) and (m := _SIGNED_NAME_RE.match(nfkc(name))):
            return m.group(1)
    return None


# A government's general office uploads for the bodies under it ("宝坻区人民政府办公室" as the 来源
# of a street office's report): as a source field it names the uploader, not who reports. So does
# its short in-house name ("政务公开办").
UPLOADING_OFFICE_RE = re.compile(r"(?:人民政府|政府|管委会|管理委员会)办公(?:室|厅)$|^(?:政务|信息)公开(?:办|办公室|科|股|组)$")


def publisher_from_text(page_text: str, meta: dict[str, str], *, towns: bool = True,
                        source: bool = True) -> str | None:
    """Who reports, when no title names it: a source line, the subject of the opening sentence,
    or the town whose 人民政府 the text names most (`towns`: the report's own text only; a whole
    page's text names other towns in its "相关文章" lists and menus). `source=False`: the body's
    own words only, not its source field.

    >>> publisher_from_text("2025年，平潭综合实验区坚持以人民为中心", {})
    '平潭综合实验区'
    >>> publisher_from_text("本年度，我局配合龙兴镇人民政府完成征收工作。", {})
    '龙兴镇人民政府'
    >>> publisher_from_text("天津市宝坻区大钟庄镇人民政府 2024年1月25日", {})
    '天津市宝坻区大钟庄镇人民政府'
    >>> publisher_from_text("根据《条例》要求，平潭综合实验区综合执法局编制了本报告。", {})
    '平潭综合实验区综合执法局'
    >>> publisher_from_text("如对本报告有疑问，请与平潭综合实验区行政审批局办公室联系（电话：0591-1）。", {})
    '平潭综合实验区行政审批局'
    >>> publisher_from_text("如对本报告有疑问，可与平潭综合实验区某某镇办公室联系（联系电话：0591-1）。", {})
    '平潭综合实验区某某镇'
    >>> publisher_from_text("如对本报告有疑问，请与本局办公室联系。", {}) is None
    True
    >>> publisher_from_text("现将济宁市微山县人民政府2023年政府信息公开工作情况报告如下。", {})
    '济宁市微山县人民政府'
    >>> publisher_from_text("本报告由平潭综合实验区财政金融局编制，统计期限为2022年。", {})
    '平潭综合实验区财政金融局'
    >>> publisher_from_text("根据上级的部署，由平潭综合实验区市场监督管理局在梳理全年工作的基础上编写。", {})
    '平潭综合实验区市场监督管理局'
    """
    if source and (src := publisher_from_source(page_text, meta)):
        return src
    head = nfkc(page_text[:5000])
    for m in _COMPILER_RE.finditer(head):
        name = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if not name.startswith(("本", "我")):  # "请与本局办公室联系": no name, a self-reference
            return name
    if name := _signature(page_text):
        return name
    if m := _SUBJECT_RE.search(head):
        return m.group(1)
    if not towns:
        return None
    named: Counter[str] = Counter()
    for m in _TOWN_RE.finditer(page_text):
        name, tail = m.group(1), m.group(0)[len(m.group(1)):]
        # the regex starts at the leftmost CJK run ("我局配合龙兴镇人民政府"): the name starts after
        # the last word that cannot be part of it ("配合"), and of the suffixes left the one the
        # text also uses on its own ("龙兴镇") wins, then one starting with a place name
        # ("天津市宝坻区大钟庄镇", not "津市宝坻区…"), then the longer
        shortest = len(name) - (4 if name.endswith("街道") else 3)  # two characters and 镇/乡/街道
        starts = range(0, shortest + 1)
        cut = max((i for i in starts if i and _NOT_IN_NAME_RE.search(name, 0, i)), default=0)
        best = max(
            (name[i:] for i in starts if i >= cut),
            key=lambda s: (page_text.count(s), region_of_name(s) is not None, len(s)),
        )
        named[best + tail] += 1
    if named:
        return named.most_common(1)[0][0]
    return None
