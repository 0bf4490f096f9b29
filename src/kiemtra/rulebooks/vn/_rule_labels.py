"""Vietnamese and English texts of the duty checks and fund audits: titles and finding messages."""

from __future__ import annotations

from kiemtra._rules._templates import Templates

__all__ = ["rule_templates"]

# rule id: (Vietnamese title, English title, Vietnamese finding, English finding)
_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "duty.meeting.unexcused_absence": (
        "Vắng sinh hoạt chi bộ không có lý do",
        "Unexcused absence from cell meetings",
        "Đảng viên {subject} vắng {unexcused_absences} buổi sinh hoạt chi bộ không có lý do trong tháng ({period}).",
        "Member {subject} missed {unexcused_absences} cell meeting(s) without excuse in {period}.",
    ),
    "duty.dues.underpaid": (
        "Đóng đảng phí thiếu hoặc không đóng",
        "Party dues unpaid or underpaid",
        "Đảng viên {subject} đã nộp {dues_paid} đảng phí cho {period}, phải nộp {dues_due}.",
        "Member {subject} paid {dues_paid} in dues for {period}; {dues_due} was owed.",
    ),
    "membership.three_month_rule": (
        "Ba tháng trong năm bỏ sinh hoạt hoặc không đóng đảng phí",
        "Three months in a year of missed meetings or unpaid dues",
        "Đảng viên {subject}: {months_absent} tháng bỏ sinh hoạt, {months_unpaid} tháng không đóng đủ đảng phí "
        "trong {period}; chi bộ xem xét đề nghị xóa tên.",
        "Member {subject}: {months_absent} month(s) of missed meetings and {months_unpaid} month(s) of unpaid "
        "dues in {period}; the cell considers proposing removal from the roll.",
    ),
    "duty.tasks.not_all_on_time": (
        "Nhiệm vụ được giao không hoàn thành đúng hạn",
        "Assigned tasks not all done on time",
        "{subject}: {tasks_on_time}/{tasks_total} nhiệm vụ hoàn thành đúng hạn trong {period}.",
        "{subject}: {tasks_on_time} of {tasks_total} tasks done on time in {period}.",
    ),
    "duty.tasks.few_exceeded": (
        "Tỷ lệ nhiệm vụ vượt yêu cầu chưa đạt mức xuất sắc",
        "Too few tasks exceeding requirements for an excellent rating",
        "{subject}: {tasks_exceeded}/{tasks_total} nhiệm vụ vượt yêu cầu trong {period}.",
        "{subject}: {tasks_exceeded} of {tasks_total} tasks exceeded requirements in {period}.",
    ),
    "audit.dues.cell_share_outside_range": (
        "Chi bộ trích giữ lại đảng phí ngoài tỷ lệ quy định",
        "Cell retains a share of dues outside the set range",
        "{subject} thu {collected}, giữ lại {retained}, nộp lên {remitted} trong {period}.",
        "{subject} collected {collected}, kept {retained} and remitted {remitted} in {period}.",
    ),
    "audit.dues.ward_remits_short": (
        "Đảng bộ phường nộp đảng phí lên cấp trên thiếu",
        "Ward organisation remits too little of its dues",
        "{subject} thu {collected}, nộp lên {remitted} trong {period}.",
        "{subject} took in {collected} and remitted {remitted} in {period}.",
    ),
    "audit.dues.grassroots_remits_short": (
        "Tổ chức cơ sở đảng nộp đảng phí lên cấp trên thiếu",
        "Grassroots organisation remits too little of its dues",
        "{subject} thu {collected}, nộp lên {remitted} trong {period}.",
        "{subject} took in {collected} and remitted {remitted} in {period}.",
    ),
    "audit.ledger.totals_mismatch": (
        "Số tổng cộng trên sổ không khớp với các dòng ghi",
        "Ledger totals do not match its entries",
        "Sổ của {subject} ({period}) ghi thu {collected}, chi nộp {remitted}; các dòng ghi cộng lại thu {entries_in}, "
        "nộp {entries_out}.",
        "The ledger of {subject} ({period}) states {collected} in and {remitted} remitted; its entries add up "
        "to {entries_in} in and {entries_out} remitted.",
    ),
    "audit.dues.collection_unrecorded": (
        "Đảng phí đảng viên đã nộp không khớp với số thu trên sổ",
        "Dues members paid do not match what the ledger records",
        "Đảng viên của {subject} đã nộp {members_paid}; sổ ghi thu {entries_collected} ({period}).",
        "Members of {subject} paid {members_paid}; the ledger records {entries_collected} collected ({period}).",
    ),
    "audit.dues.remittance_mismatch": (
        "Số nộp cấp trên trên sổ không khớp với chứng từ nộp",
        "Remittances recorded do not match the transfers",
        "{subject} ghi nộp lên {remitted}, chứng từ nộp có {remittances} ({period}).",
        "{subject} records {remitted} remitted; the transfers add up to {remittances} ({period}).",
    ),
    "audit.dues.remittance_late": (
        "Nộp đảng phí lên cấp trên chậm",
        "Dues remitted late",
        "{subject} nộp lên ngày {last_sent}, kỳ kết thúc ngày {period_end}.",
        "{subject} remitted on {last_sent}; the period ended on {period_end}.",
    ),
    "audit.dues.deposits_mismatch": (
        "Tiền gửi ngân hàng không khớp với số thu",
        "Bank deposits do not match collections",
        "{subject} thu {collected}, gửi ngân hàng {deposited} ({period}).",
        "{subject} collected {collected} and deposited {deposited} ({period}).",
    ),
    "audit.fund.no_resident_decision": (
        "Khoản đóng góp không được nhân dân bàn và quyết định",
        "Contribution not decided by the residents",
        "Đợt vận động {subject}: {votes_for}/{households_total} hộ đồng ý.",
        "Campaign {subject}: {votes_for} of {households_total} households in favour.",
    ),
    "audit.fund.no_quorum": (
        "Hội nghị cộng đồng dân cư không đủ số hộ tham dự",
        "Community meeting without a quorum of households",
        "Đợt vận động {subject}: {households_present}/{households_total} hộ dự họp.",
        "Campaign {subject}: {households_present} of {households_total} households at the meeting.",
    ),
    "audit.fund.compulsory_levy": (
        "Thu bắt buộc, bổ đầu hộ khoản đóng góp tự nguyện",
        "Voluntary contribution levied as compulsory",
        "Đợt vận động {subject} buộc mỗi hộ đóng {per_household}.",
        "Campaign {subject} required {per_household} from every household.",
    ),
    "audit.fund.not_posted": (
        "Khoản huy động không được công khai",
        "Fund campaign not made public",
        "Đợt vận động {subject} chưa được niêm yết công khai.",
        "Campaign {subject} was not posted publicly.",
    ),
    "audit.fund.collection_mismatch": (
        "Số thu trên quyết toán không khớp với biên lai",
        "Settled collections do not match the receipts",
        "Đợt vận động {subject}: biên lai {contributed}, quyết toán ghi thu {settled_collected}.",
        "Campaign {subject}: receipts {contributed}; the settlement states {settled_collected}.",
    ),
    "audit.fund.overspent": (
        "Chi vượt số tiền đã thu",
        "Spending beyond what was collected",
        "Đợt vận động {subject}: thu {contributed}, chi {spent}.",
        "Campaign {subject}: collected {contributed}, spent {spent}.",
    ),
    "audit.fund.unapproved_spending": (
        "Khoản chi không được duyệt",
        "Spending without approval",
        "Đợt vận động {subject}: {unapproved} khoản chi không được duyệt.",
        "Campaign {subject}: {unapproved} payment(s) without approval.",
    ),
    "audit.fund.no_settlement": (
        "Không công khai quyết toán",
        "No settlement published",
        "Đợt vận động {subject} đã thu {contributed} nhưng chưa công khai quyết toán.",
        "Campaign {subject} collected {contributed} but published no settlement.",
    ),
}


