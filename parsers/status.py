"""A parsed report's template, identity checks and status (schema.md), from its cells.

Status, worst first: failed > no_tables > partial > inconsistent > ok; a partial report that also
fails a strict identity says so in its reason ("…; also fails CHECK (strict)"). A pre-2019 report never
gets 2019/2021 cells; a reposted blank template (a 通知 with the 格式) is `no_tables`; a table
whose labels name no template takes the one its year was published under, flagged.
"""

from __future__ import annotations

import re

from . import templates as T
from .checks import identity_checks, strict_failures
from .model import Report
from .titles import reads_like_title

TABLE_NAMES = ("active_disclosure", "applications", "review_litigation")


def finish(report: Report) -> None:
    """Template, checks, status and its reason, once cells and metadata are in."""
    _status(report)
    if report.unknown_labels and report.status != "failed":
        note = f"{len(report.unknown_labels)} unknown label(s): " + "; ".join(report.unknown_labels[:3])
        report.status_reason = f"{report.status_reason}; {note}" if report.status_reason else note


def _has_template_tables(report: Report) -> bool:
    """Tables only the 2019/2021 templates have: table 三's 20-odd result rows, table 二's
    第二十条 blocks, table 四's fifteen cells. A pre-2019 statistics table borrowing a few of
    their labels has none of these shapes."""
    rows: dict[str, set[str]] = {t: set() for t in TABLE_NAMES}
    cells: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)
    for c in report.cells:
        rows[c.table].add(c.row_key)
        cells[c.table] += 1
    return len(rows["applications"]) >= 20 or len(rows["active_disclosure"]) >= 4 or cells["review_litigation"] >= 15


# a report title of any wording ("某局2023年信息公开工作年度报告", without 政府): a PDF-only
# report page is a report with no table in the page, not "not an annual report"
_ANY_REPORT_TITLE = re.compile(r"公开.{0,8}(?:年度报告|年报|工作报告)")
_NOT_A_REPORT_TITLE = re.compile(r"格式|模板|样表|范本|样式|编制说明|填报说明")
_QUOTED_OR_NOTE = re.compile(r"《[^》]*》|[（(][^()（）]*[)）]")


def _own_report(report: Report) -> bool:
    """The page is a body's report for a year (its tables may be all blank: nothing happened),
    not the blank template reposted with a notice. A report quoted in a notice's title
    ("关于印发《某镇2023年…年度报告》的通知") or carrying a note ("（样式参照国办格式）") is one.

    >>> r = Report("x", report_year=2023, title="关于印发《某镇2023年政府信息公开工作年度报告》的通知")
    >>> _own_report(r), _own_report(Report("x", report_year=2023, title="2023年度政府信息公开工作年度报告编制说明"))
    (True, False)
    >>> [_own_report(Report("x", report_year=2022, title=t)) for t in
    ...  ("某镇人民政府关于2022年政府信息公开工作年度报告的通知", "关于报送政府信息公开工作年度报告的通知",
    ...   "某市人民政府办公室关于做好2022年度政府信息公开工作年度报告编制和发布工作的通知")]
    [True, False, False]
    """
    if report.report_year is None:
        return False
    title = report.title or ""
    if not reads_like_title(title):
        return report.publisher is not None  # no title found: a publisher and a year still say whose
    quoted = re.findall(r"《([^》]*)》", title)
    if any(reads_like_title(q) and re.search(r"(?:19|20)\d\d", q) for q in quoted):
        return True
    bare = _QUOTED_OR_NOTE.sub("", title)
    if "通知" in bare:
        # "某镇人民政府关于2022年政府信息公开工作年度报告的通知" publishes the report itself; a
        # notice about the work ("关于做好2023年度…年度报告编制和发布工作的通知") is not one
        m = re.search(r"关于(.*?)的?通知", bare)
        about = m.group(1) if m else bare
        return bool(re.search(r"(?:19|20)\d\d", about)) and bool(re.search(r"(?:年度报告|年报)$", about)) \
            and not re.search(r"做好|开展|报送|编制|发布工作|格式", about)
    return not _NOT_A_REPORT_TITLE.search(bare)


def _template_from_year(report: Report, found: list[str]) -> None:
    """A table whose labels name no template (table 四 alone: both templates print it alike)
    takes the one its report year was published under (domain.md §5): 2019 for 2019–2020."""
    year = report.report_year
    bare = [t for t in found if t not in report.templates_by_table]
    if not bare:
        return
    if year is None or year < 2019:
        for t in bare:  # the cells stay template "unknown"; say why
            report.warnings.append(f"{t}: no template signal in its labels and "
                                   + ("no report year" if year is None else f"report year {year}")
                                   + ": template unknown")
        return
    tpl = "2019" if year <= 2020 else "2021"
    for t in bare:
        report.templates_by_table[t] = tpl
        report.warnings.append(f"{t}: no template signal in its labels; template {tpl} from report year {year}")
    report.cells = [c._replace(template=tpl) if c.table in bare and c.template == "unknown" else c
                    for c in report.cells]


