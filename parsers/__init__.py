"""Pure parsers: page bytes in, `Report` records out (no network, no disk).

>>> from parsers import parse_report
>>> r = parse_report("<html><body><p>无关页面</p></body></html>".encode(), "http://x.gov.cn/a.html")
>>> r.status
'no_tables'
"""

from .model import PARSER_VERSION, Attachment, Cell, Check, Report, Section, TableResult
from .report import parse_report

__all__ = ["PARSER_VERSION", "Attachment", "Cell", "Check", "Report", "Section", "TableResult", "parse_report"]
