"""The report's own words, in Vietnamese and English (the rulebook supplies the domain's)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["LANGS", "TEXT", "consequence_key"]

LANGS: Final = ("vi", "en")

TEXT: Final[Mapping[str, tuple[str, str]]] = {
    "title": ("Báo cáo kiểm tra, giám sát năm {year}", "Inspection and supervision report, {year}"),
    "scope": ("Phạm vi", "Scope"),
    "scope_all": ("toàn bộ dữ liệu của đợt rà soát", "the whole review"),
    "scope_none": ("không có quyền xem dữ liệu nào", "no data this reader may see"),
    "switch": ("English", "Tiếng Việt"),
    "overview": ("Tổng quan", "Overview"),
    "organisations": ("Tổ chức cơ sở đảng", "Grassroots organisations"),
    "cells": ("Chi bộ", "Cells"),
    "members": ("Đảng viên", "Members"),
    "findings": ("Phát hiện", "Findings"),
    "cases": ("Vụ việc đã mở", "Cases opened"),
    "sanctions_count": ("Kỷ luật, xóa tên", "Sanctions, removals"),
    "ratings": ("Xếp loại chất lượng đảng viên theo chi bộ", "Members' quality ratings by cell"),
    "ratings_by_grassroots": (
        "Xếp loại chất lượng đảng viên theo tổ chức cơ sở đảng",
        "Members' quality ratings by grassroots organisation",
    ),
    "ratings_none": ("Không có kết quả xếp loại.", "No ratings."),
    "by_rule": ("Phát hiện theo quy tắc", "Findings by rule"),
    "by_rule_none": ("Không có phát hiện nào.", "No findings."),
    "count": ("Số lượng", "Count"),
    "member_count": ("Số đảng viên", "Members"),
    "case_count": ("Số vụ việc", "Cases"),
    "funnel": ("Tiến trình xử lý vụ việc theo thủ tục", "Case funnel by procedure"),
    "funnel_intro": (
        "Số vụ việc đã đi qua từng bước của mỗi thủ tục.",
        "How many cases reached each step of each procedure.",
    ),
    "funnel_none": ("Chưa có kết quả xử lý vụ việc nào.", "No case has an outcome yet."),
    "pending": (
        "Vụ việc đã mở, chưa có kết quả xử lý",
        "Cases opened that have no outcome yet",
    ),
    "sanctions": ("Kỷ luật và xóa tên", "Sanctions and removals"),
    "sanctions_none": ("Không có kỷ luật hay xóa tên nào.", "No sanctions or removals."),
    "subject": ("Đối tượng", "Subject"),
    "cell": ("Chi bộ", "Cell"),
    "procedure": ("Thủ tục", "Procedure"),
    "outcome": ("Kết quả", "Outcome"),
    "sanction": ("Hình thức kỷ luật", "Sanction"),
    "removal": ("Xóa tên khỏi danh sách đảng viên", "Removal from the roll"),
    "why": ("Lý do", "Why"),
    "basis": ("Căn cứ chi tiết", "Full basis"),
    "funds": ("Kết quả kiểm tra tài chính theo chi bộ", "Fund audit results by cell"),
    "funds_none": ("Không có phát hiện nào về tài chính.", "No fund audit findings."),
    "unit": ("Đơn vị", "Unit"),
    "rule": ("Quy tắc", "Rule"),
    "state": ("Bước", "Step"),
    "diagrams": ("Sơ đồ các thủ tục", "Procedure diagrams"),
    "diagrams_intro": (
        "Sơ đồ các bước của những thủ tục có vụ việc trong báo cáo này (phiên bản áp dụng cho vụ việc).",
        "The steps of the procedures this report has cases of (the versions the cases follow).",
    ),
    "diagrams_none": ("Không có thủ tục nào để vẽ.", "No procedure to draw."),
    "version": ("phiên bản", "version"),
    "mermaid_note": (
        "Không vẽ được sơ đồ (máy không có Graphviz); dưới đây là mô tả dạng văn bản (mermaid).",
        "The diagram could not be drawn (no Graphviz here); this is its mermaid text.",
    ),
    "unknown_procedure": (
        "Không có định nghĩa của thủ tục này trong bộ quy tắc.",
        "The rulebook has no definition of this procedure.",
    ),
    "chart_failed": ("Không vẽ được biểu đồ.", "The chart could not be drawn."),
    "footer": (
        "Tạo bởi kiemtra {version}. Tệp này tự chứa mọi thứ, xem được khi không có mạng. "
        "Danh tính người tố cáo không bao giờ được hiển thị.",
        "Made by kiemtra {version}. This file holds everything it shows and needs no network. "
        "A denouncer's identity is never shown.",
    ),
    "consequence.sign_of_violation": ("Dấu hiệu vi phạm", "Sign of violation"),
    "consequence.removal_ground": ("Căn cứ xóa tên", "Ground for removal"),
    "consequence.reminder": ("Nhắc nhở", "Reminder"),
    "consequence.note": ("Ghi nhận", "Note"),
    "consequence.rating_input": ("Căn cứ xếp loại", "Rating input"),
}
"""``key -> (Vietnamese, English)``."""


def consequence_key(value: str) -> str:
    """The :data:`TEXT` key of a finding's consequence."""
    return f"consequence.{value}"