_RATING: dict[str, tuple[str, str]] = {
    "vn.rating.score": (
        "{subject}: {score} điểm năm {year}, xếp loại {level}.",
        "{subject}: {score} points in {year}, rated {level}.",
    ),
    "vn.rating.proposal": (
        "{subject}: chi bộ đề xuất {proposed}, xếp loại {level} năm {year}.",
        "{subject}: the cell proposed {proposed}; rated {level} for {year}.",
    ),
    "vn.rating.disciplined": (
        "{subject} bị kỷ luật trong năm {year}: xếp loại {level}.",
        "{subject} was disciplined in {year}: rated {level}.",
    ),
    "vn.rating.targets_missed": (
        "{subject} hoàn thành dưới tỷ lệ chỉ tiêu, nhiệm vụ và có chỉ tiêu chủ yếu không đạt năm {year}: "
        "xếp loại {level}.",
        "{subject} completed too few of its targets and missed a main target in {year}: rated {level}.",
    ),
    "vn.rating.moved_down": (
        "{subject}: đề xuất {proposed} nhưng vượt tỷ lệ cho phép ({excellent_rank} trên {quota_allowed} suất); "
        "xếp loại {level}.",
        "{subject}: proposed {proposed}, but ranked {excellent_rank} where the quota allows {quota_allowed}; "
        "rated {level}.",
    ),
    "level.excellent": ("hoàn thành xuất sắc nhiệm vụ", "excellent"),
    "level.good": ("hoàn thành tốt nhiệm vụ", "good"),
    "level.completed": ("hoàn thành nhiệm vụ", "completed"),
    "level.not_completed": ("không hoàn thành nhiệm vụ", "not completed"),
}


def rule_templates() -> Templates:
    """Titles (``vn.rule.<id>``) and finding messages (``vn.finding.<id>``) in Vietnamese and English."""
    vi: dict[str, str] = {}
    en: dict[str, str] = {}
    for rule_id, (vi_title, en_title, vi_finding, en_finding) in _TEXTS.items():
        vi[f"vn.rule.{rule_id}"], en[f"vn.rule.{rule_id}"] = vi_title, en_title
        vi[f"vn.finding.{rule_id}"], en[f"vn.finding.{rule_id}"] = vi_finding, en_finding
    for key, (vi_text, en_text) in _RATING.items():
        vi[key], en[key] = vi_text, en_text
        if key.startswith("level."):  # the proposed level reads the same words
            proposed = "proposed." + key.removeprefix("level.")
            vi[proposed], en[proposed] = vi_text, en_text
    return Templates({"vi": vi, "en": en})
