"""Vietnamese and English texts of the Vietnamese rulebook.

Every text is a pair ``(vi, en)``. Keys:

* ``param.<key>`` — the title of every parameter;
* ``choice.<key>.<value>`` — the name of every allowed value of a CHOICE parameter;
* ``status.<status>`` — confirmed / secondary / unconfirmed;
* ``unit.<unit>`` — the time units a :class:`~kiemtra.Duration` is counted in, and the parameter units;
* ``value.true`` / ``value.false`` / ``value.none`` — how flags and missing values read;
* ``explain.<field>`` — the field labels of :meth:`kiemtra.Explanation.describe`;
* ``workflow.blocked.<reason>`` — the engine's own block messages, with the placeholders the engine passes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

from kiemtra import Templates

__all__ = ["templates"]

_Pair = tuple[str, str]

PARAM_TITLES: Final[Mapping[str, _Pair]] = {
    # complaints
    "complaint.resolution.central": (
        "Thời hạn giải quyết khiếu nại kỷ luật ở cấp Trung ương",
        "Time limit to resolve a disciplinary complaint at central level",
    ),
    "complaint.resolution.provincial_and_below": (
        "Thời hạn giải quyết khiếu nại kỷ luật ở cấp tỉnh, cấp huyện và cấp dưới",
        "Time limit to resolve a disciplinary complaint at provincial or district level and below",
    ),
    "complaint.window": (
        "Thời hạn khiếu nại quyết định kỷ luật",
        "Time allowed to complain against a disciplinary decision",
    ),
    "complaint.window_start": (
        "Mốc bắt đầu tính thời hạn khiếu nại",
        "Event from which the complaint window runs",
    ),
    # denunciations
    "denunciation.extension.central": (
        "Thời hạn gia hạn giải quyết tố cáo đối với cán bộ diện Trung ương quản lý",
        "Extension of the time to resolve a denunciation against a centrally managed cadre",
    ),
    "denunciation.extension.grassroots": (
        "Thời hạn gia hạn giải quyết tố cáo ở cơ sở",
        "Extension of the time to resolve a denunciation at grassroots level",
    ),
    "denunciation.pre_congress.above_grassroots": (
        "Thời gian trước đại hội không giải quyết tố cáo (cấp trên cơ sở)",
        "Period before a congress in which denunciations are not resolved (above grassroots level)",
    ),
    "denunciation.pre_congress.grassroots": (
        "Thời gian trước đại hội không giải quyết tố cáo (cấp cơ sở)",
        "Period before a congress in which denunciations are not resolved (grassroots level)",
    ),
    "denunciation.resolution.central": (
        "Thời hạn giải quyết tố cáo đối với cán bộ diện Trung ương quản lý",
        "Time limit to resolve a denunciation against a centrally managed cadre",
    ),
    "denunciation.resolution.grassroots": (
        "Thời hạn giải quyết tố cáo ở cơ sở (ủy ban kiểm tra đảng ủy cơ sở, chi bộ)",
        "Time limit to resolve a denunciation at grassroots level (grassroots inspection commission, cell)",
    ),
    # discipline
    "discipline.appointment_bar.removal": (
        "Thời gian không quy hoạch, bổ nhiệm vào chức vụ cao hơn sau khi bị cách chức",
        "Period without planning or appointment to a higher post after removal from post",
    ),
    "discipline.appointment_bar.reprimand": (
        "Thời gian không quy hoạch, bổ nhiệm vào chức vụ cao hơn sau khi bị khiển trách",
        "Period without planning or appointment to a higher post after a reprimand",
    ),
    "discipline.appointment_bar.warning": (
        "Thời gian không quy hoạch, bổ nhiệm vào chức vụ cao hơn sau khi bị cảnh cáo",
        "Period without planning or appointment to a higher post after a warning",
    ),
    "discipline.deferral.child_age": (
        "Chưa xem xét kỷ luật đảng viên đang nuôi con nhỏ dưới",
        "Discipline is deferred while the member nurses a child younger than",
    ),
    "discipline.effect_lapse": (
        "Thời gian kể từ ngày công bố thì quyết định kỷ luật chấm dứt hiệu lực",
        "Time after the announcement when a sanction ceases to have effect",
    ),
    "discipline.limitation.ends_at": (
        "Mốc kết thúc tính thời hiệu xử lý kỷ luật",
        "Event at which the limitation period stops running",
    ),
    "discipline.limitation.member.expulsion_unlimited": (
        "Không áp dụng thời hiệu đối với đảng viên vi phạm đến mức khai trừ",
        "No limitation period for a member's violation warranting expulsion",
    ),
    "discipline.limitation.member.reprimand": (
        "Thời hiệu xử lý kỷ luật đảng viên vi phạm đến mức khiển trách",
        "Limitation period for a member's violation warranting a reprimand",
    ),
    "discipline.limitation.member.warning_or_removal": (
        "Thời hiệu xử lý kỷ luật đảng viên vi phạm đến mức cảnh cáo hoặc cách chức",
        "Limitation period for a member's violation warranting a warning or removal from post",
    ),
    "discipline.limitation.org.dissolution_unlimited": (
        "Không áp dụng thời hiệu đối với tổ chức đảng vi phạm đến mức giải tán",
        "No limitation period for an organisation's violation warranting dissolution",
    ),
    "discipline.limitation.org.reprimand": (
        "Thời hiệu xử lý kỷ luật tổ chức đảng vi phạm đến mức khiển trách",
        "Limitation period for an organisation's violation warranting a reprimand",
    ),
    "discipline.limitation.org.warning": (
        "Thời hiệu xử lý kỷ luật tổ chức đảng vi phạm đến mức cảnh cáo",
        "Limitation period for an organisation's violation warranting a warning",
    ),
    "discipline.notify.prosecution": (
        "Thời hạn cơ quan bảo vệ pháp luật thông báo việc khởi tố, tạm giam đảng viên",
        "Time for a law-enforcement body to report a member's prosecution or detention",
    ),
    "discipline.notify.state_to_party": (
        "Thời hạn cơ quan nhà nước, Mặt trận, đoàn thể thông báo cho tổ chức đảng sau khi đình chỉ "
        "hoặc kỷ luật đảng viên",
        "Time for a state body, the Front or a mass organisation to inform the party organisation after "
        "suspending or disciplining a member",
    ),
    "discipline.removal_from_post.bar": (
        "Thời gian không được bầu vào cấp ủy, bổ nhiệm chức vụ tương đương hoặc cao hơn sau khi bị cách chức",
        "Period without election to a committee or appointment to an equal or higher post after removal "
        "from post",
    ),
    "discipline.state_followup": (
        "Thời hạn xem xét kỷ luật hành chính, đoàn thể sau khi công bố kỷ luật đảng",
        "Time to consider administrative or mass-organisation discipline after a party sanction is "
        "announced",
    ),
    "discipline.vote.expulsion_decision.share": (
        "Tỷ lệ thành viên cơ quan có thẩm quyền tán thành để quyết định khai trừ",
        "Share of the deciding body's members needed to decide an expulsion",
    ),
    "discipline.vote.expulsion_decision.strict": (
        "Quyết định khai trừ phải vượt quá tỷ lệ (không chỉ bằng)",
        "Deciding an expulsion needs more than the share (not just equal to it)",
    ),
    "discipline.vote.expulsion_proposal.share": (
        "Tỷ lệ đảng viên chính thức tán thành để đề nghị khai trừ",
        "Share of full members needed to propose an expulsion",
    ),
    "discipline.vote.expulsion_proposal.strict": (
        "Đề nghị khai trừ phải vượt quá tỷ lệ (không chỉ bằng)",
        "Proposing an expulsion needs more than the share (not just equal to it)",
    ),
    "discipline.vote.sanction.share": (
        "Tỷ lệ tán thành để quyết định hoặc đề nghị khiển trách, cảnh cáo, cách chức",
        "Share needed to decide or propose a reprimand, a warning or removal from post",
    ),
    "discipline.vote.sanction.strict": (
        "Biểu quyết kỷ luật phải vượt quá tỷ lệ (không chỉ bằng)",
        "A disciplinary vote needs more than the share (not just equal to it)",
    ),
    # dues
    "dues.exemption.party_age": (
        "Tuổi đảng được miễn đóng đảng phí",
        "Party age from which a member is exempt from dues",
    ),
    "dues.flat.beyond_working_age_share": (
        "Tỷ lệ mức đóng của đảng viên ngoài độ tuổi lao động",
        "Share of the amount paid by members beyond working age",
    ),
    "dues.flat.central_city_core": (
        "Mức đóng đảng phí hằng tháng ở nội thành thành phố trực thuộc Trung ương",
        "Monthly dues in the core of a centrally-run city",
    ),
    "dues.flat.mountain_remote": (
        "Mức đóng đảng phí hằng tháng ở miền núi, vùng sâu, vùng xa",
        "Monthly dues in mountain or remote areas",
    ),
    "dues.flat.other": (
        "Mức đóng đảng phí hằng tháng ở các địa bàn khác",
        "Monthly dues in other areas",
    ),
    "dues.flat.range": (
        "Khung mức đóng đảng phí hằng tháng của đảng viên khác ở trong nước",
        "Range of monthly dues for other members in the country",
    ),
    "dues.flat.urban": (
        "Mức đóng đảng phí hằng tháng ở đô thị loại I, II, III",
        "Monthly dues in urban areas of types I to III",
    ),
    "dues.payment_interval": ("Kỳ đóng đảng phí", "Dues payment interval"),
    "dues.remittance.due_within": (
        "Thời hạn nộp đảng phí lên cấp trên sau mỗi kỳ",
        "Time after each period within which dues are remitted upward",
    ),
    "dues.rate.pension": ("Tỷ lệ đóng đảng phí trên lương hưu", "Dues rate on a pension"),
    "dues.rate.salary": (
        "Tỷ lệ đóng đảng phí trên tiền lương đóng bảo hiểm xã hội",
        "Dues rate on salary subject to social insurance",
    ),
    "dues.rate.sickness_maternity_allowance": (
        "Tỷ lệ đóng đảng phí trên trợ cấp ốm đau, thai sản",
        "Dues rate on a sickness or maternity allowance",
    ),
    "dues.rate.student": (
        "Mức đóng đảng phí hằng tháng của học sinh, sinh viên",
        "Monthly dues of pupils and students",
    ),
    "dues.rate.uninsured.below_retirement_age": (
        "Tỷ lệ đóng đảng phí trên lương tối thiểu vùng của đảng viên chưa đến tuổi nghỉ hưu không đóng "
        "bảo hiểm xã hội",
        "Dues rate on the regional minimum wage for uninsured members below retirement age",
    ),
    "dues.rate.uninsured.retirement_age": (
        "Tỷ lệ đóng đảng phí trên lương tối thiểu vùng của đảng viên từ tuổi nghỉ hưu không hưởng lương hưu",
        "Dues rate on the regional minimum wage for members at or after retirement age without a pension",
    ),
    "dues.reduction.high": ("Mức giảm đảng phí cao", "High dues reduction"),
    "dues.reduction.low": ("Mức giảm đảng phí thấp", "Low dues reduction"),
    "dues.reduction.max_period": (
        "Thời gian tối đa của một quyết định giảm đảng phí",
        "Longest period of one dues reduction",
    ),
    "dues.reduction.middle": ("Mức giảm đảng phí trung bình", "Middle dues reduction"),
    "dues.rounding": ("Cách làm tròn đảng phí đến đồng", "How dues are rounded to whole đồng"),
    "dues.salary_base_month": (
        "Tháng tiền lương làm căn cứ tính đảng phí",
        "Month whose salary is the base of dues",
    ),
    "dues.share.above_grassroots.retained": (
        "Tỷ lệ đảng phí được trích giữ lại ở mỗi cấp trên cơ sở",
        "Share of dues retained at each level above grassroots",
    ),
    "dues.share.cell_in_grassroots.remitted": (
        "Tỷ lệ đảng phí chi bộ trực thuộc đảng bộ cơ sở nộp lên cấp trên",
        "Share of dues a cell under a grassroots organisation remits",
    ),
    "dues.share.cell_in_grassroots.retained": (
        "Tỷ lệ đảng phí chi bộ trực thuộc đảng bộ cơ sở được giữ lại",
        "Share of dues a cell under a grassroots organisation retains",
    ),
    "dues.share.other_grassroots.remitted": (
        "Tỷ lệ đảng phí tổ chức cơ sở đảng khác nộp lên cấp trên",
        "Share of dues another grassroots organisation remits",
    ),
    "dues.share.other_grassroots.retained": (
        "Tỷ lệ đảng phí tổ chức cơ sở đảng khác được giữ lại",
        "Share of dues another grassroots organisation retains",
    ),
    "dues.share.ward_grassroots.remitted": (
        "Tỷ lệ đảng phí tổ chức cơ sở đảng xã, phường, thị trấn nộp lên cấp trên",
        "Share of dues a commune, ward or township grassroots organisation remits",
    ),
    "dues.share.ward_grassroots.retained": (
        "Tỷ lệ đảng phí tổ chức cơ sở đảng xã, phường, thị trấn được giữ lại",
        "Share of dues a commune, ward or township grassroots organisation retains",
    ),
    # residents' funds
    "funds.community_draft.posting_min": (
        "Thời gian niêm yết tối thiểu dự thảo của cộng đồng dân cư",
        "Minimum posting period of a community draft",
    ),
    "funds.community_meeting.quorum.share": (
        "Tỷ lệ hộ gia đình có đại diện tham dự để cuộc họp cộng đồng dân cư hợp lệ",
        "Share of households represented for a valid community meeting",
    ),
    "funds.community_meeting.quorum.strict": (
        "Cuộc họp cộng đồng dân cư phải vượt quá tỷ lệ (không chỉ bằng)",
        "A community meeting needs more than the share (not just equal to it)",
    ),
    "funds.community_rule.adoption.share": (
        "Tỷ lệ đại diện hộ gia đình tán thành để thông qua hương ước, quy ước",
        "Share of household representatives in favour needed to adopt a community rule",
    ),
    "funds.community_rule.adoption.strict": (
        "Thông qua hương ước, quy ước phải vượt quá tỷ lệ (không chỉ bằng)",
        "Adopting a community rule needs more than the share (not just equal to it)",
    ),
    "funds.direct_decision.share": (
        "Tỷ lệ cử tri hoặc đại diện hộ gia đình tán thành để nhân dân quyết định trực tiếp",
        "Share of voters or household representatives in favour needed for a residents' direct decision",
    ),
    "funds.direct_decision.strict": (
        "Quyết định trực tiếp của nhân dân phải vượt quá tỷ lệ (không chỉ bằng)",
        "A residents' direct decision needs more than the share (not just equal to it)",
    ),
    "funds.disclosure.budget_interval": (
        "Kỳ công khai dự toán và tình hình thực hiện ngân sách cấp xã",
        "Interval of public disclosure of commune budget estimates and implementation",
    ),
    "funds.offence.wrongful_collection": (
        "Điều khoản vi phạm tạm áp dụng cho việc thu sai, thu vượt, sử dụng sai mục đích các khoản đóng "
        "góp của nhân dân",
        "Provisional offence for wrongful collection, over-collection or misuse of residents' "
        "contributions",
    ),
    # membership
    "membership.cell.min_full_members": (
        "Số đảng viên chính thức tối thiểu để lập chi bộ",
        "Minimum number of full members of a party cell",
    ),
    "membership.full_membership.consider_within": (
        "Thời hạn chi bộ xét công nhận đảng viên chính thức sau khi hết thời gian dự bị",
        "Time for the cell to consider full membership after the probation ends",
    ),
    "membership.meeting.documents_posted_before": (
        "Thời gian đăng tài liệu sinh hoạt lên Sổ tay đảng viên điện tử trước cuộc họp",
        "How long before the meeting its documents are posted in the electronic member handbook",
    ),
    "membership.meeting.min_minutes": (
        "Thời lượng tối thiểu của buổi sinh hoạt chi bộ (phút)",
        "Minimum length of a cell meeting (minutes)",
    ),
    "membership.meeting.min_minutes_combined": (
        "Thời lượng tối thiểu khi sinh hoạt thường kỳ kết hợp sinh hoạt chuyên đề (phút)",
        "Minimum length of a regular meeting held with a thematic one (minutes)",
    ),
    "membership.meeting.regular_interval": (
        "Kỳ sinh hoạt chi bộ thường kỳ",
        "Interval of regular cell meetings",
    ),
    "membership.meeting.thematic_interval": (
        "Kỳ sinh hoạt chi bộ chuyên đề (ít nhất)",
        "Interval of thematic cell meetings (at least)",
    ),
    "membership.probation": ("Thời gian dự bị", "Probation period"),
    "membership.removal.count_period": (
        "Khoảng thời gian tính 'ba tháng trong năm'",
        "Period over which the 'three months in a year' are counted",
    ),
    "membership.removal.counting": (
        "Cách tính tháng bỏ sinh hoạt đảng và tháng không đóng đảng phí",
        "How months of skipped meetings and of unpaid dues are counted",
    ),
    "membership.removal.missed_months": (
        "Số tháng trong năm bỏ sinh hoạt đảng hoặc không đóng đảng phí thì xem xét xóa tên",
        "Months in a year of skipped meetings or unpaid dues that lead to removal from the roll",
    ),
    "membership.removal.months_consecutive": (
        "Các tháng bỏ sinh hoạt đảng hoặc không đóng đảng phí phải liên tục",
        "The months of skipped meetings or unpaid dues must be consecutive",
    ),
    "membership.removal.no_progress": (
        "Thời gian được chi bộ giáo dục mà không tiến bộ thì xem xét xóa tên",
        "Time of education by the cell without progress that leads to removal from the roll",
    ),
    "membership.removal.standing_violation": (
        "Thời gian liên tục vi phạm tư cách đảng viên thì xem xét xóa tên",
        "Consecutive time of violating member standing that leads to removal from the roll",
    ),
    "membership.screening.share": (
        "Tỷ lệ đảng viên chính thức tán thành đưa đảng viên vào diện cần giáo dục, giúp đỡ",
        "Share of full members needed to list a member as needing education and help",
    ),
    "membership.screening.strict": (
        "Biểu quyết rà soát đảng viên phải vượt quá tỷ lệ (không chỉ bằng)",
        "The screening vote needs more than the share (not just equal to it)",
    ),
    "membership.vote.denominator": (
        "Căn cứ tính tỷ lệ biểu quyết của chi bộ",
        "Denominator of a cell's votes",
    ),
    # organisation
    "org.district_level.exists": ("Còn tổ chức đảng cấp huyện", "A district party level exists"),
    "org.neighbourhood_cell.kind": ("Loại hình chi bộ khu dân cư", "Kind of a neighbourhood cell"),
    "org.neighbourhood_cell.upper_grassroots_committee": (
        "Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng đối với chi bộ khu dân cư",
        "Committee directly above the grassroots level over a neighbourhood cell",
    ),
    "org.ward_committee.level": ("Cấp của đảng ủy phường", "Level of the ward party committee"),
    # ratings
    "rating.collective.completed.done_share_min": (
        "Tỷ lệ nhiệm vụ hoàn thành tối thiểu để tập thể xếp loại 'hoàn thành nhiệm vụ'",
        "Minimum share of tasks done for a collective rated 'completed'",
    ),
    "rating.collective.completed.late_share_max": (
        "Tỷ lệ nhiệm vụ chậm tiến độ tối đa để tập thể xếp loại 'hoàn thành nhiệm vụ'",
        "Maximum share of late tasks for a collective rated 'completed'",
    ),
    "rating.collective.disciplined_units_above": (
        "Tỷ lệ đơn vị trực thuộc bị kỷ luật vượt mức này thì tập thể 'không hoàn thành nhiệm vụ'",
        "Share of disciplined subordinate units above which a collective is 'not completed'",
    ),
    "rating.excellent.exceeding_share_min": (
        "Tỷ lệ nhiệm vụ vượt yêu cầu tối thiểu để xếp loại 'hoàn thành xuất sắc nhiệm vụ'",
        "Minimum share of tasks exceeding the requirement for 'excellent'",
    ),
    "rating.excellent.on_time_share_min": (
        "Tỷ lệ nhiệm vụ đúng tiến độ tối thiểu để xếp loại 'hoàn thành xuất sắc nhiệm vụ'",
        "Minimum share of tasks done on time for 'excellent'",
    ),
    "rating.excellent.shortcomings_fixed_share_min": (
        "Tỷ lệ hạn chế, khuyết điểm đã khắc phục tối thiểu để xếp loại 'hoàn thành xuất sắc nhiệm vụ'",
        "Minimum share of earlier shortcomings remedied for 'excellent'",
    ),
    "rating.levels": ("Số mức xếp loại chất lượng", "Number of quality rating levels"),
    "rating.quota.denominator": (
        "Căn cứ tính tỷ lệ 'hoàn thành xuất sắc nhiệm vụ'",
        "Denominator of the 'excellent' quota",
    ),
    "rating.quota.excellent_max_share": (
        "Tỷ lệ tối đa xếp loại 'hoàn thành xuất sắc nhiệm vụ' so với số 'hoàn thành tốt nhiệm vụ'",
        "Maximum share rated 'excellent', relative to those rated 'good'",
    ),
    "rating.quota.scope": (
        "Phạm vi áp dụng tỷ lệ 'hoàn thành xuất sắc nhiệm vụ'",
        "Scope within which the 'excellent' quota applies",
    ),
    "rating.disciplined.not_completed": (
        "Đảng viên bị kỷ luật trong năm xếp loại 'không hoàn thành nhiệm vụ'",
        "A member disciplined in the year is rated 'not completed'",
    ),
    "rating.disciplined.self_remedied_exempt": (
        "Trừ trường hợp tự phát hiện và khắc phục xong hậu quả",
        "Except when the member found the violation and remedied its consequences",
    ),
    "rating.score.completed_min": (
        "Điểm tối thiểu xếp loại 'hoàn thành nhiệm vụ'",
        "Minimum score for 'completed'",
    ),
    "rating.score.excellent_min": (
        "Điểm tối thiểu xếp loại 'hoàn thành xuất sắc nhiệm vụ'",
        "Minimum score for 'excellent'",
    ),
    "rating.score.general_points": (
        "Điểm của nhóm tiêu chí chung",
        "Points of the general criteria",
    ),
    "rating.score.good_min": (
        "Điểm tối thiểu xếp loại 'hoàn thành tốt nhiệm vụ'",
        "Minimum score for 'good'",
    ),
    "rating.score.not_completed_below": (
        "Dưới mức điểm này xếp loại 'không hoàn thành nhiệm vụ'",
        "Score below which the rating is 'not completed'",
    ),
    "rating.score.task_points": (
        "Điểm của nhóm tiêu chí kết quả thực hiện nhiệm vụ",
        "Points of the task-result criteria",
    ),
    "rating.targets.completion_below": (
        "Hoàn thành dưới tỷ lệ chỉ tiêu, nhiệm vụ này thì 'không hoàn thành nhiệm vụ'",
        "Share of targets below which the rating is 'not completed'",
    ),
    "rating.targets.conjunctive": (
        "Đồng thời phải có chỉ tiêu chủ yếu không đạt (trừ trường hợp bất khả kháng)",
        "Main targets must also be missed (except in force majeure)",
    ),
    "rating.targets.scope": (
        "Đối tượng áp dụng tiêu chí hoàn thành dưới tỷ lệ chỉ tiêu",
        "Who the share-of-targets ground applies to",
    ),
    # suspension
    "suspension.member.initial": (
        "Thời hạn đình chỉ sinh hoạt đảng, sinh hoạt cấp ủy",
        "Length of a suspension of party activity or committee membership",
    ),
    "suspension.member.max_total": (
        "Thời hạn đình chỉ tối đa, kể cả gia hạn",
        "Longest suspension, extension included",
    ),
    "suspension.member.extension": (
        "Thời hạn gia hạn đình chỉ sinh hoạt đảng, sinh hoạt cấp ủy (một lần)",
        "The one extension of a suspension of party activity or committee membership",
    ),
    "suspension.org.max": (
        "Thời hạn đình chỉ hoạt động tối đa của tổ chức đảng",
        "Longest suspension of a party organisation's activity",
    ),
}

CHOICE_LABELS: Final[Mapping[str, Mapping[str, _Pair]]] = {
    "complaint.window_start": {
        "announced": ("ngày công bố quyết định kỷ luật", "the announcement of the decision"),
        "received": ("ngày nhận quyết định kỷ luật", "the receipt of the decision"),
    },
    "discipline.limitation.ends_at": {
        "decision_to_inspect": ("ngày quyết định kiểm tra", "the decision to inspect"),
        "conclusion": (
            "khi tổ chức đảng có thẩm quyền kết luận vi phạm đến mức phải xử lý kỷ luật",
            "the competent organisation's conclusion that discipline is warranted",
        ),
    },
    "dues.rounding": {
        "down": ("làm tròn xuống", "round down"),
        "up": ("làm tròn lên", "round up"),
        "half_up": ("làm tròn đến đồng gần nhất, nửa đồng làm tròn lên", "round half up"),
    },
    "dues.salary_base_month": {
        "current": ("tháng đóng đảng phí", "the month paid for"),
        "previous": ("tháng liền trước", "the previous month"),
    },
    "funds.offence.wrongful_collection": {
        "QĐ69.Art26.k1": (
            "khoản 1 Điều 26 Quy định 69-QĐ/TW (tạm áp dụng, cần rà soát pháp lý)",
            "QĐ 69 Art 26 k1 (provisional, for legal review)",
        ),
        "unmapped": ("chưa xác định điều khoản vi phạm", "not mapped to an offence"),
    },
    "membership.removal.count_period": {
        "calendar_year": ("năm dương lịch", "the calendar year"),
        "rolling_12_months": ("12 tháng liền kề", "a rolling 12 months"),
    },
    "membership.removal.counting": {
        "separately": ("tính riêng từng loại", "each counted separately"),
        "combined": ("tính gộp hai loại", "both counted together"),
    },
    "membership.vote.denominator": {
        "all_full_members": ("tổng số đảng viên chính thức", "all full members"),
        "present_full_members": ("số đảng viên chính thức có mặt", "the full members present"),
    },
    "org.neighbourhood_cell.kind": {
        "cell_in_grassroots": (
            "chi bộ trực thuộc đảng bộ cơ sở",
            "a cell under a grassroots organisation",
        ),
        "grassroots_cell": ("chi bộ cơ sở", "a grassroots cell"),
    },
    "org.neighbourhood_cell.upper_grassroots_committee": {
        "district": ("cấp ủy cấp huyện", "the district committee"),
        "ward": ("đảng ủy phường", "the ward committee"),
    },
    "org.ward_committee.level": {
        "grassroots": ("đảng ủy cơ sở", "a grassroots committee"),
        "upper_grassroots": (
            "đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng",
            "the committee directly above the grassroots organisations",
        ),
    },
    "rating.quota.denominator": {
        "good_only": ("số được xếp loại 'hoàn thành tốt nhiệm vụ'", "those rated 'good'"),
        "good_and_above": (
            "số được xếp loại từ 'hoàn thành tốt nhiệm vụ' trở lên",
            "those rated 'good' or above",
        ),
    },
    "rating.quota.scope": {
        "grassroots_organisation": (
            "từng tổ chức cơ sở đảng",
            "each grassroots party organisation",
        ),
        "cell": ("từng chi bộ", "each cell"),
    },
    "rating.targets.scope": {
        "collectives_and_leaders": ("tập thể và người đứng đầu", "collectives and leaders"),
        "all_rated": ("mọi đối tượng được xếp loại", "everyone rated"),
    },
}

STATUS_LABELS: Final[Mapping[str, _Pair]] = {
    "status.confirmed": ("đã xác nhận", "confirmed"),
    "status.secondary": ("nguồn thứ cấp", "secondary source"),
    "status.unconfirmed": ("chưa xác nhận", "unconfirmed"),
}

UNIT_LABELS: Final[Mapping[str, _Pair]] = {
    # the time units a Duration is counted in (kiemtra.TimeUnit)
    "unit.calendar_days": ("ngày", "days"),
    "unit.working_days": ("ngày làm việc", "working days"),
    "unit.months": ("tháng", "months"),
    "unit.years": ("năm", "years"),
    # what a parameter measures (kiemtra.Unit)
    "unit.ratio": ("tỷ lệ", "ratio"),
    "unit.count": ("số lượng", "count"),
    "unit.money": ("số tiền", "amount of money"),
    "unit.duration": ("thời hạn", "duration"),
    "unit.flag": ("có hoặc không", "yes or no"),
    "unit.choice": ("lựa chọn", "choice"),
    "unit.range": ("khoảng giá trị", "range"),
}

VALUE_LABELS: Final[Mapping[str, _Pair]] = {
    "value.true": ("có", "yes"),
    "value.false": ("không", "no"),
    "value.none": ("(không xác định)", "(unknown)"),
}

EXPLAIN_LABELS: Final[Mapping[str, _Pair]] = {
    "explain.rule": ("quy tắc", "rule"),
    "explain.citation": ("căn cứ", "basis"),
    "explain.input": ("dữ liệu đầu vào", "input"),
    "explain.threshold": ("ngưỡng", "threshold"),
    "explain.evidence": ("chứng cứ", "evidence"),
    "explain.governing_date": ("ngày xác định quy định áp dụng", "governing date"),
    "explain.overridden": ("đã được thay đổi bởi đơn vị sử dụng", "overridden by the host"),
}

WORKFLOW_MESSAGES: Final[Mapping[str, _Pair]] = {
    "workflow.blocked.conflict_denouncer": (
        "Người tố cáo không được tham gia giải quyết vụ việc mình tố cáo.",
        "The denouncer may not take part in handling the case.",
    ),
    "workflow.blocked.conflict_inspector": (
        "Người đã tham gia kiểm tra vụ việc trước không được tham gia quyết định vụ việc này.",
        "Whoever inspected the earlier case may not take part in deciding this one.",
    ),
    "workflow.blocked.conflict_subject": (
        "Đối tượng của vụ việc không được tham gia giải quyết vụ việc của chính mình.",
        "The subject of the case may not take part in handling it.",
    ),
    "workflow.blocked.deadline_passed": (
        "Bước '{trigger}' đã quá thời hạn: hạn cuối là {due}, đề nghị thực hiện ngày {day}.",
        "Step '{trigger}' is out of time: it was due on {due} and was asked for on {day}.",
    ),
    "workflow.blocked.extensions_exhausted": (
        "Đã hết số lần gia hạn ở trạng thái {state} (đã gia hạn {used}/{allowed} lần).",
        "No extension is left in state {state} ({used} of {allowed} used).",
    ),
    "workflow.blocked.level_not_competent": (
        "Tổ chức đảng cấp {level} không có thẩm quyền thực hiện bước '{trigger}'.",
        "A party body at level {level} is not competent to take step '{trigger}'.",
    ),
    "workflow.blocked.missing_evidence": (
        "Bước '{trigger}' phải kèm theo tài liệu loại {kind}.",
        "Step '{trigger}' needs a document of kind {kind} attached.",
    ),
    "workflow.blocked.not_permitted": (
        "{actor} không có thẩm quyền thực hiện bước '{trigger}'.",
        "{actor} is not competent to take step '{trigger}'.",
    ),
    "workflow.blocked.separation_of_duties": (
        "Người đã thực hiện bước '{earlier}' không được đồng thời thực hiện bước '{trigger}'.",
        "Whoever took step '{earlier}' may not also take step '{trigger}'.",
    ),
    "workflow.blocked.subject_post_not_competent": (
        "Bước '{trigger}' không thuộc thẩm quyền của tổ chức này khi đối tượng giữ chức vụ {post}.",
        "Step '{trigger}' is beyond this body's competence when the subject holds the post {post}.",
    ),
    "workflow.blocked.wrong_state": (
        "Không thể thực hiện bước '{trigger}' khi vụ việc đang ở trạng thái {state} "
        "(chỉ thực hiện được từ: {expected}).",
        "Step '{trigger}' cannot be taken in state {state} (only from: {expected}).",
    ),
}


def _pairs() -> dict[str, _Pair]:
    out: dict[str, _Pair] = {f"param.{key}": pair for key, pair in PARAM_TITLES.items()}
    for key, labels in CHOICE_LABELS.items():
        out.update({f"choice.{key}.{value}": pair for value, pair in labels.items()})
    for table in (STATUS_LABELS, UNIT_LABELS, VALUE_LABELS, EXPLAIN_LABELS, WORKFLOW_MESSAGES):
        out.update(table)
    return out


@functools.cache
def templates() -> Templates:
    """The rulebook's templates in Vietnamese (``"vi"``) and English (``"en"``)."""
    pairs = _pairs()
    return Templates(
        {
            "vi": {key: vi for key, (vi, _en) in pairs.items()},
            "en": {key: en for key, (_vi, en) in pairs.items()},
        }
    )
