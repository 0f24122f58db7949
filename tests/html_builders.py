"""Small builders of template tables in the HTML shapes real sites use (our own numbers).

Used by the parser tests to produce table 二/三/四 variants: one table or several, Shanghai-style
shifting colspans, blank 总计 cells, `<p><span>` cells, `<br>` headers, hidden cells.
"""

from __future__ import annotations

from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

APP_LABELS_2021 = {
    "new_received": ("一、本年新收政府信息公开申请数量",),
    "carried_over": ("二、上年结转政府信息公开申请数量",),
    "granted": ("三、本年度办理结果", "（一）予以公开"),
    "partially_granted": ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",),
    "denied_state_secret": ("（三）不予公开", "1.属于国家秘密"),
    "denied_law_forbidden": ("2.其他法律行政法规禁止公开",),
    "denied_three_safety": ("3.危及“三安全一稳定”",),
    "denied_third_party": ("4.保护第三方合法权益",),
    "denied_internal_affairs": ("5.属于三类内部事务信息",),
    "denied_process_info": ("6.属于四类过程性信息",),
    "denied_enforcement_file": ("7.属于行政执法案卷",),
    "denied_query_matter": ("8.属于行政查询事项",),
    "unavailable_not_held": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable_needs_creation": ("2.没有现成信息需要另行制作",),
    "unavailable_unclear": ("3.补正后申请内容仍不明确",),
    "not_processed_petition": ("（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed_repeat": ("2.重复申请",),
    "not_processed_publication": ("3.要求提供公开出版物",),
    "not_processed_excessive": ("4.无正当理由大量反复申请",),
    "not_processed_confirmation": ("5.要求行政机关确认或重新出具已获取信息",),
    "other_overdue_correction": ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "other_overdue_fee": ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",),
    "other_other": ("3.其他",),
    "other_handling": ("（六）其他处理",),
    "results_total": ("（七）总计",),
    "carried_forward": ("四、结转下年度继续办理",),
}
_GROUP_SPAN = {"三、本年度办理结果": None, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}


def td(text: str, **attrs: object) -> str:
    a = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<td{a}><p><span>{text}</span></p></td>"


def app_table(values: dict[str, list[str]], template: str = "2021", org_subtotal: str | None = None) -> str:
    """Table 三 with the official 3-row header and rowspan label groups; values[row] = 7 strings.
    `org_subtotal`: the header of an extra column after 其他 holding the organisations' sum."""
    sub = [org_subtotal] if org_subtotal else []
    rows = APP_ROW_ORDER[template]
    n_results = rows.index("results_total") - rows.index("granted") + 1
    out = ["<table border='1'><tbody>",
           "<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3)
           + td("申请人情况", colspan=7 + len(sub)) + "</tr>",
           "<tr>" + td("自然人", rowspan=2) + td("法人或其他组织", colspan=5 + len(sub)) + td("总计", rowspan=2) + "</tr>",
           "<tr>" + "".join(td(x) for x in ("商业<br>企业", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构", "其他", *sub))
           + "</tr>"]
    for key in rows:
        labels = APP_LABELS_2021[key]
        cells = []
        if template == "2019" and key == "other_handling":
            cells.append(td(labels[0], colspan=2))
        elif len(labels) == 1 and key in ("new_received", "carried_over", "carried_forward"):
            cells.append(td(labels[0], colspan=3))
        else:
            for i, lab in enumerate(labels):
                if lab in _GROUP_SPAN:
                    span = n_results if lab == "三、本年度办理结果" else _GROUP_SPAN[lab]
                    cells.append(td(lab, rowspan=span))
                elif i == len(labels) - 1 and key in ("granted", "partially_granted", "results_total"):
                    cells.append(td(lab, colspan=2))
                else:
                    cells.append(td(lab))
        vals = list(values[key])
        if sub:
            orgs = [float(v) for v in vals[1:6] if v.strip()]
            vals.insert(6, f"{sum(orgs):g}" if orgs else "")
        cells += [td(v) for v in vals]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def rl_table(values: list[str]) -> str:
    """Table 四: 15 columns, `<br>` in the headers, one data row."""
    heads = "".join(td(h, rowspan=2) for h in ("结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"))
    sub = "".join(td(h) for h in ("结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计") * 2)
    return ("<table border='1'><tr>" + td("行政复议", colspan=5) + td("行政诉讼", colspan=10) + "</tr>"
            "<tr>" + heads + td("未经复议直接起诉", colspan=5) + td("复议后起诉", colspan=5) + "</tr>"
            "<tr>" + sub + "</tr><tr>" + "".join(td(v) for v in values) + "</tr></table>")


def ad_table_2021(v: dict[str, list[str]], *, split: bool = False, remark: bool = False) -> str:
    """`remark`: a 备注 column after each block's own (its cells blank or a note)."""
    blocks = [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
        ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ]
    parts = []
    for caption, heads, rows in blocks:
        span = 3 if len(heads) == 1 else 1
        body = "<tr>" + td(caption, colspan=4 + remark) + "</tr><tr>" + td("信息内容") + "".join(
            td(h, colspan=span) for h in heads) + (td("备注") if remark else "") + "</tr>"
        for i, r in enumerate(rows):
            note = td("含2件修订" if i else "") if remark else ""
            body += "<tr>" + td(r) + "".join(td(x, colspan=span) for x in v[r]) + note + "</tr>"
        parts.append(body)
    if split:
        return "\n".join(f"<table border='1'>{p}</table>" for p in parts)
    return "<table border='1'>" + "".join(parts) + "</table>"


def page(*tables: str, title: str = "示范区某镇2023年政府信息公开工作年度报告", extra: str = "") -> bytes:
    sections = (
        "<p>一、总体情况</p><p>本年度我镇持续推进政务公开。</p>"
        "<p>二、主动公开政府信息情况</p>{0}"
        "<p>三、收到和处理政府信息公开申请情况</p>{1}"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p>{2}"
        "<p>五、存在的主要问题及改进情况</p><p>公开深度仍需加强。</p>"
        "<p>六、其他需要报告的事项</p><p>无。</p>"
    )
    t = list(tables) + [""] * (3 - len(tables))
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='nav'>首页 | 政务公开</div><h1>{title}</h1>"
            f"<div>来源：某镇人民政府 发布时间：2024-01-18 09:30</div>"
            f"<div class='TRS_Editor'>{sections.format(*t)}{extra}</div><div class='footer'>版权所有</div>"
            "</body></html>")
    return html.encode("utf-8")


def app_values(template: str = "2021", **overrides: list[str]) -> dict[str, list[str]]:
    """A consistent table 三: 12 applications from people, 3 from companies; all identities hold."""
    rows = APP_ROW_ORDER[template]
    vals = {r: ["0"] * 7 for r in rows}
    vals["new_received"] = ["12", "3", "0", "0", "0", "0", "15"]
    vals["carried_over"] = ["1", "0", "0", "0", "0", "0", "1"]
    vals["granted"] = ["7", "2", "0", "0", "0", "0", "9"]
    vals["unavailable_not_held"] = ["3", "1", "0", "0", "0", "0", "4"]
    vals["not_processed_repeat"] = ["1", "0", "0", "0", "0", "0", "1"]
    vals["results_total"] = ["11", "3", "0", "0", "0", "0", "14"]
    vals["carried_forward"] = ["2", "0", "0", "0", "0", "0", "2"]
    vals.update(overrides)
    return vals


RL_VALUES = ["2", "1", "0", "1", "4", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
assert len(APP_COL_ORDER) == 7 and len(RL_ROW_ORDER) * len(RL_COL_ORDER) == 15
