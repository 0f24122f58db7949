"""nianbao: crawl, parse and export 政府信息公开工作年度报告 (see README.md)."""

from parsers import Report, parse_report

__all__ = ["Report", "parse_report"]