def _status(report: Report) -> None:
    if report.report_year is not None and report.report_year <= 2018:
        if not _has_template_tables(report):
            # pre-2019 reports have no national table: never force their numbers into 2019/2021 keys
            if report.cells or report.undetermined:
                report.warnings.append("pre-2019 report: template-like cells dropped")
            report.cells, report.undetermined, report.templates_by_table = [], {}, {}
            report.table_source = report.table_form = "none"
        else:  # the tables are the template's (labels decide, schema.md): the year may be misread
            report.warnings.append(f"report year {report.report_year} but 2019/2021 template tables: "
                                   "check the year")
    empty_template = False
    if report.cells and not report.undetermined and all(c.value_kind in ("blank", "na") for c in report.cells) \
            and not _own_report(report):
        # the template's tables with not one number in them, on a page that is not one body's
        # report for a year: a repost of the blank template (the 国办公开办函 notice)
        report.warnings.append(f"{len(report.cells)} template cells, none with a number: an empty template")
        report.cells, report.templates_by_table = [], {}
        empty_template = True
        report.table_source = report.table_form = "none"
    found = [t for t in TABLE_NAMES if t in report.templates_by_table
             or any(c.table == t for c in report.cells)
             or any(k.startswith(t + ".") for k in report.undetermined)]
    _template_from_year(report, found)
    tpls = [report.templates_by_table[t] for t in TABLE_NAMES if t in report.templates_by_table]
    if len(set(tpls)) > 1 and report.report_year is not None and report.report_year >= 2019:
        # tables of both versions (a 2021 report with last year's table 三 layout pasted in): the
        # report's own version is the one its year was published under; each table keeps its own
        report.template = "2019" if report.report_year <= 2020 else "2021"
    elif tpls:
        report.template = report.templates_by_table.get("applications") or max(set(tpls), key=tpls.count)
    elif report.report_year is not None and report.report_year <= 2018 and not found:
        # a template table whose labels name no version (table 四 alone) is not a pre-2019
        # statistics table: the report's template is unknown, its cells stay template cells
        report.template = "pre2019"
    else:
        report.template = "unknown"
    report.checks = identity_checks(report.cells, report.templates_by_table, found)
    if not found and not reads_like_title(report.title) and len(report.sections) < 2 \
            and not _ANY_REPORT_TITLE.search(report.title or "") \
            and not any(a.kind != "image" for a in report.attachments):
        # no report title, no report sections, no table: another document of the 年报 column (a
        # notice, a work summary) or an error page. Parsed, so not `failed`; the reason says what it is
        report.status = "no_tables"
        report.status_reason = "not an annual report: no report title, sections or tables"
        return
    if not found:
        report.status = "no_tables"
        report.status_reason = ("the template's tables with no number in any cell, on a page that is not"
                                " one body's report for a year: a reposted blank form" if empty_template else
                                "no template table in the page") + (
            f" ({sum(a.kind != 'image' for a in report.attachments)} attachment(s),"
            f" {sum(a.kind == 'image' for a in report.attachments)} image(s))" if report.attachments else "")
        return
    reasons = []
    missing_tables = [t for t in TABLE_NAMES if t not in found]
    if missing_tables:
        reasons.append("missing table(s): " + ", ".join(missing_tables))
    present = {f"{c.table}.{c.row_key}.{c.col_key}" for c in report.cells} | set(report.undetermined)
    missing_cells: list[str] = []
    for table in found:
        tpl = report.templates_by_table.get(table, report.template if report.template in ("2019", "2021") else None)
        if tpl is None:
            continue
        missing_cells += sorted(T.table_cell_keys(tpl, table) - present)
    if missing_cells:
        reasons.append(f"{len(missing_cells)} template cell(s) not found: " + ", ".join(missing_cells[:5])
                       + (" …" if len(missing_cells) > 5 else ""))
    und = report.undetermined
    if und:
        reasons.append(f"{len(und)} cell(s) undetermined: " + ", ".join(sorted(und)[:5])
                       + (" …" if len(und) > 5 else ""))
    fails = strict_failures(report.checks)
    if reasons:
        # partial comes first (schema.md), but an identity that fails on the cells that were read
        # is still a finding: say so, or filtering on the reason would miss it
        if fails:
            reasons.append(f"also fails {', '.join(fails)} (strict)")
        report.status = "partial"
        report.status_reason = "; ".join(reasons)
        return
    if fails:
        report.status = "inconsistent"
        report.status_reason = "source identities fail: " + ", ".join(fails)
        return
    report.status = "ok"
    report.status_reason = ""
