"""Vietnamese and English texts of the sanctions: every message the mechanisms produce, the words their
arguments read as (``form.reprimand`` is "khiển trách"), and the names of circumstances, kinds, grounds and
bars.

Every text is a pair ``(vi, en)``; a message's placeholders are the arguments, inputs and thresholds its
explanation carries. Merge :func:`sanction_templates` into the rulebook's templates to render them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

from kiemtra._rules._templates import Templates

__all__ = ["MESSAGE_KEYS", "sanction_templates"]

_Pair = tuple[str, str]

MESSAGES: Final[Mapping[str, _Pair]] = {
    # forms
    "sanction.forms.allowed": (
        "Các hình thức kỷ luật có thể áp dụng đối với {subject} (giữ chức vụ: {holds_post}): {forms}.",
        "Forms of sanction open for a {subject} (holding a post: {holds_post}): {forms}.",
    ),
    "sanction.form.allowed": (
        "Hình thức {form} (mức {severity}) áp dụng được đối với {subject}.",
        "The form {form} (severity {severity}) may be imposed on a {subject}.",
    ),
    "sanction.form.not_for_subject": (
        "Không thể áp dụng hình thức {form} đối với {subject}.",
        "The form {form} cannot be imposed on a {subject}.",
    ),
    "sanction.form.needs_post": (
        "Không thể cách chức khi đảng viên không giữ chức vụ (hình thức {form}, giữ chức vụ: {holds_post}).",
        "Removal from post needs a post, and the member holds none (form {form}, holding a post: {holds_post}).",
    ),
    "sanction.circumstances.recorded": (
        "Tình tiết tăng nặng: {aggravating}; tình tiết giảm nhẹ: {mitigating}.",
        "Aggravating circumstances: {aggravating}; mitigating circumstances: {mitigating}.",
    ),
    # competence
    "sanction.competence.decide": (
        "{body} có thẩm quyền quyết định hình thức {form} (theo dòng {row}).",
        "{body} may decide the form {form} (row {row}).",
    ),
    "sanction.competence.propose": (
        "{body} chỉ được đề nghị hình thức {form}, không được quyết định (theo dòng {row}).",
        "{body} may only propose the form {form}, not decide it (row {row}).",
    ),
    "sanction.competence.none": (
        "{body} không có thẩm quyền quyết định hay đề nghị hình thức {form}.",
        "{body} may neither decide nor propose the form {form}.",
    ),
    # ballots
    "sanction.ballot.carried": (
        "Biểu quyết kín ({purpose}): hình thức {outcome} được {running}/{denominator} phiếu, đạt tỷ lệ quy định.",
        "Secret ballot ({purpose}): {outcome} carried with {running} of {denominator} votes.",
    ),
    "sanction.ballot.carried_cumulatively": (
        "Biểu quyết kín ({purpose}): không hình thức nào tự đạt tỷ lệ; cộng dồn từ hình thức cao nhất "
        "xuống, hình thức {outcome} đạt {running}/{denominator} phiếu ({steps}).",
        "Secret ballot ({purpose}): no form carried on its own; counting down from the heaviest, {outcome} "
        "reached {running} of {denominator} votes ({steps}).",
    ),
    "sanction.ballot.no_form_carried": (
        "Biểu quyết kín ({purpose}): không hình thức kỷ luật nào đạt tỷ lệ quy định trên {denominator} "
        "đảng viên ({steps}; {no_sanction} phiếu không kỷ luật).",
        "Secret ballot ({purpose}): no form of sanction carried out of {denominator} members ({steps}; "
        "{no_sanction} votes for no sanction).",
    ),
    "sanction.ballot.two_stage_stands": (
        "Hình thức {decided} được đề nghị ({proposal_votes}/{proposal_denominator}) và được quyết định "
        "({decision_votes}/{decision_denominator}).",
        "{decided} was proposed ({proposal_votes} of {proposal_denominator}) and decided "
        "({decision_votes} of {decision_denominator}).",
    ),
    "sanction.ballot.two_stage_fails": (
        "Không đủ điều kiện: đề nghị {proposed}, quyết định {decided}.",
        "Does not stand: proposed {proposed}, decided {decided}.",
    ),
    # deferral
    "sanction.deferral.deferred": (
        "Chưa xem xét kỷ luật ({grounds}); có thể xem xét từ {until}.",
        "Consideration is deferred ({grounds}); it may resume on {until}.",
    ),
    "sanction.deferral.not_deferred": (
        "Không có lý do chưa xem xét kỷ luật (con dưới {child_age}).",
        "Nothing defers consideration (child under {child_age}).",
    ),
    # limitation
    "sanction.limitation.unlimited": (
        "Không áp dụng thời hiệu ({unlimited_by}); vi phạm ngày {committed_on}.",
        "No limitation period applies ({unlimited_by}); violation of {committed_on}.",
    ),
    "sanction.limitation.running": (
        "Thời hiệu {period} tính từ {clock_start}, hết ngày {expires_on}; chưa đến mốc {end_point}.",
        "Limitation of {period} from {clock_start}, last day {expires_on}; the {end_point} has not come yet.",
    ),
    "sanction.limitation.in_time": (
        "Còn thời hiệu: {end_point} ngày {end_point_on}, trong thời hiệu {period} tính từ {clock_start} "
        "(hết ngày {expires_on}).",
        "In time: the {end_point} on {end_point_on} falls within the {period} from {clock_start} "
        "(last day {expires_on}).",
    ),
    "sanction.limitation.expired": (
        "Hết thời hiệu: thời hiệu {period} tính từ {clock_start} đã hết ngày {expires_on}.",
        "Out of time: the {period} from {clock_start} ran out on {expires_on}.",
    ),
    # effect
    "sanction.effect.complaint_pending": (
        "Hình thức {form} vẫn có hiệu lực trong khi chờ giải quyết khiếu nại (nộp ngày {complaint_filed_on}).",
        "The {form} stays in force while the complaint filed on {complaint_filed_on} is pending.",
    ),
    "sanction.effect.annulled": (
        "Hình thức {form} đã bị xóa bỏ ngày {complaint_decided_on}.",
        "The {form} was annulled on {complaint_decided_on}.",
    ),
    "sanction.effect.permanent": (
        "Hình thức {form} không tự chấm dứt hiệu lực.",
        "The {form} does not lapse.",
    ),
    "sanction.effect.new_violation": (
        "Hình thức {form} không tự chấm dứt hiệu lực vì có vi phạm mới ngày {new_violation_on}.",
        "The {form} does not lapse automatically: a new violation on {new_violation_on}.",
    ),
    "sanction.effect.in_force": (
        "Hình thức {form} còn hiệu lực đến hết ngày {in_force_until} (tính từ {counted_from}).",
        "The {form} is in force until the end of {in_force_until} (counted from {counted_from}).",
    ),
    "sanction.effect.lapsed": (
        "Hình thức {form} đã tự chấm dứt hiệu lực sau ngày {in_force_until}.",
        "The {form} lapsed after {in_force_until}.",
    ),
    "sanction.bars.some": (
        "Hình thức {form} công bố ngày {announced_on}: {bars}.",
        "The {form} announced on {announced_on} bars: {bars}.",
    ),
    "sanction.bars.none": (
        "Hình thức {form} công bố ngày {announced_on} không kèm hạn chế nào được mã hóa (chưa có hiệu lực: "
        "{not_in_force}).",
        "The {form} announced on {announced_on} carries no encoded bar (not in force: {not_in_force}).",
    ),
    # complaints
    "complaint.window.due": (
        "Thời hạn khiếu nại {window} tính từ ngày {start} ({start_event}); hạn cuối {due}.",
        "The complaint window of {window} runs from {start} ({start_event}); the last day is {due}.",
    ),
    "complaint.window.in_time": (
        "Đơn khiếu nại gửi ngày {filed_on} còn trong thời hạn (hạn cuối {due}).",
        "The complaint sent on {filed_on} is in time (last day {due}).",
    ),
    "complaint.window.late": (
        "Đơn khiếu nại gửi ngày {filed_on} đã quá thời hạn (hạn cuối {due}).",
        "The complaint sent on {filed_on} is out of time (last day {due}).",
    ),
    "complaint.resolution.due": (
        "Giải quyết khiếu nại ({level}) trong {period} kể từ ngày nhận {received_on}: hạn cuối {due} "
        "(độ tin cậy: {status}).",
        "Resolve the complaint ({level}) within {period} of its receipt on {received_on}: by {due} "
        "(status: {status}).",
    ),
    # removal from the roll
    "membership.removal.three_month_rule.holds": (
        "Đảng viên {member} vi phạm quy định ba tháng trong năm ({periods}).",
        "Member {member} falls under the three-month rule ({periods}).",
    ),
    "membership.removal.three_month_rule.absent": (
        "Không có phát hiện về quy định ba tháng đối với đảng viên {member}.",
        "No three-month-rule finding for member {member}.",
    ),
    "membership.removal.no_progress.holds": (
        "Được chi bộ giáo dục từ {listed_on} nhưng sau {period} (hết ngày {period_ends}) không tiến bộ.",
        "Educated by the cell since {listed_on}, no progress after {period} (ended {period_ends}).",
    ),
    "membership.removal.no_progress.not_yet": (
        "Đang được chi bộ giáo dục từ {listed_on}; thời gian {period} hết ngày {period_ends}.",
        "Being educated by the cell since {listed_on}; the {period} ends on {period_ends}.",
    ),
    "membership.removal.no_progress.progressed": (
        "Được chi bộ giáo dục từ {listed_on} và đã tiến bộ.",
        "Educated by the cell since {listed_on}, and has progressed.",
    ),
    "membership.removal.standing_violation.holds": (
        "Vi phạm tư cách đảng viên {consecutive_years} năm liền ({years}). Lưu ý: chưa xác định rõ thế nào "
        "là 'vi phạm tư cách đảng viên' (cách hiểu: {reading}).",
        "Violated member standards {consecutive_years} years running ({years}). Open question: what counts "
        "as 'violating member standards' is not settled (reading: {reading}).",
    ),
    "membership.removal.standing_violation.absent": (
        "Không có {consecutive_years} năm liền vi phạm tư cách đảng viên (các năm: {years_violating}). Lưu ý: "
        "chưa xác định rõ thế nào là 'vi phạm tư cách đảng viên' (cách hiểu: {reading}).",
        "No {consecutive_years} consecutive years of violating member standards (years: {years_violating}). "
        "Open question: what counts as 'violating member standards' is not settled (reading: {reading}).",
    ),
    "membership.removal.screening.listed": (
        "Chi bộ biểu quyết đưa vào diện cần giáo dục, giúp đỡ: {votes_for}/{members} phiếu (tỷ lệ {share}).",
        "The cell listed the member for education and help: {votes_for} of {members} votes (share {share}).",
    ),
    "membership.removal.screening.not_listed": (
        "Chưa đủ phiếu đưa vào diện cần giáo dục, giúp đỡ: {votes_for}/{members} phiếu (tỷ lệ {share}).",
        "Not listed for education and help: {votes_for} of {members} votes (share {share}).",
    ),
    "membership.removal.expulsion_required": (
        "Đảng viên chính thức {member} vi phạm đến mức {form} thì phải khai trừ, không được xóa tên.",
        "Full member {member} deserves {form}: expel, do not strike off the roll.",
    ),
    "membership.removal.grounds_hold": (
        "Có căn cứ xóa tên đảng viên {member}: {grounds}. Xóa tên không phải là hình thức kỷ luật.",
        "Grounds to strike member {member} off the roll: {grounds}. Removal from the roll is not a sanction.",
    ),
    "membership.removal.no_ground": (
        "Không có căn cứ xóa tên đảng viên {member} (đã xét: {judged}).",
        "No ground to strike member {member} off the roll (judged: {judged}).",
    ),
}

MESSAGE_KEYS: Final = tuple(sorted(MESSAGES))
"""Every message key the sanction mechanisms produce."""

_FORM_WORDS: Final[Mapping[str, _Pair]] = {
    "reprimand": ("khiển trách", "reprimand"),
    "warning": ("cảnh cáo", "warning"),
    "removal_from_post": ("cách chức", "removal from post"),
    "expulsion": ("khai trừ", "expulsion"),
    "dissolution": ("giải tán", "dissolution"),
}

# Word arguments: a string argument ``name=value`` reads as the template ``"<name>.<value>"``.
WORDS: Final[Mapping[str, _Pair]] = {
    **{
        f"{arg}.{code}": pair
        for arg in ("form", "outcome", "proposed", "decided")
        for code, pair in _FORM_WORDS.items()
    },
    "subject.organisation": ("tổ chức đảng", "party organisation"),
    "subject.full_member": ("đảng viên chính thức", "full member"),
    "subject.probationary_member": ("đảng viên dự bị", "probationary member"),
    "purpose.decide": ("quyết định", "to decide"),
    "purpose.propose": ("đề nghị", "to propose"),
    "start_event.announced": ("ngày công bố quyết định", "the announcement of the decision"),
    "start_event.received": ("ngày nhận quyết định", "the receipt of the decision"),
    "end_point.decision_to_inspect": ("quyết định kiểm tra", "decision to inspect"),
    "end_point.conclusion": (
        "kết luận vi phạm đến mức phải kỷ luật",
        "conclusion that discipline is warranted",
    ),
    "unlimited_by.internal_politics": (
        "vi phạm về bảo vệ chính trị nội bộ",
        "a violation of internal political protection",
    ),
    "unlimited_by.security_defence_foreign_affairs": (
        "vi phạm về an ninh, quốc phòng, đối ngoại xâm hại lợi ích quốc gia",
        "a violation of security, defence or foreign affairs harming the national interest",
    ),
    "unlimited_by.illegal_diploma": (
        "sử dụng văn bằng, chứng chỉ không hợp pháp",
        "use of illegal diplomas or certificates",
    ),
    "unlimited_by.discipline.limitation.member.expulsion_unlimited": (
        "vi phạm đến mức khai trừ",
        "a violation at expulsion level",
    ),
    "unlimited_by.discipline.limitation.org.dissolution_unlimited": (
        "vi phạm đến mức giải tán",
        "a violation at dissolution level",
    ),
    "level.provincial_and_below": (
        "cấp tỉnh, cấp huyện và cấp dưới",
        "provincial or district level and below",
    ),
    "level.central": ("cấp Trung ương", "central level"),
    "reading.host_defined": ("do đơn vị sử dụng xác định", "defined by the host"),
}

NAMES: Final[Mapping[str, _Pair]] = {
    "sanction.circumstance_name.self_reported": (
        "tự giác báo cáo vi phạm, tự nhận hình thức kỷ luật tương xứng",
        "self-reported the violation and proposed a fitting sanction",
    ),
    "sanction.circumstance_name.informed_on_co_violators": (
        "cung cấp đầy đủ, trung thực thông tin về người cùng vi phạm",
        "gave full, truthful information on co-violators",
    ),
    "sanction.circumstance_name.stopped_and_remedied": (
        "chủ động chấm dứt vi phạm, khắc phục hậu quả",
        "stopped the violation and remedied its consequences",
    ),
    "sanction.circumstance_name.authorised_innovation": (
        "vi phạm khi thực hiện thí điểm, đổi mới sáng tạo được cho phép",
        "violated while carrying out an authorised pilot or innovation",
    ),
    "sanction.circumstance_name.provided_evidence": ("cung cấp chứng cứ", "provided evidence"),
    "sanction.circumstance_name.helped_handle_others": (
        "giúp tổ chức có thẩm quyền xử lý người khác",
        "helped the competent body handle others",
    ),
    "sanction.circumstance_name.not_corrected_after_reminder": (
        "đã được nhắc nhở, giáo dục nhưng không sửa chữa",
        "reminded or educated but did not correct",
    ),
    "sanction.circumstance_name.evasive_or_concealing": (
        "quanh co, che giấu, không thừa nhận",
        "evasive, concealing, not admitting",
    ),
    "sanction.circumstance_name.covering_co_violators": (
        "bao che cho người cùng vi phạm",
        "covering up for co-violators",
    ),
    "sanction.circumstance_name.retaliating": (
        "trù dập, trả thù người tố cáo, làm chứng, cung cấp chứng cứ",
        "retaliating against denouncers, witnesses or providers of evidence",
    ),
    "sanction.circumstance_name.false_reports_or_destroyed_evidence": (
        "báo cáo sai sự thật, hủy chứng cứ, làm giả hồ sơ",
        "false reports, destroyed evidence, forged records",
    ),
    "sanction.circumstance_name.damage_not_remedied": (
        "không khắc phục thiệt hại vật chất",
        "material damage not remedied",
    ),
    "sanction.circumstance_name.repeated": (
        "vi phạm nhiều lần, tái phạm",
        "repeated violation, recidivism",
    ),
    "sanction.circumstance_name.exploiting_emergencies": (
        "lợi dụng tình trạng khẩn cấp, thiên tai, dịch bệnh, chính sách an sinh xã hội để trục lợi",
        "exploiting emergencies, disasters, epidemics or social-security policies for gain",
    ),
    "sanction.no_limitation_kind_name.internal_politics": (
        "vi phạm về bảo vệ chính trị nội bộ",
        "violation of internal political protection",
    ),
    "sanction.no_limitation_kind_name.security_defence_foreign_affairs": (
        "vi phạm về an ninh, quốc phòng, đối ngoại xâm hại lợi ích quốc gia",
        "violation of security, defence or foreign affairs harming the national interest",
    ),
    "sanction.no_limitation_kind_name.illegal_diploma": (
        "sử dụng văn bằng, chứng chỉ không hợp pháp",
        "use of illegal diplomas or certificates",
    ),
    "sanction.deferral_ground_name.pregnant": ("đang mang thai", "pregnant"),
    "sanction.deferral_ground_name.nursing_child": ("đang nuôi con nhỏ", "nursing a young child"),
    "sanction.deferral_ground_name.seriously_ill_in_hospital": (
        "đang ốm nặng điều trị nội trú",
        "seriously ill in hospital",
    ),
    "sanction.bar_name.appointment": (
        "không quy hoạch, bổ nhiệm vào chức vụ cao hơn",
        "no planning for or appointment to a higher post",
    ),
    "sanction.bar_name.election_or_equal_post": (
        "không bầu vào cấp ủy, không bổ nhiệm chức vụ tương đương hoặc cao hơn",
        "no election to a committee, no appointment to an equal or higher post",
    ),
    "membership.removal.ground_name.three_month_rule": (
        "ba tháng trong năm bỏ sinh hoạt hoặc không đóng đảng phí",
        "three months in a year of missed meetings or unpaid dues",
    ),
    "membership.removal.ground_name.no_progress_after_education": (
        "được giáo dục nhưng không tiến bộ",
        "no progress after the cell's education",
    ),
    "membership.removal.ground_name.standing_violation": (
        "vi phạm tư cách đảng viên nhiều năm liền",
        "violating member standards for consecutive years",
    ),
}


@functools.cache
def sanction_templates() -> Templates:
    """The sanction messages and names in Vietnamese (``"vi"``) and English (``"en"``)."""
    pairs = {**MESSAGES, **WORDS, **NAMES}
    return Templates(
        {
            "vi": {key: vi for key, (vi, _en) in pairs.items()},
            "en": {key: en for key, (_vi, en) in pairs.items()},
        }
    )
