"""The parameter keys the Vietnamese rules and features read, named once."""

from __future__ import annotations

DUES_SALARY = "dues.rate.salary"
DUES_PENSION = "dues.rate.pension"
DUES_LEAVE = "dues.rate.sickness_maternity_allowance"
DUES_STUDENT = "dues.rate.student"
DUES_UNINSURED = "dues.rate.uninsured.below_retirement_age"
DUES_FLAT_1 = "dues.flat.central_city_core"
DUES_FLAT_2 = "dues.flat.urban"
DUES_FLAT_3 = "dues.flat.other"
DUES_FLAT_4 = "dues.flat.mountain_remote"
DUES_OTHER_RANGE = "dues.flat.range"
DUES_ROUNDING = "dues.rounding"
DUES_BASE_MONTH = "dues.salary_base_month"
DUES_EXEMPT_PARTY_AGE = "dues.exemption.party_age"

THREE_MONTH_MONTHS = "membership.removal.missed_months"
THREE_MONTH_COUNTING = "membership.removal.counting"
THREE_MONTH_PERIOD = "membership.removal.count_period"

TASKS_EXCEEDED_MIN = "rating.excellent.exceeding_share_min"

SHARE_CELL_KEEPS = "dues.share.cell_in_grassroots.retained"
SHARE_WARD_REMITS = "dues.share.ward_grassroots.remitted"
SHARE_OTHER_REMITS = "dues.share.other_grassroots.remitted"
REMITTANCE_DUE = "dues.remittance.due_within"

FUND_MAJORITY = "funds.direct_decision.share"
FUND_MAJORITY_STRICT = "funds.direct_decision.strict"
FUND_QUORUM = "funds.community_meeting.quorum.share"
FUND_QUORUM_STRICT = "funds.community_meeting.quorum.strict"
