"""Template knowledge as data: every row and column of the three tables, per template version.

One table (`ROWS`, `COLS`) holds the canonical keys of schema.md, the printed label, and the keyword
sets a normalised label must contain to match (aliases, and typos a reader still reads as one row:
部份公开, 予已公开, 国家密秘, 重复申情). Nothing else in the parsers knows a Chinese label. Matching is done on `text.label_key` output with the outline
numbering stripped; the first spec whose every keyword is present wins, so specific specs come
before general ones. An `exact` spec matches only the whole stripped label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import label_key, strip_numbering

T2021, T2019 = "2021", "2019"
BOTH = frozenset({T2021, T2019})


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    match: tuple[tuple[str, ...], ...]  # any of these keyword sets, all words of the set present
    templates: frozenset[str] = BOTH
    exact: tuple[str, ...] = ()  # whole-label matches (short labels like "其他")
    group: str | None = None  # applications: parent group of a sub-row
    unit: str | None = None


def _s(key: str, label: str, *match: str | tuple[str, ...], templates=BOTH, exact=(), group=None,
       unit=None) -> Spec:
    sets = tuple((m,) if isinstance(m, str) else m for m in match)
    return Spec(key, label, sets, frozenset(templates), tuple(exact), group, unit)


# ---------------------------------------------------------------- 二、主动公开政府信息情况
AD_ROWS = (
    _s("regulations", "规章", exact=("规章",)),
    _s("normative_documents", "行政规范性文件", "规范性文件"),
    _s("other_admin_services", "其他对外管理服务事项", "对外管理服务", templates={T2019}),
    _s("licensing", "行政许可", "行政许可"),
    _s("penalty", "行政处罚", "行政处罚"),
    _s("coercion", "行政强制", "行政强制"),
    _s("fees", "行政事业性收费", "事业性收费", ("行政", "收费")),
    _s("centralized_procurement", "政府集中采购", "集中采购", templates={T2019}),
)
AD_COLS = (
    _s("issued", "本年制发件数", "制发", templates={T2021}),
    _s("repealed", "本年废止件数", "废止", "废纸", templates={T2021}),
    _s("in_force", "现行有效件数", "现行有效", "有效件数", templates={T2021}),
    _s("amount_10k_yuan", "本年收费金额（单位：万元）", "收费金额", templates={T2021}, unit="万元"),
    _s("made", "本年新制作数量", "新制作", "制作数量", templates={T2019}),
    _s("published", "本年新公开数量", "新公开", templates={T2019}),
    _s("total_published", "对外公开总数量", "公开总数", "对外公开", templates={T2019}),
    _s("prev_year_items", "上一年项目数量", "上一年", "上年项目", templates={T2019}),
    _s("change", "本年增/减", "增/减", "增减", ("本年增",), templates={T2019}),
    _s("procurement_items", "采购项目数量", "采购项目", templates={T2019}),
    _s("procurement_amount", "采购总金额", "采购总金额", "采购金额", templates={T2019}),
    # 2021 prints 本年处理决定数量, 2019 处理决定数量: the same key, the template comes from the row.
    _s("decisions", "本年处理决定数量", "处理决定", "决定数量"),
)
# A 2019 column header cut after its line break ("本年新<br>制作数量" printed "本年新"), in
# `label_key` form: 本年新制作数量 then 本年新公开数量, in the order printed
AD_TRUNCATED_NEW = ("本年新", "本年新数量")
# Columns per (template, row); 本年新 with no tail is a truncated 2019 header (本年新制作/新公开).
AD_LAYOUT = {
    T2021: {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "penalty": ("decisions",),
        "coercion": ("decisions",),
        "fees": ("amount_10k_yuan",),
    },
    T2019: {
        "regulations": ("made", "published", "total_published"),
        "normative_documents": ("made", "published", "total_published"),
        "licensing": ("prev_year_items", "change", "decisions"),
        "other_admin_services": ("prev_year_items", "change", "decisions"),
        "penalty": ("prev_year_items", "change", "decisions"),
        "coercion": ("prev_year_items", "change", "decisions"),
        "fees": ("prev_year_items", "change"),
        "centralized_procurement": ("procurement_items", "procurement_amount"),
    },
}

# ---------------------------------------------------------------- 三、收到和处理政府信息公开申请情况
APP_COLS = (
    _s("natural_person", "自然人", "自然人"),
    _s("commercial", "商业企业", "商业", exact=("企业",)),
    _s("research", "科研机构", "科研"),
    _s("social_org", "社会公益组织", "公益"),
    _s("legal_service", "法律服务机构", "法律服务"),
    _s("total", "总计", "总计", exact=("合计", "总数")),
    _s("other_org", "其他", exact=("其他", "其他组织")),
)
APP_COL_ORDER = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org",
                 "total")
APP_ROWS = (
    _s("new_received", "一、本年新收政府信息公开申请数量", "本年新收", ("新收", "申请")),
    _s("carried_over", "二、上年结转政府信息公开申请数量", "上年结转"),
    _s("carried_forward", "四、结转下年度继续办理", "结转下年", "下年度继续"),
    _s("partially_granted", "（二）部分公开", "部分公开", "部份公开"),
    _s("granted", "（一）予以公开", "予以公开", "予已公开"),
    _s("denied_state_secret", "1.属于国家秘密", "国家秘密", "国家密秘", group="denied"),
    _s("denied_law_forbidden", "2.其他法律行政法规禁止公开", "法规禁止", "禁止公开", group="denied"),
    _s("denied_three_safety", "3.危及“三安全一稳定”", "三安全", "一稳定", group="denied"),
    _s("denied_third_party", "4.保护第三方合法权益", "第三方", group="denied"),
    _s("denied_internal_affairs", "5.属于三类内部事务信息", "内部事务", group="denied"),
    _s("denied_process_info", "6.属于四类过程性信息", "过程性", "过程信息", group="denied"),
    _s("denied_enforcement_file", "7.属于行政执法案卷", "执法案卷", "执法案件", group="denied"),
    _s("denied_query_matter", "8.属于行政查询事项", "查询事项", group="denied"),
    _s("unavailable_not_held", "1.本机关不掌握相关政府信息", "不掌握", group="unavailable"),
    _s("unavailable_needs_creation", "2.没有现成信息需要另行制作", "另行制作", "没有现成", group="unavailable"),
    _s("unavailable_unclear", "3.补正后申请内容仍不明确", "仍不明确", "补正后", group="unavailable"),
    _s("not_processed_petition", "1.信访举报投诉类申请", "信访", "举报投诉", group="not_processed"),
    _s("not_processed_repeat", "2.重复申请", "重复申请", "重复申", group="not_processed"),
    _s("not_processed_publication", "3.要求提供公开出版物", "出版物", group="not_processed"),
    _s("not_processed_excessive", "4.无正当理由大量反复申请", "大量反复", group="not_processed"),
    _s("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", "重新出具", ("确认", "已获取"),
       group="not_processed"),
    _s("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "不补正",
       templates={T2021}, group="other"),
    _s("other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       "收费通知", "缴纳费用", "逾期未缴费", templates={T2021}, group="other"),
    # the group and the item in one label cell ("（六）其他处理 3.其他") name the 2021 item, not
    # the 2019 row, so the item is tried first
    _s("other_other", "3.其他", ("其他处理3.其他",), ("其他处理3、其他",), ("其他处理3其他",), ("其他处理3.其它",),
       ("其他处理其他",),
       exact=("其他", "其它"), templates={T2021}, group="other"),
    _s("other_handling", "（六）其他处理", "其他处理", templates={T2019}),
    _s("results_total", "（七）总计", "总计", exact=("合计",)),
)
# The part after the "、" of a table 三 row label that has one (the （六） sub-rows of 2021:
# "…逾期不补正、行政机关不再处理其政府信息公开申请"), in the half-width-comma form flattened text
# shows it with ("，" for "、", NFKC): a glued reader meets it between a row's keyword and values,
# sometimes cut in two by a space ("，行政机关不再处理其政府 信息公开申请").
APP_LABEL_COMMA_TAILS = tuple(sorted({"," + sp.label.split("、", 1)[1] for sp in APP_ROWS
                                      if "、" in sp.label[3:]}))
APP_ROW_ORDER = {
    T2021: ("new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
            "denied_law_forbidden", "denied_three_safety", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_file", "denied_query_matter", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "not_processed_petition",
            "not_processed_repeat", "not_processed_publication", "not_processed_excessive",
            "not_processed_confirmation", "other_overdue_correction", "other_overdue_fee", "other_other",
            "results_total", "carried_forward"),
}
APP_ROW_ORDER[T2019] = tuple(
    k for k in APP_ROW_ORDER[T2021] if not k.startswith("other_")
)[:20] + ("other_handling", "results_total", "carried_forward")
# Group labels printed in their own (rowspan) cell: they name a parent, never a row of their own.
APP_GROUPS = (
    _s("denied", "（三）不予公开", "不予公开", "不子公开"),
    _s("unavailable", "（四）无法提供", "无法提供"),
    _s("not_processed", "（五）不予处理", "不予处理"),
    _s("other", "（六）其他处理", "其他处理", templates={T2021}),
    _s("results", "三、本年度办理结果", "办理结果"),
)

# ---------------------------------------------------------------- 四、行政复议、行政诉讼情况
RL_ROWS = (
    _s("suit_after_review", "行政诉讼·复议后起诉", "复议后起诉", "复议后"),
    _s("suit_direct", "行政诉讼·未经复议直接起诉", "直接起诉", "未经复议"),
    _s("review", "行政复议", "行政复议"),
)
RL_COLS = (
    _s("upheld", "结果维持", "维持"),
    _s("corrected", "结果纠正", "纠正"),
    _s("other", "其他结果", ("其他",)),
    _s("pending", "尚未审结", "尚未", "审结"),
    _s("total", "总计", "总计", exact=("合计",)),
)
RL_ROW_ORDER = ("review", "suit_direct", "suit_after_review")
RL_COL_ORDER = ("upheld", "corrected", "other", "pending", "total")

# ---------------------------------------------------------------- text between rows that is no row
# Flattened text prints, between a table's rows, labels that name no row of their own: the group
# labels of rowspan cells, a header repeated after a page break, block captions, section headings.
# A label made only of these words (after `label_key` and `strip_numbering`) is not a row, whatever
# digits follow it (`glued_strays.py`). Column labels are added from the tables above. Group labels
# (APP_GROUPS) are not among them: a group label printed with a row of values of its own is a
# subtotal row the template does not have (and 2021's "（六）其他处理" with values is 2019's row).
_HEADER_WORDS = {
    "active_disclosure": ("二主动公开政府信息情况", "主动公开政府信息情况", "信息内容", "本年新", "本年增", "本年", "减",
                          "单位", "万元", "元"),
    "applications": ("三收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况",
                     "本列数据的勾稽关系为", "第一项加第二项之和", "等于第三项加第四项之和",
                     "申请人情况", "法人或者其他组织", "法人或其他组织", "本年度办理结果", "办理结果", "单位", "件"),
}
# Header words that are also a row's label: part of a header only after other header words
ROW_LIKE_HEADER_WORDS = frozenset({"其他", "其它", "总计", "合计", "总数"})
# Block captions of table 二 ("第二十条第（五）项"), in `label_key` form
NON_ROW_PATTERNS = (re.compile(r"第[一二三四五六七八九十]+条(?:第\(?[一二三四五六七八九十]+\)?项)?"),)
# A label starting with these is a note under (or inside) the table, not a row
FOOTNOTE_MARKS = ("注", "备注", "说明", "附注", "数据来源", "资料来源")
# A label starting with one of these and a colon is a sub-row ("其中：网上申请"), not prose, when
# a row's values follow it (`glued_strays.py`); a note's colon ("注：", "单位：") stays prose
SUB_ROW_LEADS = ("其中", "其中包括", "包括", "含")


@lru_cache(maxsize=4)
def non_row_words(table: str) -> tuple[str, ...]:
    """The words of `table` that name no row, longest first (removed from a label in that order,
    so "法人或其他组织" goes before "其他").

    >>> "法人或其他组织" in non_row_words("applications"), "信息内容" in non_row_words("active_disclosure")
    (True, True)
    >>> "不予公开" in non_row_words("applications")  # a group label with a row of values is a row
    False
    """
    specs = {"active_disclosure": (AD_COLS,), "applications": (APP_COLS,)}[table]
    words = set(_HEADER_WORDS[table])
    for group in specs:
        for sp in group:
            words.add(_key_of(sp.label))
            words.update(sp.exact)
            words.update(w for ws in sp.match for w in ws if len(w) > 1)
    return tuple(sorted(words - {""}, key=len, reverse=True))


# Template signals from table 二's column labels (domain.md §5); table 三 decides by its (六) rows.
SIGNALS_2021 = ("本年制发", "制发件数", "本年处理决定", "本年收费金额", "收费通知", "不补正", "废止件数")
SIGNALS_2019 = ("本年新制作", "对外公开总数", "上一年项目", "本年增", "集中采购", "对外管理服务", "本年新公开")


def _key_of(label: str) -> str:
    return strip_numbering(label_key(label))


def match_spec(label: str, specs: tuple[Spec, ...], template: str | None = None) -> Spec | None:
    return _match_cached(label, _SPEC_SETS[id(specs)], template) if id(specs) in _SPEC_SETS else \
        _match(label, specs, template)


def _match(label: str, specs: tuple[Spec, ...], template: str | None = None) -> Spec | None:
    """First spec whose keywords all occur in the normalised label (or whose exact form it is).

    >>> match_spec("（三）不予公开 1.属于国家秘密", APP_ROWS).key
    'denied_state_secret'
    >>> match_spec("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", APP_ROWS).key
    'partially_granted'
    >>> match_spec("3.其他", APP_ROWS).key, match_spec("（六）其他处理 3.其他", APP_ROWS).key
    ('other_other', 'other_other')
    >>> match_spec("（六）其他处理", APP_ROWS).key
    'other_handling'
    >>> match_spec("社会 公益组织", APP_COLS).key
    'social_org'
    >>> match_spec("本年废纸件数", AD_COLS).key
    'repealed'
    >>> match_spec("天气", APP_ROWS) is None
    True
    >>> match_spec("（一）予以公开（不含部分公开）", APP_ROWS).key, match_spec("行政许可（含其他对外管理服务事项）", AD_ROWS).key
    ('granted', 'licensing')
    """
    key = _key_of(label)
    if not key:
        return None
    # a remark in brackets ("予以公开(不含部分公开)", "行政许可(含其他对外管理服务事项)") names
    # other rows: match without it first, then with it (the official 部分公开 label has one)
    bare = _REMARK_RE.sub("", key)
    if bare != key and bare and (spec := _match_key(bare, specs, template)) is not None:
        return spec
    return _match_key(key, specs, template)


_REMARK_RE = re.compile(r"\([^()]{2,}\)")


def is_printed_label(label: str, spec: Spec) -> bool:
    """Is `label` the spec's printed label, up to its outline numbering and a bracketed remark?

    >>> is_printed_label("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", APP_ROWS[3])
    True
    >>> is_printed_label("四、政府信息公开行政复议、行政诉讼情况行政诉讼", RL_ROWS[2])
    False
    """
    key, printed = _key_of(label), _key_of(spec.label)
    return bool(key) and (key == printed or _REMARK_RE.sub("", key) == printed)


def _match_key(key: str, specs: tuple[Spec, ...], template: str | None) -> Spec | None:
    for spec in specs:
        if template is not None and template not in spec.templates:
            continue
        if key in spec.exact:
            return spec
        for words in spec.match:
            if all(w in key for w in words):
                return spec
    return None


_SPEC_SETS: dict[int, str] = {}
_SPEC_BY_NAME: dict[str, tuple[Spec, ...]] = {}
for _name in ("AD_ROWS", "AD_COLS", "APP_COLS", "APP_ROWS", "APP_GROUPS", "RL_ROWS", "RL_COLS"):
    _SPEC_SETS[id(globals()[_name])] = _name
    _SPEC_BY_NAME[_name] = globals()[_name]


@lru_cache(maxsize=1 << 15)
def _match_cached(label: str, name: str, template: str | None) -> Spec | None:
    return _match(label, _SPEC_BY_NAME[name], template)


def spec_by_key(specs: tuple[Spec, ...], key: str) -> Spec:
    for s in specs:
        if s.key == key:
            return s
    raise KeyError(key)


def template_signal(text: str) -> str | None:
    """'2021' or '2019' when the (label) text carries a version signal, else None.

    The version with more signal words wins (a 2019 header "上一年项目数量 本年增/减 本年处理决定数量"
    carries one 2021 word); a tie goes to 2021.

    >>> template_signal("信息内容 本年制发件数"), template_signal("本年新 制作数量"), template_signal("规章")
    ('2021', '2019', None)
    >>> template_signal("上一年项目数量 本年增/减 本年处理决定数量"), template_signal("本年处理决定数量")
    ('2019', '2021')
    """
    k = label_key(text)
    n2021 = sum(s in k for s in SIGNALS_2021)
    n2019 = sum(s in k for s in SIGNALS_2019)
    if not n2021 and not n2019:
        return None
    return T2021 if n2021 >= n2019 else T2019


@lru_cache(maxsize=8)
def table_cell_keys(template: str, table: str) -> frozenset[str]:
    """The "table.row.col" keys of one table of a template."""
    return frozenset(".".join(k) for k in all_cell_keys(template) if k[0] == table)


def all_cell_keys(template: str) -> list[tuple[str, str, str]]:
    """Every (table, row_key, col_key) of a template, in printed order.

    >>> len(all_cell_keys("2021")), len(all_cell_keys("2019"))
    (200, 198)
    """
    out: list[tuple[str, str, str]] = []
    for row, cols in AD_LAYOUT[template].items():
        out += [("active_disclosure", row, c) for c in cols]
    out += [("applications", r, c) for r in APP_ROW_ORDER[template] for c in APP_COL_ORDER]
    out += [("review_litigation", r, c) for r in RL_ROW_ORDER for c in RL_COL_ORDER]
    return out


@lru_cache(maxsize=512)
def row_label(table: str, key: str) -> str:
    specs = {"active_disclosure": AD_ROWS, "applications": APP_ROWS, "review_litigation": RL_ROWS}[table]
    return spec_by_key(specs, key).label


@lru_cache(maxsize=512)
def col_label(table: str, key: str) -> str:
    specs = {"active_disclosure": AD_COLS, "applications": APP_COLS, "review_litigation": RL_COLS}[table]
    return spec_by_key(specs, key).label
