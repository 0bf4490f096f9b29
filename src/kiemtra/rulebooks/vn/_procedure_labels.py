"""Vietnamese and English labels of the twelve procedures: titles, states, moves, outcomes, guard messages.

Keys (:func:`kiemtra.rulebooks.vn._procedures.label_keys` lists every one):

* ``<Procedure>.title``;
* ``<Procedure>.state.<STATE>`` and ``<Procedure>.move.<trigger>``, as :meth:`kiemtra.Procedure.label_keys`
  gives them;
* ``<Procedure>.outcome.<outcome>`` for the outcome each concluding move records;
* ``vn.blocked.<reason>``: the messages of the procedures' own guards, with the placeholders they pass.

A state or a move that means the same in every procedure has one text (:data:`STATES`, :data:`MOVES`);
:data:`STATE_OVERRIDES` and :data:`MOVE_OVERRIDES` give a procedure its own wording where it differs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

from kiemtra._rules._templates import Templates
from kiemtra.rulebooks.vn._procedures import OUTCOMES, procedures

__all__ = ["procedure_templates"]

_Pair = tuple[str, str]

TITLES: Final[Mapping[str, _Pair]] = {
    "InspectionOnSignsOfViolation": (
        "Kiểm tra khi có dấu hiệu vi phạm",
        "Inspection on signs of violation",
    ),
    "ThematicInspection": (
        "Kiểm tra đảng viên chấp hành (chuyên đề) của chi bộ",
        "Thematic inspection by a cell",
    ),
    "InspectionOfOversightDuties": (
        "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật",
        "Inspection of the oversight and discipline work of a lower organisation",
    ),
    "PartyFinanceInspection": ("Kiểm tra tài chính đảng", "Party finance inspection"),
    "ThematicSupervision": ("Giám sát chuyên đề", "Thematic supervision"),
    "RegularSupervision": ("Giám sát thường xuyên", "Regular supervision"),
    "DenunciationResolution": ("Giải quyết tố cáo", "Resolution of a denunciation"),
    "DisciplinaryProceeding": ("Thi hành kỷ luật", "Disciplinary proceeding"),
    "DisciplinaryComplaintResolution": (
        "Giải quyết khiếu nại kỷ luật đảng",
        "Resolution of a complaint against party discipline",
    ),
    "RemovalFromRoll": ("Xóa tên trong danh sách đảng viên", "Removal from the roll of members"),
    "QualityClassification": (
        "Kiểm điểm, đánh giá, xếp loại chất lượng",
        "Review, assessment and quality classification",
    ),
    "Suspension": ("Đình chỉ sinh hoạt đảng, sinh hoạt cấp ủy, hoạt động", "Suspension"),
}

STATES: Final[Mapping[str, _Pair]] = {
    "ANNOUNCED": (
        "Đã công bố quyết định (đang trong thời hạn khiếu nại)",
        "Announced (complaint window open)",
    ),
    "ANNUAL_PLAN_DRAFTED": ("Đã dự thảo kế hoạch kiểm tra, giám sát năm", "Annual plan drafted"),
    "ANNULLED": ("Đã bị hủy bỏ", "Annulled"),
    "APPRAISED": ("Đã thẩm định, đề xuất mức xếp loại", "Appraised, level proposed"),
    "ARCHIVED": ("Đã lưu hồ sơ", "Archived"),
    "BARRED": ("Hết thời hiệu xử lý kỷ luật", "Barred by limitation"),
    "CELL_MEETING": ("Chi bộ họp xem xét", "Cell meeting"),
    "CELL_REVIEW": ("Chi bộ xem xét", "Cell review"),
    "CELL_REVIEW_MEETING": ("Họp kiểm điểm tự phê bình và phê bình", "Review meeting of the cell"),
    "CLARIFYING": ("Đang yêu cầu làm rõ", "Clarifying"),
    "CLOSED": ("Đã kết thúc", "Closed"),
    "CLOSED_WITH_NOTICE": (
        "Kết thúc, đã thông báo kết quả giám sát",
        "Closed with notice of the result",
    ),
    "COMBINED": (
        "Tiến hành đồng thời kiểm tra và thi hành kỷ luật",
        "Inspection and discipline run together",
    ),
    "COMMISSION_REVIEW": ("Ủy ban kiểm tra xem xét", "Review by the commission"),
    "COMPLAINT_PENDING": (
        "Đang giải quyết khiếu nại (kỷ luật vẫn có hiệu lực)",
        "Complaint pending (in force)",
    ),
    "CONCLUDED": ("Đã kết luận", "Concluded"),
    "CONCLUSION_NOTIFIED": ("Đã thông báo kết luận", "Conclusion notified"),
    "DECIDED": ("Đã quyết định", "Decided"),
    "DEFERRED": ("Chưa xem xét kỷ luật", "Deferred"),
    "DEFERRED_PRE_CONGRESS": ("Tạm dừng do trước đại hội", "Deferred before the congress"),
    "DENOUNCER_NOTIFIED": ("Đã thông báo cho người tố cáo", "Denouncer notified"),
    "DRAFT_MINUTES": ("Dự thảo biên bản", "Draft minutes"),
    "DRAFT_REPORT": ("Dự thảo báo cáo kết quả", "Draft report"),
    "DROPPED": ("Không tiến hành kiểm tra", "Not inspected"),
    "EFFECT_LAPSED": ("Kỷ luật đã hết hiệu lực", "Sanction lapsed"),
    "ESCALATED": ("Đã chuyển lên cấp trên hoặc sang kiểm tra", "Escalated"),
    "EXPIRED": ("Hết thời hạn", "Time limit expired"),
    "FINAL_REPORT": ("Báo cáo kết quả giám sát", "Final report"),
    "GROUND_FOUND": ("Phát hiện căn cứ xóa tên", "Ground for removal found"),
    "HANDED_OVER": ("Đã bàn giao cho cấp ủy khóa mới", "Handed over to the new committee"),
    "HANDLED_AS_COMPLAINT": ("Xử lý như đơn khiếu nại", "Handled as a complaint"),
    "HEARING": ("Nghe đảng viên trình bày ý kiến", "Hearing of the member"),
    "INADMISSIBLE": ("Không thụ lý", "Inadmissible"),
    "INITIATED": ("Đã khởi động, kiểm tra điều kiện xem xét", "Initiated, prechecks"),
    "INVESTIGATING": ("Đang giải quyết (thẩm tra, xác minh)", "Being resolved (verification)"),
    "IN_EFFECT": ("Kỷ luật đang có hiệu lực", "Sanction in force"),
    "KEPT": ("Không xóa tên", "Kept on the roll"),
    "LIFTED": ("Đã chấm dứt đình chỉ", "Suspension lifted"),
    "MEETING": ("Họp làm việc", "Meeting"),
    "MONITORING": ("Đang theo dõi, giám sát", "Monitoring"),
    "NOTIFIED": ("Đã thông báo", "Notified"),
    "NOT_DISCIPLINED": ("Không thi hành kỷ luật", "Not disciplined"),
    "NOT_RATED": ("Không xếp loại", "Not rated"),
    "NOT_SUSPENDED": ("Không đình chỉ", "Not suspended"),
    "ORG_MEETING": ("Tổ chức đảng quản lý họp kiểm điểm", "Meeting of the managing organisation"),
    "ORG_SUSPENDED": ("Tổ chức đảng bị đình chỉ hoạt động", "Organisation suspended"),
    "OUTLINE_SENT": ("Đã gửi đề cương báo cáo", "Outline sent"),
    "PLANNED": ("Có trong chương trình kiểm tra", "Planned"),
    "PLAN_ADOPTED": ("Chi bộ đã thông qua kế hoạch", "Plan adopted"),
    "PROPOSED": ("Đã đề xuất", "Proposed"),
    "PROPOSED_TO_HIGHER": ("Đã đề nghị cấp trên quyết định", "Proposed to the higher level"),
    "PUBLISHED": ("Đã công bố kết quả xếp loại", "Published"),
    "RECEIVED": ("Đã tiếp nhận", "Received"),
    "REFERRED": ("Đã chuyển xem xét kỷ luật", "Referred to discipline"),
    "REFERRED_AS_SIGN": ("Dùng làm dấu hiệu vi phạm để kiểm tra", "Used as a sign of violation"),
    "REJECTED": ("Không giải quyết", "Not taken up"),
    "REMEDIATED": ("Đã khắc phục xong", "Remediated"),
    "REMEDIATION_FOLLOWUP": ("Theo dõi việc khắc phục", "Follow-up of remediation"),
    "REMINDED": ("Đã nhắc nhở", "Reminded"),
    "REMOVED": ("Đã xóa tên", "Removed from the roll"),
    "REPORTED_TO_COMMISSION": ("Đã báo cáo ủy ban kiểm tra", "Reported to the commission"),
    "REPORT_RECEIVED": ("Đã nhận báo cáo của đối tượng", "Subject's report received"),
    "RESTORATION": ("Đang xin lỗi, phục hồi quyền lợi", "Restoration under way"),
    "RESTORED": ("Đã xin lỗi và phục hồi quyền lợi", "Apologised and restored"),
    "REVIEWING": ("Bí thư nghiên cứu, làm rõ", "Secretary reviewing"),
    "SECRET_BALLOT": ("Bỏ phiếu kín", "Secret ballot"),
    "SELF_ASSESSED": ("Đã tự đánh giá, tự xếp loại", "Self-assessed"),
    "SELF_CRITICISM": ("Kiểm điểm tự phê bình", "Self-criticism"),
    "SELF_REPORT": ("Đã nộp báo cáo tự kiểm tra", "Self-inspection report submitted"),
    "SIGN_DETECTED": ("Phát hiện dấu hiệu vi phạm", "Sign of violation detected"),
    "SUBJECT_EXPLAINING": ("Đối tượng chuẩn bị báo cáo giải trình", "Subject explaining"),
    "SUBMITTED": ("Đã trình ủy ban kiểm tra, cấp ủy", "Submitted"),
    "SUSPENDED_FROM_ACTIVITY": ("Bị đình chỉ sinh hoạt đảng", "Suspended from party activity"),
    "SUSPENDED_FROM_ACTIVITY_AND_COMMITTEE": (
        "Bị đình chỉ sinh hoạt đảng và sinh hoạt cấp ủy",
        "Suspended from party activity and the committee",
    ),
    "SUSPENDED_FROM_COMMITTEE": ("Bị đình chỉ sinh hoạt cấp ủy", "Suspended from the committee"),
    "TEAM_BRIEFED": ("Đoàn giám sát đã triển khai", "Team briefed"),
    "VERIFYING": ("Đang thẩm tra, xác minh", "Verifying"),
    "WITHDRAWN": ("Đã rút đơn", "Withdrawn"),
}

STATE_OVERRIDES: Final[Mapping[str, Mapping[str, _Pair]]] = {
    "InspectionOnSignsOfViolation": {
        "DECIDED": ("Đã ra quyết định kiểm tra", "Inspection decided")
    },
    "InspectionOfOversightDuties": {"DECIDED": ("Đã ra quyết định kiểm tra", "Inspection decided")},
    "ThematicSupervision": {
        "DECIDED": ("Đã ra quyết định, kế hoạch, đề cương giám sát", "Supervision decided"),
        "ESCALATED": ("Chuyển sang kiểm tra khi có dấu hiệu vi phạm", "Escalated to an inspection"),
        "MEETING": ("Họp nghe báo cáo và dự thảo kết quả giám sát", "Meeting on the draft result"),
    },
    "RegularSupervision": {
        "ESCALATED": ("Chuyển sang kiểm tra khi có dấu hiệu vi phạm", "Escalated to an inspection"),
    },
    "PartyFinanceInspection": {
        "DECIDED": ("Đã ra quyết định kiểm tra", "Inspection decided"),
        "ESCALATED": ("Chuyển sang kiểm tra khi có dấu hiệu vi phạm", "Escalated to an inspection"),
        "NOTIFIED": ("Đã thông báo kết luận", "Conclusion notified"),
    },
    "DisciplinaryComplaintResolution": {
        "ESCALATED": ("Khiếu nại lên cấp trên", "Escalated to the next level"),
        "DECIDED": ("Đã quyết định giải quyết khiếu nại", "Complaint decided"),
    },
    "DisciplinaryProceeding": {"DECIDED": ("Đã quyết định kỷ luật", "Sanction decided")},
    "RemovalFromRoll": {
        "DECIDED": ("Cấp có thẩm quyền đã quyết định xóa tên", "Removal decided"),
        "PROPOSED": ("Chi bộ đã đề nghị xóa tên", "Removal proposed"),
    },
    "QualityClassification": {"DECIDED": ("Đã quyết định xếp loại", "Rating decided")},
    "Suspension": {"PROPOSED": ("Đề nghị đình chỉ", "Suspension proposed")},
    "ThematicInspection": {"NOTIFIED": ("Đã thông báo cho đảng viên", "Member notified")},
}

MOVES: Final[Mapping[str, _Pair]] = {
    "accept": ("thụ lý, quyết định giải quyết", "accept and decide to resolve"),
    "adopt_plan": ("chi bộ thông qua kế hoạch", "adopt the plan"),
    "announce": ("công bố quyết định", "announce the decision"),
    "annul_proposal": ("không chuẩn y đề nghị (xóa bỏ)", "annul the proposal"),
    "annul_rating": ("hủy kết quả xếp loại", "annul the rating"),
    "appraise": ("thẩm định, đề xuất mức xếp loại", "appraise and propose a level"),
    "approve_proposal": ("chuẩn y hình thức đề nghị", "approve the proposed form"),
    "archive": ("lưu hồ sơ", "archive"),
    "bar_by_limitation": ("xác định hết thời hiệu", "close as barred by limitation"),
    "brief_team": ("triển khai đoàn giám sát", "brief the team"),
    "change_proposal": ("thay đổi hình thức đề nghị", "change the proposed form"),
    "close": ("kết thúc", "close"),
    "close_complaint_window": ("kết thúc thời hạn khiếu nại", "close the complaint window"),
    "close_permanent": (
        "kết thúc (hình thức không tự hết hiệu lực)",
        "close (form does not lapse)",
    ),
    "close_with_notice": ("thông báo kết quả và kết thúc", "notify the result and close"),
    "conclude_cell_meeting": ("chi bộ kết luận cuộc họp", "conclude the cell meeting"),
    "conclude_combined": (
        "kết luận (đã tiến hành đồng thời kỷ luật)",
        "conclude (discipline run together)",
    ),
    "conclude_compliant": ("kết luận chấp hành tốt", "conclude: complied"),
    "conclude_discipline": (
        "kết luận vi phạm đến mức phải xử lý kỷ luật",
        "conclude: violation to discipline level",
    ),
    "conclude_false": ("kết luận tố cáo sai", "conclude: false"),
    "conclude_no_violation": ("kết luận không vi phạm", "conclude: no violation"),
    "conclude_partly_true": ("kết luận tố cáo đúng một phần", "conclude: partly true"),
    "conclude_shortcoming": (
        "kết luận vi phạm chưa đến mức kỷ luật (kiểm điểm, rút kinh nghiệm)",
        "conclude: violation short of discipline (lessons learned)",
    ),
    "conclude_shortcomings": ("kết luận có hạn chế, khuyết điểm", "conclude: shortcomings"),
    "conclude_signs_of_violation": ("kết luận có dấu hiệu vi phạm", "conclude: signs of violation"),
    "conclude_sound": ("kết luận làm tốt", "conclude: sound"),
    "conclude_true": ("kết luận tố cáo đúng", "conclude: true"),
    "conclude_violation": ("kết luận có vi phạm", "conclude: violation"),
    "confirm_remediation": ("xác nhận đã khắc phục", "confirm remediation"),
    "decide_annul": ("quyết định xóa bỏ hình thức kỷ luật", "decide to annul the sanction"),
    "decide_change": ("quyết định thay đổi hình thức kỷ luật", "decide to change the sanction"),
    "decide_dissolution": ("quyết định giải tán", "decide dissolution"),
    "decide_expulsion": ("quyết định khai trừ", "decide expulsion"),
    "decide_inspection": (
        "ra quyết định và kế hoạch kiểm tra",
        "decide the inspection and its plan",
    ),
    "decide_keep": ("quyết định giữ nguyên hình thức kỷ luật", "decide to keep the sanction"),
    "decide_removal": ("quyết định xóa tên", "decide the removal"),
    "decide_removal_from_post": ("quyết định cách chức", "decide removal from post"),
    "decide_reprimand": ("quyết định khiển trách", "decide a reprimand"),
    "decide_warning": ("quyết định cảnh cáo", "decide a warning"),
    "defer": ("chưa xem xét kỷ luật", "defer consideration"),
    "defer_pre_congress": ("tạm dừng do trước đại hội", "defer until after the congress"),
    "draft_minutes": ("dự thảo biên bản", "draft the minutes"),
    "draft_report": ("dự thảo báo cáo kết quả", "draft the report"),
    "drop": ("không tiến hành kiểm tra", "drop the inspection"),
    "end_on_expiry": ("kết thúc khi hết thời hạn đình chỉ", "end at the expiry of the time limit"),
    "escalate": ("chuyển lên cấp trên, sang kiểm tra", "escalate"),
    "escalate_unremedied": ("chuyển kiểm tra do không khắc phục", "escalate: not remedied"),
    "exclude_from_rating": ("không xếp loại (miễn sinh hoạt, bị đình chỉ)", "exclude from rating"),
    "exempt": ("miễn, không xem xét kỷ luật", "exempt from discipline"),
    "file_complaint": ("gửi đơn khiếu nại", "file a complaint"),
    "finalise_report": ("hoàn chỉnh báo cáo kết quả giám sát", "finalise the report"),
    "follow_up": ("theo dõi việc khắc phục", "follow up remediation"),
    "hand_over": ("bàn giao cho cấp ủy khóa mới", "hand over to the new committee"),
    "handle_as_complaint": ("xử lý như khiếu nại, hướng dẫn tố cáo riêng", "handle as a complaint"),
    "hear_member": ("gặp, nghe đảng viên trình bày ý kiến", "hear the member"),
    "hold_cell_meeting": ("chi bộ họp xem xét, kết luận", "hold the cell meeting"),
    "hold_meeting": ("họp làm việc", "hold the meeting"),
    "hold_org_meeting": (
        "tổ chức đảng quản lý họp kiểm điểm",
        "hold the managing organisation's meeting",
    ),
    "hold_review_meeting": ("họp kiểm điểm tự phê bình và phê bình", "hold the review meeting"),
    "keep_on_roll": ("không đề nghị xóa tên", "keep on the roll"),
    "lapse": ("kỷ luật hết hiệu lực", "lapse of the sanction"),
    "lift": ("chấm dứt đình chỉ", "lift the suspension"),
    "no_sanction": ("không kỷ luật theo kết quả bỏ phiếu", "no sanction by ballot"),
    "notify": ("thông báo quyết định", "notify the decision"),
    "notify_conclusion": ("thông báo kết luận", "notify the conclusion"),
    "notify_denouncer": ("thông báo kết quả cho người tố cáo", "notify the denouncer"),
    "notify_member": ("thông báo cho đảng viên", "notify the member"),
    "notify_subject": ("công bố quyết định cho đối tượng", "notify the subject"),
    "proceed": ("tiến hành xem xét kỷ luật", "proceed"),
    "proceed_in_absence": (
        "tiến hành khi đảng viên nhiều lần vắng mặt không có lý do",
        "proceed in the member's repeated unexcused absence",
    ),
    "proceed_without_explanation": (
        "tiến hành khi đối tượng không giải trình",
        "proceed without an explanation",
    ),
    "propose": ("đề nghị cấp trên quyết định", "propose to the higher level"),
    "propose_removal": ("chi bộ đề nghị xóa tên", "propose removal"),
    "publish": ("công bố kết quả xếp loại", "publish the rating"),
    "rate_completed": ("xếp loại hoàn thành nhiệm vụ", "rate: completed"),
    "rate_excellent": ("xếp loại hoàn thành xuất sắc nhiệm vụ", "rate: excellent"),
    "rate_good": ("xếp loại hoàn thành tốt nhiệm vụ", "rate: good"),
    "rate_not_completed": ("xếp loại không hoàn thành nhiệm vụ", "rate: not completed"),
    "receive_report": ("nhận báo cáo của đối tượng giám sát", "receive the subject's report"),
    "record_complaint_annulled": (
        "ghi nhận: khiếu nại được chấp nhận, xóa bỏ kỷ luật",
        "record: sanction annulled",
    ),
    "record_complaint_changed": (
        "ghi nhận: thay đổi hình thức kỷ luật",
        "record: sanction changed",
    ),
    "record_complaint_kept": ("ghi nhận: giữ nguyên kỷ luật", "record: sanction kept"),
    "record_observation": ("ghi nhận kết quả theo dõi", "record an observation"),
    "record_restoration": ("ghi nhận việc xin lỗi, phục hồi quyền lợi", "record the restoration"),
    "refer_as_sign_of_violation": (
        "dùng làm căn cứ kiểm tra dấu hiệu vi phạm",
        "use as a sign of violation",
    ),
    "refer_to_discipline": ("chuyển xem xét kỷ luật", "refer to discipline"),
    "reject_anonymous": ("không giải quyết đơn nặc danh, mạo danh", "set aside: anonymous"),
    "reject_inadmissible": ("không thụ lý khiếu nại", "reject as inadmissible"),
    "reject_proposal": ("không chấp nhận đề nghị xóa tên", "reject the proposal"),
    "reject_repeated": (
        "không giải quyết đơn tố cáo lại không có nội dung mới",
        "set aside: repeated",
    ),
    "reject_unverifiable": ("không giải quyết đơn không rõ nội dung", "set aside: unverifiable"),
    "remind": ("nhắc nhở", "remind"),
    "report_to_commission": ("báo cáo ủy ban kiểm tra", "report to the commission"),
    "request_clarification": ("yêu cầu giải trình, làm rõ", "request clarification"),
    "request_explanation": ("gửi đề cương gợi ý báo cáo giải trình", "request an explanation"),
    "rerate_completed": ("xếp loại lại: hoàn thành nhiệm vụ", "re-rate: completed"),
    "rerate_excellent": ("xếp loại lại: hoàn thành xuất sắc nhiệm vụ", "re-rate: excellent"),
    "rerate_good": ("xếp loại lại: hoàn thành tốt nhiệm vụ", "re-rate: good"),
    "rerate_not_completed": ("xếp loại lại: không hoàn thành nhiệm vụ", "re-rate: not completed"),
    "resume": ("tiếp tục xem xét khi hết lý do chưa xem xét", "resume consideration"),
    "review_in_cell": ("chi bộ xem xét", "review in the cell"),
    "run_combined": (
        "tiến hành đồng thời kiểm tra và thi hành kỷ luật",
        "run inspection and discipline together",
    ),
    "send_outline": ("gửi đề cương báo cáo tự kiểm tra", "send the outline"),
    "start_restoration": ("tiến hành xin lỗi, phục hồi quyền lợi", "start the restoration"),
    "start_review": ("bí thư nghiên cứu báo cáo", "start the review"),
    "start_verification": ("thẩm tra, xác minh", "start verification"),
    "submit_explanation": ("nộp báo cáo giải trình", "submit the explanation"),
    "submit_report": ("trình báo cáo kết quả", "submit the report"),
    "submit_self_criticism": ("nộp bản tự kiểm điểm", "submit the self-criticism"),
    "submit_self_report": ("nộp báo cáo tự kiểm tra", "submit the self-inspection report"),
    "submit_to_commission": ("trình ủy ban kiểm tra", "submit to the commission"),
    "suspend_activity": ("đình chỉ sinh hoạt đảng", "suspend from party activity"),
    "suspend_activity_and_committee": (
        "đình chỉ sinh hoạt đảng và sinh hoạt cấp ủy",
        "suspend from party activity and the committee",
    ),
    "suspend_from_committee": ("đình chỉ sinh hoạt cấp ủy", "suspend from the committee"),
    "suspend_organisation": ("đình chỉ hoạt động của tổ chức đảng", "suspend the organisation"),
    "withdraw": ("rút đơn", "withdraw"),
    "withdraw_proposal": ("rút đề nghị đình chỉ", "withdraw the proposal"),
}

MOVE_OVERRIDES: Final[Mapping[str, Mapping[str, _Pair]]] = {
    "ThematicSupervision": {
        "escalate": ("chuyển sang kiểm tra khi có dấu hiệu vi phạm", "escalate to an inspection")
    },
    "DisciplinaryComplaintResolution": {
        "escalate": ("khiếu nại lên cấp trên", "complain to the next level"),
        "close": ("kết thúc giải quyết khiếu nại", "close the complaint"),
    },
    "PartyFinanceInspection": {
        "close": ("kết thúc (không phải khắc phục)", "close (nothing to remedy)")
    },
    "RegularSupervision": {
        "escalate": ("chuyển sang kiểm tra khi có dấu hiệu vi phạm", "escalate to an inspection"),
        "close": ("kết thúc theo dõi", "close the watch"),
    },
}

OUTCOME_TEXTS: Final[Mapping[str, _Pair]] = {
    "annulled": ("xóa bỏ", "annulled"),
    "annulled_on_complaint": ("kỷ luật bị xóa bỏ sau khiếu nại", "annulled on complaint"),
    "barred_by_limitation": ("hết thời hiệu", "barred by limitation"),
    "changed": ("thay đổi hình thức kỷ luật", "sanction changed"),
    "closed": ("kết thúc", "closed"),
    "closed_with_notice": ("kết thúc, có thông báo", "closed with notice"),
    "completed": ("hoàn thành nhiệm vụ", "completed"),
    "complied": ("chấp hành tốt", "complied"),
    "deferred": ("chưa xem xét kỷ luật", "deferred"),
    "deferred_pre_congress": (
        "chuyển cấp ủy khóa mới do trước đại hội",
        "deferred before the congress",
    ),
    "dissolution": ("giải tán", "dissolution"),
    "effect_lapsed": ("kỷ luật hết hiệu lực", "sanction lapsed"),
    "escalated": ("đã chuyển tiếp", "escalated"),
    "excellent": ("hoàn thành xuất sắc nhiệm vụ", "excellent"),
    "exempted": ("miễn kỷ luật", "exempted"),
    "expired": ("hết thời hạn", "expired"),
    "expulsion": ("khai trừ", "expulsion"),
    "false": ("tố cáo sai", "false"),
    "good": ("hoàn thành tốt nhiệm vụ", "good"),
    "handled_as_complaint": ("xử lý như khiếu nại", "handled as a complaint"),
    "inadmissible": ("không thụ lý", "inadmissible"),
    "kept": ("giữ nguyên", "kept"),
    "lifted": ("chấm dứt đình chỉ", "lifted"),
    "no_sanction": ("không kỷ luật", "no sanction"),
    "no_violation": ("không vi phạm", "no violation"),
    "not_completed": ("không hoàn thành nhiệm vụ", "not completed"),
    "not_inspected": ("không tiến hành kiểm tra", "not inspected"),
    "not_rated": ("không xếp loại", "not rated"),
    "not_suspended": ("không đình chỉ", "not suspended"),
    "organisation_suspended": ("tổ chức bị đình chỉ hoạt động", "organisation suspended"),
    "partly_true": ("tố cáo đúng một phần", "partly true"),
    "permanent": ("hình thức không tự hết hiệu lực", "does not lapse"),
    "proposal_annulled": ("cấp trên không chuẩn y đề nghị", "proposal annulled"),
    "proposal_approved": ("cấp trên chuẩn y đề nghị", "proposal approved"),
    "proposal_changed": ("cấp trên thay đổi hình thức đề nghị", "proposal changed"),
    "proposed_to_higher": ("đề nghị cấp trên", "proposed to the higher level"),
    "rejected_anonymous": ("không giải quyết: nặc danh, mạo danh", "set aside: anonymous"),
    "rejected_repeated": (
        "không giải quyết: tố cáo lại không có nội dung mới",
        "set aside: repeated",
    ),
    "rejected_unverifiable": ("không giải quyết: nội dung không rõ", "set aside: unverifiable"),
    "remediated": ("đã khắc phục", "remediated"),
    "reminder": ("nhắc nhở", "reminder"),
    "removal_from_post": ("cách chức", "removal from post"),
    "removed": ("đã xóa tên", "removed"),
    "reprimand": ("khiển trách", "reprimand"),
    "restored": ("đã xin lỗi và phục hồi quyền lợi", "restored"),
    "shortcomings": ("có hạn chế, khuyết điểm", "shortcomings"),
    "signs_of_violation": ("có dấu hiệu vi phạm", "signs of violation"),
    "sound": ("làm tốt", "sound"),
    "suspended_from_activity": ("đình chỉ sinh hoạt đảng", "suspended from party activity"),
    "suspended_from_activity_and_committee": (
        "đình chỉ sinh hoạt đảng và sinh hoạt cấp ủy",
        "suspended from party activity and the committee",
    ),
    "suspended_from_committee": ("đình chỉ sinh hoạt cấp ủy", "suspended from the committee"),
    "true": ("tố cáo đúng", "true"),
    "used_as_sign_of_violation": ("dùng làm dấu hiệu vi phạm", "used as a sign of violation"),
    "violation": ("có vi phạm", "violation"),
    "violation_not_to_discipline_level": (
        "vi phạm chưa đến mức kỷ luật, kiểm điểm rút kinh nghiệm",
        "violation short of discipline: lessons learned",
    ),
    "violation_to_discipline_level": (
        "vi phạm đến mức phải xử lý kỷ luật",
        "violation to discipline level",
    ),
    "warning": ("cảnh cáo", "warning"),
    "withdrawn": ("đã rút đơn", "withdrawn"),
}

GUARD_MESSAGES: Final[Mapping[str, _Pair]] = {
    "vn.blocked.advisory_body": (
        "Cơ quan tham mưu, giúp việc ({body_kind}) không được tiến hành kiểm tra khi có dấu hiệu vi phạm.",
        "A staff or advisory body ({body_kind}) may not run an inspection.",
    ),
    "vn.blocked.not_an_inspecting_body": (
        "Tổ chức ({body_kind}) không có thẩm quyền tiến hành kiểm tra.",
        "A body of kind {body_kind} may not run an inspection.",
    ),
    "vn.blocked.already_combined": (
        "Đã tiến hành đồng thời thi hành kỷ luật: không mở thêm vụ kỷ luật ở bước '{trigger}'.",
        "Discipline already runs with the inspection: step '{trigger}' would open a second proceeding.",
    ),
    "vn.blocked.not_combined": (
        "Bước '{trigger}' chỉ dành cho vụ việc tiến hành đồng thời kiểm tra và kỷ luật.",
        "Step '{trigger}' is only for an inspection run together with the discipline.",
    ),
    "vn.blocked.subject_kind": (
        "Bước '{trigger}' chỉ áp dụng cho đối tượng là {expected}, không phải {actual}.",
        "Step '{trigger}' is for a subject that is a {expected}, not a {actual}.",
    ),
    "vn.blocked.finance_of_a_member": (
        "Kiểm tra tài chính đảng áp dụng với tổ chức đảng, không với cá nhân đảng viên.",
        "A party finance inspection is of an organisation, not of a member.",
    ),
    "vn.blocked.own_committee_finance": (
        "Ủy ban kiểm tra không kiểm tra tài chính của cấp ủy cùng cấp ({org}).",
        "The commission may not inspect its own committee's finances ({org}).",
    ),
    "vn.blocked.remediation_needed": (
        "Kết luận có hạn chế hoặc vi phạm: phải theo dõi việc khắc phục trước khi kết thúc.",
        "The conclusion found shortcomings or violations: follow up remediation before closing.",
    ),
    "vn.blocked.nothing_to_remedy": (
        "Kết luận không có nội dung phải khắc phục.",
        "The conclusion found nothing to remedy.",
    ),
    "vn.blocked.facts_missing": (
        "Bước '{trigger}' cần hồ sơ loại {kind} có đủ thông tin để kiểm tra.",
        "Step '{trigger}' needs a record of kind {kind} with the facts to check.",
    ),
    "vn.blocked.facts_invalid": (
        "Thông tin kèm theo bước '{trigger}' không hợp lệ: {error}",
        "The facts given for step '{trigger}' are not valid: {error}",
    ),
    "vn.blocked.letter.not_anonymous": (
        "Đơn có họ tên, địa chỉ rõ ràng: không xử lý như đơn nặc danh.",
        "The letter is signed with an address: it is not anonymous.",
    ),
    "vn.blocked.letter.not_anonymous_and_concrete": (
        "Chỉ dùng đơn nặc danh có nội dung cụ thể làm căn cứ kiểm tra dấu hiệu vi phạm.",
        "Only an anonymous letter with concrete content serves as a sign of violation.",
    ),
    "vn.blocked.letter.not_repeated": (
        "Đơn không phải tố cáo lại nội dung đã kết luận mà không có nội dung mới.",
        "The letter does not repeat a concluded denunciation without new content.",
    ),
    "vn.blocked.letter.not_unverifiable": (
        "Nội dung đơn cụ thể, có thể xác minh.",
        "The letter's content is concrete and can be verified.",
    ),
    "vn.blocked.letter.not_also_complaint": (
        "Đơn không có nội dung khiếu nại.",
        "The letter contains no complaint.",
    ),
    "vn.blocked.letter.not_in_pre_congress_window": (
        "Đơn nhận ngày {received_on} không nằm trong thời gian trước đại hội.",
        "The letter received on {received_on} is not inside the pre-congress window.",
    ),
    "vn.blocked.letter.anonymous": (
        "Đơn nặc danh, mạo danh hoặc không có địa chỉ: không giải quyết như tố cáo.",
        "An anonymous or pseudonymous letter, or one without an address, is not resolved as a denunciation.",
    ),
    "vn.blocked.letter.repeated": (
        "Đơn tố cáo lại nội dung đã được kết luận mà không có nội dung, chứng cứ mới.",
        "The letter repeats a concluded denunciation without new content or evidence.",
    ),
    "vn.blocked.letter.unverifiable": (
        "Nội dung đơn không cụ thể, không có cơ sở để xác minh.",
        "The letter's content is too vague to verify.",
    ),
    "vn.blocked.letter.also_complaint": (
        "Đơn vừa khiếu nại vừa tố cáo: giải quyết phần khiếu nại, hướng dẫn tố cáo riêng.",
        "A letter that both complains and denounces is handled as a complaint; the writer denounces separately.",
    ),
    "vn.blocked.letter.pre_congress": (
        "Đơn nhận ngày {received_on}, trong thời gian trước đại hội (khai mạc {congress_opens_on}): chuyển cấp ủy khóa mới.",
        "The letter came on {received_on}, inside the window before the congress opening on {congress_opens_on}.",
    ),
    "vn.blocked.extension_not_notified": (
        "Thời hạn giải quyết đã được gia hạn: phải kèm thông báo gia hạn gửi người tố cáo.",
        "The time limit was extended: the notice sent to the denouncer must be attached.",
    ),
    "vn.blocked.denunciation_not_true": (
        "Chỉ chuyển xem xét kỷ luật khi tố cáo đúng hoặc đúng một phần.",
        "Only a true or partly true denunciation is referred to discipline.",
    ),
    "vn.blocked.ballot_carried_other": (
        "Kết quả bỏ phiếu kín là '{carried}', không phải '{asked}'.",
        "The secret ballot carried '{carried}', not '{asked}'.",
    ),
    "vn.blocked.two_stage_needs_proposal": (
        "Hình thức {form} phải được đề nghị trước (ít nhất hai phần ba) rồi mới được quyết định.",
        "The form {form} must first be proposed (two-thirds), then decided by the competent body.",
    ),
    "vn.blocked.decide_not_propose": (
        "{body} có thẩm quyền quyết định hình thức {form}: quyết định, không đề nghị cấp trên.",
        "{body} may decide the form {form} itself: it decides rather than proposes.",
    ),
    "vn.blocked.window_still_open": (
        "Thời hạn khiếu nại chưa hết: hạn cuối là {due}.",
        "The complaint window is still open: it ends on {due}.",
    ),
    "vn.blocked.form_lapses": (
        "Hình thức {form} tự hết hiệu lực sau thời hạn: dùng bước hết hiệu lực.",
        "The form {form} lapses after its period: use the lapse step.",
    ),
    "vn.blocked.complaint_inadmissible": (
        "Khiếu nại không đủ điều kiện thụ lý: {grounds}.",
        "The complaint is inadmissible: {grounds}.",
    ),
    "vn.blocked.complaint_admissible": (
        "Khiếu nại đủ điều kiện thụ lý: phải giải quyết.",
        "The complaint is admissible and must be resolved.",
    ),
    "vn.blocked.nothing_to_escalate": (
        "Hình thức kỷ luật đã được xóa bỏ: không còn nội dung khiếu nại lên cấp trên.",
        "The sanction was annulled: there is nothing to take to the next level.",
    ),
    "vn.blocked.final_level": (
        "Đã giải quyết ở cấp cuối cùng đối với hình thức {form}.",
        "The complaint has reached the final level for the form {form}.",
    ),
    "vn.blocked.restoration_required": (
        "Kỷ luật đã bị xóa bỏ: phải xin lỗi, phục hồi quyền lợi trước khi kết thúc.",
        "The sanction was annulled: apologise and restore before closing.",
    ),
    "vn.blocked.not_annulled": (
        "Chỉ xin lỗi, phục hồi quyền lợi khi hình thức kỷ luật bị xóa bỏ.",
        "Restoration follows only an annulled sanction.",
    ),
    "vn.blocked.restoration_incomplete": (
        "Chưa hoàn thành việc xin lỗi, phục hồi: còn thiếu {missing}.",
        "The restoration is incomplete: {missing} still missing.",
    ),
    "vn.blocked.rating_differs": (
        "Kết quả xếp loại là '{rated}', không phải '{asked}'.",
        "The rating is '{rated}', not '{asked}'.",
    ),
    "vn.blocked.committee_member_suspended_too": (
        "Cấp ủy viên bị đình chỉ sinh hoạt đảng thì đồng thời bị đình chỉ sinh hoạt cấp ủy.",
        "A committee member suspended from party activity is suspended from the committee too.",
    ),
    "vn.blocked.not_a_committee_member": (
        "Đảng viên không phải cấp ủy viên: không đình chỉ sinh hoạt cấp ủy.",
        "The member is not a committee member: there is no committee membership to suspend.",
    ),
    "vn.blocked.no_finding_against_person": (
        "Vụ việc {case} có kết quả '{outcome}': không có căn cứ xem xét trách nhiệm của đảng viên {member}.",
        "Case {case} ended with '{outcome}': it found nothing against member {member}.",
    ),
    "vn.blocked.suspension_running": (
        "Thời hạn đình chỉ chưa hết (đến hết ngày {due}).",
        "The suspension's time limit has not passed (it runs to {due}).",
    ),
}


def _pairs() -> dict[str, _Pair]:
    out: dict[str, _Pair] = dict(GUARD_MESSAGES)
    for procedure in procedures():
        name = procedure.name
        out[f"{name}.title"] = TITLES[name]
        states = {**STATES, **STATE_OVERRIDES.get(name, {})}
        moves = {**MOVES, **MOVE_OVERRIDES.get(name, {})}
        for version in procedure.versions:
            for state in version.states:
                out[state.label or f"{name}.state.{state.name}"] = states[state.name]
            for move in version.moves:
                out[move.label or f"{name}.move.{move.trigger}"] = moves[move.trigger]
        for outcome in OUTCOMES.get(name, {}).values():
            out[f"{name}.outcome.{outcome}"] = OUTCOME_TEXTS[outcome]
    return out


@functools.cache
def procedure_templates() -> Templates:
    """The procedures' labels and guard messages in Vietnamese (``"vi"``) and English (``"en"``)."""
    pairs = _pairs()
    return Templates(
        {
            "vi": {key: vi for key, (vi, _en) in pairs.items()},
            "en": {key: en for key, (_vi, en) in pairs.items()},
        }
    )
