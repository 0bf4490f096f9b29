"""Every number of the Vietnamese rulebook, each with its own effective periods, citations and status.

Values, statuses and sources come from ``shared/domain/regulations.md`` (its addendum (g) overrides sections
(c) and (e)); the row each value comes from is named in a comment. How the rulebook settles what that
reference leaves open:

* **Effective dates.** A version starts on its document's effective date where regulations.md gives one
  (QĐ 342: 1/4/2011; QĐ 01-QĐ/TW: 1/2/2026, itself SECONDARY; Pháp lệnh 34/2007: 1/7/2007; Luật 10/2022:
  1/7/2023; QĐ 298: 1/7/2025), otherwise on its date of issue. Where only a year is known the document
  says which day stands in for it (see :mod:`._sources`).
* **A successor whose value was not read.** When a document was replaced and the successor's value was not
  found (QĐ 22 → QĐ 296, QĐ 24 → QĐ 294, QĐ 124 → QĐ 366 ...), the previous value is carried forward as a new
  version citing the successor, with status UNCONFIRMED and a note. Rules keep working and every explanation
  that uses such a value flags it for review. The one exception is the dues retention/remittance shares:
  the QĐ 01-QĐ/TW shares are unknown and are not invented, so those parameters end on 1/2/2026 and a
  lookup after that raises :class:`~kiemtra.NotInForce`.
* **Earlier periods** are encoded only where regulations.md names the earlier document; otherwise a
  parameter starts with the first document that gives it, and a lookup before raises ``NotInForce``.
* **Comparisons.** Vote and quorum thresholds are a ``<name>.share`` ratio with a ``<name>.strict`` flag
  (True: "more than"; False: "at least"). Other thresholds carry the comparison in their key: ``_min`` and
  ``_max`` are inclusive, ``_above`` and ``_below`` are strict.
* **Interpretations** of confirmed texts that no source spells out (the reading of "trong năm" as the
  calendar year, how fractions of a đồng are settled...) are CHOICE or FLAG parameters with status
  UNCONFIRMED, so a host can override them.
* ``favourable`` is left unset: regulations.md does not say when a newer, more lenient value reaches back.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Final

import pendulum

from kiemtra import Citation, DateRange, Duration, Money, Param, ParamVersion, Range, Status, Unit
from kiemtra._rules._param import ParamValue
from kiemtra.rulebooks.vn import _sources as s

__all__ = ["params"]

_D = pendulum.date
C: Final = Status.CONFIRMED
S: Final = Status.SECONDARY
U: Final = Status.UNCONFIRMED
F = Fraction
YEARS, MONTHS, DAYS, WDAYS = Duration.years, Duration.months, Duration.days, Duration.working_days

# -- where values were seen (regulations.md "Where found" / "Source") ----------------------------------------
QUIZ = "quiz bank 'Bộ câu hỏi nghiệp vụ công tác Đảng' (public GitHub file)"
CHARTER_TEXT = "a copy of the 2011 Charter text; thuvienphapluat '10 thông tin đảng viên cần biết'"
QD24_TEXT = "c1thule-bd.edu.vn (QĐ 24 text); luatduonggia.vn quoting QĐ 24"
HD42_PAGE = "luatvietnam.vn/tin-van-ban-moi/thoi-luong-sinh-hoat-chi-bo-toi-thieu-90-phut-..."
QD342_PAGE = "phapluat24h.org; a thuvienphapluat mirror"
QD342_RANGE_PAGE = "phapluat24h.org/?p=13771"
QD342_SHARES_PAGE = "tintuc.thuvienphapluat.com 59663; quiz bank Q37"
HD03_PAGE = "pgdsathay.edu.vn (HD 03-HD/VPTW)"
QD01_PRESS = "dantri.com.vn 20260206210920568; vietnamnet.vn 2488577"
QD01_RATES = "tintuc.thuvienphapluat.com 104998"
QD01_RELIEF = "baogialai.com.vn post579562"
QD01_PAYMENT = "baophutho.vn 247487; luatvietnam.vn 107067"
QD102_PAGE = "stdt.danguykhoibinhthuan.vn 'Thời hiệu'; congan.hatinh.gov.vn"
QD69_ART4_PAGE = "m.vinhcity.gov.vn 'Xử lý kỷ luật hành chính đồng bộ với kỷ luật Đảng'"
QD07_PAGE = "thukyluat.vn; thuvienphapluat Q&A"
CLOCK_PAGE = "vietbao.vn; congan.hatinh.gov.vn; quiz bank Q65"
VOTE_PAGE = "dongnai.dcs.vn/bo-phieu-trong-ky-luat-dang-3329; lawnet.vn 102305"
BALLOT_PAGE = "th389.vn; ubkttu.camau.dcs.vn/chi-tiet-hoi-dap-8"
DEFERRAL_PAGE = (
    "uybankiemtra.laocai.org.vn 'Một số điểm mới về thi hành kỷ luật trong Đảng theo QĐ 22'"
)
EFFECT_PAGE = "beta.thuvienphapluat.vn; lawnet Q&A"
QD80_PAGE = "soha.vn"
NOTIFY5_PAGE = "quanlynhanuoc.vn/?p=51516"
QD22_ART31_PAGE = "thuvienphapluat hỏi đáp 5A381; lawnet.vn 119412"
CHARTER_ART39_PAGE = "dangcongsan.vn Q&A 428680 'Trong thời gian chờ giải quyết khiếu nại...'"
QD46_PAGE = "thuvienphapluat.vn hỏi đáp 1993A 'Có quyền khiếu nại kỷ luật'"
COMPLAINT_LIMIT_PAGE = "thanhuytphcm.vn 'Câu hỏi 39'"
HANDBOOK_DENUNCIATION = (
    "stdt.danguykhoibinhthuan.vn 'Giải quyết tố cáo đối với tổ chức đảng và đảng viên'"
)
PRE_CONGRESS_PAGE = (
    "ubkttw.vn Q&A 'Thời hạn giải quyết tố cáo được tính từ ngày tổ chức đảng có thẩm quyền...'"
)
QD164_PAGE = "tintuc.thuvienphapluat.com 65849; vietnamnews.vn 1657616; vietnam.vn/en"
QD30_ART40_PAGE = "thukyluat.vn 314816"
QD366_PAGE = "tintuc.thuvienphapluat.com 100238; vietnamnet.vn"
QD124_PAGE = "xaydungchinhsach.chinhphu.vn/print/quy-dinh-124-..."
HD21_QUOTA_PAGE = "thuvienphapluat.vn hỏi đáp 4C187"
PL34_PAGE = "123docz excerpt; thuvienphapluat Q&A 6688"
ND61_PAGE = "a thuvienphapluat mirror 'Hương ước quy ước được thông qua khi nào?'"
LUAT10_ART11_PAGE = "hethongphapluat.vn (Mục 1 Ch. 2); baonghean.vn; lawnet"
QD298_PAGE = "luatvietnam.vn 102448 'Biên chế của đảng ủy cấp trên trực tiếp cơ sở đảng xã, phường từ 01/7/2025'"
RM = "shared/domain/regulations.md"

# -- recurring notes -----------------------------------------------------------------------------------------
QD01_DATE = (
    "QĐ 01-QĐ/TW is dated 3/2/2026 and applied from 1/2/2026; that effective date is SECONDARY "
    "(regulations.md g.2 row 47)."
)
SHARES_END = (
    "QĐ 342 shares apply to dues collected before 2/2026 only. The QĐ 01-QĐ/TW shares were not found "
    "(regulations.md g.2 row 49, g.4 item 6) and are not invented: no value is in force from 1/2/2026."
)
WARD_2025 = (
    "From 1/7/2025 the ward committee is upper-grassroots (QĐ 298); which share the ward and its "
    "neighbourhood cells use until 1/2/2026 is open."
)
QD296_CARRY = (
    "QĐ 296 replaced QĐ 22 on 30/5/2025 and its value was not found (regulations.md g.4 item 2): "
    "QĐ 22's value is carried forward UNCONFIRMED."
)
QD294_CARRY = (
    "QĐ 294 replaced QĐ 24 on 26/5/2025 and its wording was not read: QĐ 24's value is carried forward "
    "UNCONFIRMED."
)
QD29_BACK = (
    "regulations.md cites only QĐ 24 8.1; QĐ 29 (2016), which QĐ 24 replaced, is assumed to say the same. "
    "Not checked."
)
QD366_CARRY = (
    "QĐ 366 replaced QĐ 124 on 30/8/2025 and this clause was not read (regulations.md (e)8, g.4 item 5): "
    "QĐ 124's value is carried forward UNCONFIRMED."
)
REPLACEMENT_2026 = (
    "Regulations of 2026 (QĐ 21-QĐ/TW, QĐ 212-QĐ/TW) may replace this text; they are UNCONFIRMED "
    "(regulations.md g.0) and not encoded."
)


def _v(
    value: ParamValue,
    start: pendulum.Date,
    end: pendulum.Date | None,
    citations: list[Citation],
    status: Status,
    note: str = "",
) -> ParamVersion:
    return ParamVersion(value, DateRange(start, end), citations, status, note)


def _p(key: str, unit: Unit, *versions: ParamVersion, choices: tuple[str, ...] = ()) -> Param:
    return Param(key, unit, versions, title_key=f"param.{key}", choices=choices)


# Dates on which values change, named once.
CHARTER = s.CHARTER_2011.effective  # 19/1/2011
QD342 = s.QD_342.effective  # 1/4/2011
QD01 = s.QD_01.effective  # 1/2/2026
QD29 = s.QD_29.effective  # 25/7/2016
QD24 = s.QD_24.effective  # 30/7/2021
QD294 = s.QD_294.effective  # 26/5/2025
QD30 = s.QD_30.effective  # 26/7/2016
QD22 = s.QD_22.effective  # 28/7/2021
QD296 = s.QD_296.effective  # 30/5/2025
QD102 = s.QD_102.effective  # 15/11/2017
QD07 = s.QD_07.effective  # 28/8/2018
QD69 = s.QD_69.effective  # 6/7/2022
QD132 = s.QD_132.effective  # 8/3/2018
HD16 = s.HD_16_BTCTW.effective  # 24/9/2018
HD21 = s.HD_21_BTCTW.effective  # 18/10/2019
QD124 = s.QD_124.effective  # 4/10/2023
QD366 = s.QD_366.effective  # 30/8/2025
PL34 = s.PL_34_2007.effective  # 1/7/2007
LUAT10 = s.LUAT_10_2022.effective  # 1/7/2023
ND61 = s.ND_61_2023.effective  # 16/8/2023
QD298 = s.QD_298.effective  # 1/7/2025
Y2028 = _D(2028, 1, 1)


def _membership() -> list[Param]:
    charter8 = s.CHARTER_2011.cite("Art 8", "k1", source=CHARTER_TEXT)
    return [
        # row 4
        _p(
            "membership.probation",
            Unit.DURATION,
            _v(MONTHS(12), CHARTER, None, [s.CHARTER_2011.cite("Art 5", source=CHARTER_TEXT)], C),
        ),
        # row 5
        _p(
            "membership.full_membership.consider_within",
            Unit.DURATION,
            _v(
                WDAYS(30),
                QD294,
                None,
                [s.QD_294.cite("4.2", source=f"{QUIZ} Q19")],
                S,
                "No earlier implementing rule with this limit is named in regulations.md.",
            ),
        ),
        # row 1: 3 months in a year; restated by QĐ 01-QĐ/TW (2026) for dues
        _p(
            "membership.removal.missed_months",
            Unit.COUNT,
            _v(
                3,
                CHARTER,
                QD01,
                [charter8],
                C,
                "Restated in the implementing rules (QĐ 24-QĐ/TW 8.1, seen at " + QD24_TEXT + ").",
            ),
            _v(
                3,
                QD01,
                None,
                [charter8, s.QD_01.cite(source=QD01_PRESS)],
                C,
                "QĐ 01-QĐ/TW restates the 3 months for unpaid dues. " + QD01_DATE,
            ),
        ),
        _p(
            "membership.removal.count_period",
            Unit.CHOICE,
            _v(
                "calendar_year",
                CHARTER,
                None,
                [charter8],
                U,
                "The texts say 'ba tháng trong năm'; reading 'năm' as the calendar year is the rulebook's, "
                "a rolling 12 months is the alternative. No source settles it.",
            ),
            choices=("calendar_year", "rolling_12_months"),
        ),
        _p(
            "membership.removal.counting",
            Unit.CHOICE,
            _v(
                "separately",
                CHARTER,
                None,
                [charter8],
                U,
                "'bỏ sinh hoạt đảng hoặc không đóng đảng phí ba tháng trong năm': 'separately' counts months of "
                "absence and months of non-payment each against the 3; 'combined' counts a month with either. "
                "No source settles it.",
            ),
            choices=("separately", "combined"),
        ),
        _p(
            "membership.removal.months_consecutive",
            Unit.FLAG,
            _v(
                False,
                CHARTER,
                None,
                [charter8],
                U,
                "The texts say 'ba tháng trong năm' without 'liên tục' (contrast 'hai năm liền' in QĐ 24 8.1); "
                "the months are read as not necessarily consecutive. No source spells it out.",
            ),
        ),
        # row 2
        _p(
            "membership.removal.no_progress",
            Unit.DURATION,
            _v(MONTHS(12), QD29, QD24, [s.QD_29.cite(source=RM + " row 2")], U, QD29_BACK),
            _v(MONTHS(12), QD24, QD294, [s.QD_24.cite("8.1", source=QD24_TEXT)], C),
            _v(MONTHS(12), QD294, None, [s.QD_294.cite(source=RM + " row 2")], U, QD294_CARRY),
        ),
        # row 3; (e)9: the meaning of "vi phạm tư cách đảng viên" is UNCONFIRMED
        _p(
            "membership.removal.standing_violation",
            Unit.DURATION,
            _v(YEARS(2), QD29, QD24, [s.QD_29.cite(source=RM + " row 3")], U, QD29_BACK),
            _v(
                YEARS(2),
                QD24,
                QD294,
                [s.QD_24.cite("8.1", source=QD24_TEXT)],
                C,
                "'Hai năm liền vi phạm tư cách đảng viên': the value is confirmed, its meaning (two consecutive "
                "'không hoàn thành nhiệm vụ' ratings?) is UNCONFIRMED (regulations.md (e)9).",
            ),
            _v(
                YEARS(2),
                QD294,
                None,
                [s.QD_294.cite(source=RM + " row 3")],
                U,
                QD294_CARRY + " The meaning of 'vi phạm tư cách' is also UNCONFIRMED.",
            ),
        ),
        # g.3 row 56
        _p(
            "membership.screening.share",
            Unit.RATIO,
            _v(
                F(2, 3),
                s.HD_02_BTCTW.effective,
                None,
                [s.HD_02_BTCTW.cite("II", source="hoatieu.vn; hanoimoi.vn 23/4/2021")],
                S,
                "Share of full members (excluding members exempt from activity) to put a member on the "
                "'cần được giáo dục, giúp đỡ' list, by secret ballot.",
            ),
        ),
        _p(
            "membership.screening.strict",
            Unit.FLAG,
            _v(
                False,
                s.HD_02_BTCTW.effective,
                None,
                [s.HD_02_BTCTW.cite("II", source="hoatieu.vn; hanoimoi.vn 23/4/2021")],
                S,
                "'ít nhất 2/3': at least, not more than.",
            ),
        ),
        # row 7
        _p(
            "membership.cell.min_full_members",
            Unit.COUNT,
            _v(3, CHARTER, None, [s.CHARTER_2011.cite("Art 24", "k1", source=f"{QUIZ} Q12")], S),
        ),
        # row 6
        _p(
            "membership.meeting.regular_interval",
            Unit.DURATION,
            _v(
                MONTHS(1),
                CHARTER,
                None,
                [s.CHARTER_2011.cite("Art 24", "k2", source=f"{QUIZ} Q20, Q57")],
                S,
            ),
        ),
        # row 8
        _p(
            "membership.meeting.min_minutes",
            Unit.COUNT,
            _v(
                90,
                s.HD_42_BTCTW.effective,
                None,
                [s.HD_42_BTCTW.cite(source=HD42_PAGE)],
                C,
                "In minutes (a duration in minutes has no Duration unit). No minimum before HD 42.",
            ),
        ),
        _p(
            "membership.meeting.min_minutes_combined",
            Unit.COUNT,
            _v(
                120,
                s.HD_42_BTCTW.effective,
                None,
                [s.HD_42_BTCTW.cite(source=HD42_PAGE)],
                C,
                "In minutes, when the regular and a thematic meeting are held in one session.",
            ),
        ),
        # row 9
        _p(
            "membership.meeting.documents_posted_before",
            Unit.DURATION,
            _v(
                DAYS(1),
                s.HD_42_BTCTW.effective,
                None,
                [s.HD_42_BTCTW.cite(source=HD42_PAGE)],
                C,
                "On the 'Sổ tay đảng viên điện tử', at least one day before the meeting.",
            ),
        ),
        # row 10; (e)13
        _p(
            "membership.meeting.thematic_interval",
            Unit.DURATION,
            _v(
                MONTHS(3),
                s.HD_12_BTCTW.effective,
                None,
                [s.HD_12_BTCTW.cite(source=RM + " row 10 (from memory)")],
                U,
                "At least once a quarter: from memory, not confirmed; the HD 42-HD/BTCTW (2025) rule was not "
                "read (regulations.md (e)13). The start 1/1/2018 stands in for HD 12's date.",
            ),
        ),
        # row 11
        _p(
            "membership.vote.denominator",
            Unit.CHOICE,
            _v(
                "all_full_members",
                QD29,
                QD294,
                [s.QD_29.cite(source=RM + " row 11"), s.QD_24.cite(source=RM + " row 11")],
                U,
                "regulations.md cites only QĐ 294 9.3.2; the earlier implementing rules are assumed to count "
                "the same way. Members on leave or exempt from activity are left out of 'all'.",
            ),
            _v(
                "all_full_members",
                QD294,
                None,
                [s.QD_294.cite("9.3.2", source=f"{QUIZ} Q3")],
                S,
                "Absent members who are not on leave or exempt from activity still count.",
            ),
            choices=("all_full_members", "present_full_members"),
        ),
    ]


def _dues() -> list[Param]:
    qd342_b = s.QD_342.cite("B", source=QD342_PAGE)
    qd342_shares = s.QD_342.cite("B.II", "1", source=QD342_SHARES_PAGE)
    hd03 = s.HD_03_VPTW.cite(source=HD03_PAGE)

    def flat(key: str, dong: int) -> Param:  # row 45: HD 03-HD/VPTW amounts by area
        return _p(
            key,
            Unit.MONEY,
            _v(
                Money(dong),
                s.HD_03_VPTW.effective,
                QD01,
                [hd03],
                C,
                "Older HD amounts before 6/7/2016 are not known. QĐ 01-QĐ/TW replaces flat amounts by "
                "a share of the regional minimum wage from 1/2/2026.",
            ),
        )

    def share(key: str, value: ParamValue, note: str = "") -> Param:  # row 46
        return _p(
            key,
            Unit.RANGE if isinstance(value, Range) else Unit.RATIO,
            _v(value, QD342, QD01, [qd342_shares], C, (note + " " + SHARES_END).strip()),
        )

    return [
        # rows 45, 47
        _p(
            "dues.rate.salary",
            Unit.RATIO,
            _v(
                F(1, 100),
                QD342,
                QD01,
                [qd342_b, s.CV_141.cite(source="luatminhkhue.vn (CV 141)")],
                C,
                "Of salary by grade plus allowances subject to social insurance, plus wages (CV 141).",
            ),
            _v(
                F(1, 100),
                QD01,
                None,
                [s.QD_01.cite("Art 3", source=QD01_PRESS)],
                C,
                "Of the previous month's salary subject to social insurance. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.salary_base_month",
            Unit.CHOICE,
            _v(
                "current",
                QD342,
                QD01,
                [qd342_b],
                U,
                "QĐ 342 does not say which month's salary is the base (as read in regulations.md); the month "
                "paid for is assumed.",
            ),
            _v("previous", QD01, None, [s.QD_01.cite("Art 3", source=QD01_PRESS)], C, QD01_DATE),
            choices=("current", "previous"),
        ),
        _p(
            "dues.rate.pension",
            Unit.RATIO,
            _v(F(1, 200), QD342, QD01, [qd342_b], C),
            _v(F(1, 200), QD01, None, [s.QD_01.cite("Art 3", source=QD01_PRESS)], C, QD01_DATE),
        ),
        _p(
            "dues.rate.sickness_maternity_allowance",
            Unit.RATIO,
            _v(
                F(1, 100),
                QD01,
                None,
                [s.QD_01.cite("Art 3", source=QD01_PRESS)],
                C,
                "Members on sick or maternity leave pay on the allowance. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.rate.student",
            Unit.MONEY,
            _v(
                Money(5_000),
                QD01,
                None,
                [s.QD_01.cite("Art 3", source=QD01_PRESS)],
                C,
                "Per month, pupils and students. " + QD01_DATE,
            ),
        ),
        flat("dues.flat.central_city_core", 10_000),
        flat("dues.flat.urban", 8_000),
        flat("dues.flat.other", 6_000),
        flat("dues.flat.mountain_remote", 4_000),
        # g.2 row 45
        _p(
            "dues.flat.range",
            Unit.RANGE,
            _v(
                Range(Money(2_000), Money(30_000)),
                QD342,
                QD01,
                [s.QD_342.cite("B", source=QD342_RANGE_PAGE)],
                S,
                "Per month, for other members in the country (farmers, pupils, students...); the HD 03 "
                "amounts are the applied figures within it.",
            ),
        ),
        _p(
            "dues.flat.beyond_working_age_share",
            Unit.RATIO,
            _v(
                F(1, 2),
                QD342,
                QD01,
                [s.QD_342.cite("B", source=QD342_RANGE_PAGE)],
                S,
                "Members beyond working age pay this share of the in-age amount.",
            ),
        ),
        # g.2 row 48, g.3 row 59
        _p(
            "dues.rate.uninsured.below_retirement_age",
            Unit.RATIO,
            _v(
                F(3, 1000),
                QD01,
                Y2028,
                [s.QD_01.cite("Art 3", "k2 2.2", source=QD01_RATES)],
                C,
                "Of the regional monthly minimum wage where the member is active; the text gives 1/1/2026–"
                "31/12/2027, applied here from the effective date. " + QD01_DATE,
            ),
            _v(
                F(5, 1000),
                Y2028,
                None,
                [s.QD_01.cite("Art 3", "k2 2.2", source=QD01_RATES)],
                C,
                "Of the regional monthly minimum wage where the member is active.",
            ),
        ),
        _p(
            "dues.rate.uninsured.retirement_age",
            Unit.RATIO,
            _v(
                F(2, 1000),
                QD01,
                Y2028,
                [s.QD_01.cite("Art 3", "k2 2.2", source=QD01_RATES)],
                C,
                "At or after retirement age, of the regional monthly minimum wage. " + QD01_DATE,
            ),
            _v(
                F(3, 1000),
                Y2028,
                None,
                [s.QD_01.cite("Art 3", "k2 2.2", source=QD01_RATES)],
                C,
                "At or after retirement age, of the regional monthly minimum wage.",
            ),
        ),
        # g.2 row 48, g.3 row 60 (article numbers not read)
        _p(
            "dues.exemption.party_age",
            Unit.DURATION,
            _v(
                YEARS(50),
                QD01,
                None,
                [s.QD_01.cite(source=QD01_RELIEF)],
                C,
                "Exempt at 50 years of party age or more. The article was not read. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.reduction.low",
            Unit.RATIO,
            _v(
                F(3, 10),
                QD01,
                None,
                [s.QD_01.cite(source=QD01_RELIEF)],
                C,
                "Reduction for other hardship; the article was not read. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.reduction.middle",
            Unit.RATIO,
            _v(
                F(1, 2),
                QD01,
                None,
                [s.QD_01.cite(source=QD01_RELIEF)],
                C,
                "Reduction for other hardship; the article was not read. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.reduction.high",
            Unit.RATIO,
            _v(
                F(7, 10),
                QD01,
                None,
                [s.QD_01.cite(source=QD01_RELIEF)],
                C,
                "Reduction for other hardship; the article was not read. " + QD01_DATE,
            ),
        ),
        _p(
            "dues.reduction.max_period",
            Unit.DURATION,
            _v(
                MONTHS(12),
                QD01,
                None,
                [s.QD_01.cite(source=QD01_RELIEF)],
                C,
                "At most this long per reduction decision. " + QD01_DATE,
            ),
        ),
        # row 46
        share(
            "dues.share.cell_in_grassroots.retained",
            Range(F(3, 10), F(1, 2)),
            "A cell under a grassroots đảng bộ keeps 30–50 %.",
        ),
        share(
            "dues.share.cell_in_grassroots.remitted",
            Range(F(1, 2), F(7, 10)),
            "The quiz bank (Q37) gives 70 % remitted.",
        ),
        share(
            "dues.share.ward_grassroots.retained",
            F(9, 10),
            "A grassroots organisation in a commune, ward or township. " + WARD_2025,
        ),
        share("dues.share.ward_grassroots.remitted", F(1, 10), WARD_2025),
        share("dues.share.other_grassroots.retained", F(7, 10)),
        share("dues.share.other_grassroots.remitted", F(3, 10)),
        share("dues.share.above_grassroots.retained", F(1, 2), "Each level above the grassroots."),
        # not in regulations.md: how a fraction of a đồng is settled
        _p(
            "dues.rounding",
            Unit.CHOICE,
            _v(
                "half_up",
                QD342,
                QD01,
                [qd342_b],
                U,
                "The texts as read do not say how a fraction of a đồng is settled; half-up is the rulebook's "
                "default. Override when the collecting organisation does otherwise.",
            ),
            _v(
                "half_up",
                QD01,
                None,
                [s.QD_01.cite("Art 3", source=QD01_PRESS)],
                U,
                "The texts as read do not say how a fraction of a đồng is settled; half-up is the rulebook's "
                "default. " + QD01_DATE,
            ),
            choices=("down", "up", "half_up"),
        ),
        # row 49; g.2 rows 47, 49
        _p(
            "dues.payment_interval",
            Unit.DURATION,
            _v(
                MONTHS(1),
                QD342,
                QD01,
                [qd342_b],
                U,
                "QĐ 342 states amounts per month; the payment schedule itself was not read (row 49).",
            ),
            _v(
                MONTHS(1),
                QD01,
                None,
                [s.QD_01.cite("Art 2", "k1.2, k2", source=QD01_PAYMENT)],
                C,
                "Monthly, through the National Public Service Portal or in cash to the cell; deferred or "
                "advance payment under Art 5 k2. The remittance schedule between levels was not found. "
                + QD01_DATE,
            ),
        ),
        # row 49: the remittance schedule between levels was not found in any source
        _p(
            "dues.remittance.due_within",
            Unit.DURATION,
            _v(
                Duration.days(10),
                QD342,
                QD01,
                [qd342_shares],
                U,
                "No source gives the day by which a level remits its share upward (regulations.md row 49, "
                "g.2 row 49). Ten days after the ledger period is a placeholder so that late remittances "
                "can be flagged at all; every explanation that uses it says it is unconfirmed. Override it "
                "with the collecting organisation's own schedule.",
            ),
        ),
    ]


def _discipline() -> list[Param]:
    qd102 = s.QD_102.cite("Art 3", source=QD102_PAGE)
    qd69_4 = s.QD_69.cite("Art 4", source=QD69_ART4_PAGE)
    qd07 = s.QD_07.cite("Art 5", source=QD07_PAGE)
    qd69_org = s.QD_69.cite("Art 4", source=RM + " row 20")
    org_note = "regulations.md confirms only QĐ 07's value; QĐ 69 for organisations was not re-checked (g.2 row 20)."

    def member_limit(key: str, value: ParamValue, unit: Unit) -> Param:  # row 19, g.2 row 19
        return _p(
            key,
            unit,
            _v(value, QD102, QD69, [qd102], C),
            _v(value, QD69, None, [qd69_4], C, REPLACEMENT_2026),
        )

    def org_limit(key: str, value: ParamValue, unit: Unit) -> Param:  # row 20
        return _p(
            key,
            unit,
            _v(value, QD07, QD69, [qd07], C),
            _v(value, QD69, None, [qd69_org], U, org_note + " " + REPLACEMENT_2026),
        )

    def vote(key: str, value: ParamValue, unit: Unit, what: str) -> Param:  # rows 15–17, g.2 row 15
        return _p(
            key,
            unit,
            _v(
                value,
                QD30,
                QD22,
                [s.QD_30.cite("Art 38", "1.2", source=BALLOT_PAGE)],
                U,
                "QĐ 30 Art 38 1.2 held the ballot before QĐ 22 (row 17); its threshold was not read and "
                "QĐ 22's is assumed. " + what,
            ),
            _v(value, QD22, QD296, [s.QD_22.cite("Art 15", source=VOTE_PAGE)], C, what),
            _v(
                value,
                QD296,
                None,
                [s.QD_296.cite(source=RM + " row 15")],
                U,
                QD296_CARRY + " " + what,
            ),
        )

    sanction = "To decide or propose khiển trách, cảnh cáo, cách chức: of full members or of the competent body."
    expel_proposal = "To propose khai trừ: of the full members of the cell."
    expel_decision = "To decide khai trừ after the proposal: of the members of the deciding body."

    return [
        member_limit("discipline.limitation.member.reprimand", YEARS(5), Unit.DURATION),
        member_limit("discipline.limitation.member.warning_or_removal", YEARS(10), Unit.DURATION),
        member_limit("discipline.limitation.member.expulsion_unlimited", True, Unit.FLAG),
        org_limit("discipline.limitation.org.reprimand", YEARS(5), Unit.DURATION),
        org_limit("discipline.limitation.org.warning", YEARS(10), Unit.DURATION),
        org_limit("discipline.limitation.org.dissolution_unlimited", True, Unit.FLAG),
        # row 21
        _p(
            "discipline.limitation.ends_at",
            Unit.CHOICE,
            _v(
                "decision_to_inspect",
                QD102,
                s.HD_02_TW.effective,
                [s.HD_04_UBKTTW.cite(source=CLOCK_PAGE)],
                C,
                "HD 04-HD/UBKTTW (2018): up to the date of the decision to inspect. Its day is not given in "
                "regulations.md, so it is applied from QĐ 102, which it guides.",
            ),
            _v(
                "conclusion",
                s.HD_02_TW.effective,
                s.HD_08_TW.effective,
                [s.HD_02_TW.cite(source=CLOCK_PAGE)],
                C,
                "Up to when the competent organisation concludes that the violation warrants discipline.",
            ),
            _v(
                "conclusion",
                s.HD_08_TW.effective,
                None,
                [s.HD_08_TW.cite("I.7", source=CLOCK_PAGE)],
                C,
                "Up to when the competent organisation concludes that the violation warrants discipline.",
            ),
            choices=("decision_to_inspect", "conclusion"),
        ),
        vote("discipline.vote.sanction.share", F(1, 2), Unit.RATIO, sanction),
        vote(
            "discipline.vote.sanction.strict",
            True,
            Unit.FLAG,
            sanction + " 'trên một nửa': more than.",
        ),
        vote("discipline.vote.expulsion_proposal.share", F(2, 3), Unit.RATIO, expel_proposal),
        vote(
            "discipline.vote.expulsion_proposal.strict",
            False,
            Unit.FLAG,
            expel_proposal + " 'ít nhất hai phần ba': at least.",
        ),
        vote("discipline.vote.expulsion_decision.share", F(1, 2), Unit.RATIO, expel_decision),
        vote(
            "discipline.vote.expulsion_decision.strict",
            True,
            Unit.FLAG,
            expel_decision + " 'trên một nửa': more than.",
        ),
        # row 18, g.2 row 18
        _p(
            "discipline.deferral.child_age",
            Unit.DURATION,
            _v(
                MONTHS(12),
                QD22,
                QD296,
                [s.QD_22.cite("Art 9", "k7", source=DEFERRAL_PAGE)],
                C,
                "Not yet considered while the member nurses a child under this age (also: pregnancy, serious "
                "illness in hospital). The QĐ 30 rule before 28/7/2021 is not in regulations.md.",
            ),
            _v(MONTHS(12), QD296, None, [s.QD_296.cite("Art 8", "k7", source=f"{QUIZ} Q68")], S),
        ),
        # row 22
        _p(
            "discipline.effect_lapse",
            Unit.DURATION,
            _v(
                YEARS(1),
                QD30,
                QD22,
                [s.QD_30.cite("Art 40", source="lawnet Q&A")],
                C,
                "'sau một năm' from the announcement, if no complaint, recidivism or new violation.",
            ),
            _v(
                YEARS(1),
                QD22,
                QD69,
                [s.QD_22.cite(source=RM + " row 22")],
                U,
                "The text governing the effect period between QĐ 22 (28/7/2021) and QĐ 69 (6/7/2022) was not "
                "identified: QĐ 30's one year is carried forward UNCONFIRMED.",
            ),
            _v(
                MONTHS(12),
                QD69,
                None,
                [s.QD_69.cite("Art 2", "k5", source=EFFECT_PAGE)],
                C,
                "From announcement (or the complaint decision); not for khai trừ or giải tán.",
            ),
        ),
        # row 24
        _p(
            "discipline.appointment_bar.reprimand",
            Unit.DURATION,
            _v(
                MONTHS(12),
                s.QD_80.effective,
                None,
                [s.QD_80.cite(source=QD80_PAGE)],
                S,
                "No planning or appointment to a higher post. QĐ 105 (2017) values are not in regulations.md.",
            ),
        ),
        _p(
            "discipline.appointment_bar.warning",
            Unit.DURATION,
            _v(
                MONTHS(30),
                s.QD_80.effective,
                None,
                [s.QD_80.cite(source=QD80_PAGE)],
                S,
                "No planning or appointment to a higher post. QĐ 105 (2017) values are not in regulations.md.",
            ),
        ),
        _p(
            "discipline.appointment_bar.removal",
            Unit.DURATION,
            _v(
                MONTHS(60),
                s.QD_80.effective,
                None,
                [s.QD_80.cite(source=QD80_PAGE)],
                S,
                "No planning or appointment to a higher post. QĐ 105 (2017) values are not in regulations.md.",
            ),
        ),
        # row 23
        _p(
            "discipline.removal_from_post.bar",
            Unit.DURATION,
            _v(
                YEARS(1),
                CHARTER,
                None,
                [s.CHARTER_2011.cite("Art 40", "k3", source="thuvienphapluat Q&A; lawnet Q&A")],
                C,
                "After cách chức: no election to a committee, no appointment to an equal or higher post.",
            ),
        ),
        # row 26
        _p(
            "discipline.state_followup",
            Unit.DURATION,
            _v(
                WDAYS(30),
                QD22,
                None,
                [s.QD_22.cite(source="reference.vn"), s.QD_69.cite(source="reference.vn")],
                U,
                "Administrative or mass-organisation discipline after a party sanction, from its announcement: "
                "a principle of QĐ 22/QĐ 69 whose article was not identified.",
            ),
        ),
        # row 27
        _p(
            "discipline.notify.state_to_party",
            Unit.DURATION,
            _v(
                DAYS(5),
                QD296,
                None,
                [s.QD_296.cite("Art 8", "k5", source=NOTIFY5_PAGE)],
                C,
                "A state, Front or mass organisation notifies the party organisation after suspending or "
                "disciplining a member.",
            ),
        ),
        # row 35
        _p(
            "discipline.notify.prosecution",
            Unit.DURATION,
            _v(
                DAYS(3),
                QD22,
                QD296,
                [s.QD_22.cite("Art 31", "k3", source=QD22_ART31_PAGE)],
                C,
                "The head of a law-enforcement body notifies the managing committee or UBKT of a prosecution "
                "or detention.",
            ),
            _v(DAYS(3), QD296, None, [s.QD_296.cite(source=RM + " row 35")], U, QD296_CARRY),
        ),
    ]


def _complaints() -> list[Param]:
    charter39 = s.CHARTER_2011.cite("Art 39", "k7", source=CHARTER_ART39_PAGE)
    qd46 = s.QD_46_GUIDANCE.cite("Art 32", "5.2.1", source=QD46_PAGE)
    qd30_gloss = s.QD_30.cite(source="dangcongsan.vn Q&A (a gloss of the Charter)")
    qd22 = s.QD_22.cite(source="lawnet.vn 102305 (value not reached)")
    qd296 = s.QD_296.cite("Art 25", "k1", source=f"{QUIZ} Q31")
    qd22_note = (
        "The QĐ 22 value was not found (regulations.md (e)2); the previous value is carried forward "
        "UNCONFIRMED."
    )
    qd30_limit = s.QD_30.cite("Art 32", "5.2.1", source=COMPLAINT_LIMIT_PAGE)

    def limit(key: str, value: Duration, where: str) -> Param:  # (e)3
        return _p(
            key,
            Unit.DURATION,
            _v(
                value,
                QD30,
                QD22,
                [qd30_limit],
                C,
                f"{where}, from receipt; notify the complainant if late.",
            ),
            _v(
                value,
                QD22,
                QD296,
                [qd22],
                U,
                "Not found for QĐ 22 (regulations.md (e)3): QĐ 30's value is kept in force UNCONFIRMED "
                "rather than leaving a gap.",
            ),
            _v(
                value,
                QD296,
                None,
                [s.QD_296.cite(source=RM + " (e)3")],
                U,
                "Not found for QĐ 296 (regulations.md g.4 item 2): QĐ 30's value is kept in force "
                "UNCONFIRMED rather than leaving a gap.",
            ),
        )

    return [
        # (e)2, g.2 row 28
        _p(
            "complaint.window",
            Unit.DURATION,
            _v(
                MONTHS(1),
                CHARTER,
                s.QD_46_GUIDANCE.effective,
                [charter39],
                C,
                "'trong vòng một tháng'.",
            ),
            _v(
                WDAYS(30),
                s.QD_46_GUIDANCE.effective,
                QD30,
                [charter39, qd46],
                C,
                "'trong vòng 30 ngày làm việc'.",
            ),
            _v(
                WDAYS(30),
                QD30,
                QD22,
                [charter39, qd30_gloss],
                S,
                "'một tháng (30 ngày làm việc)': a gloss; the wording of QĐ 30 itself was not read.",
            ),
            _v(WDAYS(30), QD22, QD296, [charter39, qd22], U, qd22_note),
            _v(
                DAYS(30),
                QD296,
                None,
                [charter39, qd296],
                S,
                "'30 ngày' (calendar; the quiz rejects 'ngày làm việc'). A letter out of time is inadmissible "
                "(QĐ 296 Art 23).",
            ),
        ),
        _p(
            "complaint.window_start",
            Unit.CHOICE,
            _v(
                "received",
                CHARTER,
                s.QD_46_GUIDANCE.effective,
                [charter39],
                C,
                "'kể từ ngày nhận quyết định'.",
            ),
            _v(
                "announced",
                s.QD_46_GUIDANCE.effective,
                QD30,
                [qd46],
                C,
                "From the day the decision was announced (per the announcement minutes) to the day the letter "
                "is sent (by hand or postmark).",
            ),
            _v("received", QD30, QD22, [charter39, qd30_gloss], S),
            _v("received", QD22, QD296, [charter39, qd22], U, qd22_note),
            _v("received", QD296, None, [charter39, qd296], S),
            choices=("announced", "received"),
        ),
        limit(
            "complaint.resolution.provincial_and_below",
            WDAYS(90),
            "Province, district level and below",
        ),
        limit("complaint.resolution.central", WDAYS(180), "Central level"),
    ]


def _denunciations() -> list[Param]:
    handbook = s.QD_22.cite(source=HANDBOOK_DENUNCIATION)
    handbook_note = (
        "A provincial handbook based on QĐ 22/HD 02; the underlying article was not identified."
    )

    def grassroots(key: str, value: Duration) -> Param:  # row 31, (e)3
        return _p(
            key,
            Unit.DURATION,
            _v(
                value,
                QD22,
                QD296,
                [handbook, s.HD_02_TW.cite(source=HANDBOOK_DENUNCIATION)],
                S,
                handbook_note,
            ),
            _v(value, QD296, None, [s.QD_296.cite(source=RM + " (e)3")], U, QD296_CARRY),
        )

    def pre_congress(key: str, value: Duration) -> Param:  # row 32
        return _p(
            key,
            Unit.DURATION,
            _v(
                value,
                s.HD_07_UBKTTW.effective,
                s.HD_08_UBKTTW.effective,
                [s.HD_07_UBKTTW.cite(source=PRE_CONGRESS_PAGE)],
                C,
                "Denunciations received this close to the congress are passed to the new committee "
                "(2020 congress cycle).",
            ),
            _v(
                value,
                s.HD_08_UBKTTW.effective,
                None,
                [s.HD_08_UBKTTW.cite(source=RM + " row 32")],
                U,
                "Re-issued for the 2025 congress cycle by HD 08-HD/UBKTTW (18/11/2024), not checked: "
                "HD 07's value is carried forward UNCONFIRMED.",
            ),
        )

    return [
        grassroots("denunciation.resolution.grassroots", WDAYS(90)),
        grassroots("denunciation.extension.grassroots", WDAYS(30)),
        pre_congress("denunciation.pre_congress.grassroots", WDAYS(25)),
        pre_congress("denunciation.pre_congress.above_grassroots", WDAYS(30)),
        # row 33, (e)3, g.2 row 33
        _p(
            "denunciation.resolution.central",
            Unit.DURATION,
            _v(
                DAYS(180),
                s.QD_164.effective,
                None,
                [s.QD_164.cite("step 1", source=QD164_PAGE)],
                C,
                "Cadres managed by the Politburo or Secretariat, from the decision forming the team.",
            ),
        ),
        _p(
            "denunciation.extension.central",
            Unit.DURATION,
            _v(DAYS(60), s.QD_164.effective, None, [s.QD_164.cite("step 1", source=QD164_PAGE)], C),
        ),
    ]


def _suspension() -> list[Param]:
    qd30 = s.QD_30.cite("Art 40", source=QD30_ART40_PAGE)
    qd22 = s.QD_22.cite("Art 31", source=QD22_ART31_PAGE)
    qd296 = s.QD_296.cite(source=f"{QUIZ} (source of the answer unknown)")
    conflict = (
        "CONFLICT (regulations.md (e)4, g.4 item 3): the QĐ 296 text was not found; a quiz answer gives "
        "90 days plus one extension of at most 30 days (120 in all) against QĐ 22's 180."
    )
    return [
        # row 34, (e)4
        _p(
            "suspension.member.initial",
            Unit.DURATION,
            _v(WDAYS(90), QD30, QD22, [qd30], C),
            _v(
                DAYS(90),
                QD22,
                QD296,
                [qd22],
                C,
                "Prosecuted or detained members follow the legal time limits.",
            ),
            _v(DAYS(90), QD296, None, [qd296], U, conflict),
        ),
        _p(
            "suspension.member.max_total",
            Unit.DURATION,
            _v(WDAYS(180), QD30, QD22, [qd30], C, "Including the extension."),
            _v(DAYS(180), QD22, QD296, [qd22], C, "Including the extension."),
            _v(DAYS(120), QD296, None, [qd296], U, conflict),
        ),
        # row 34, (e)4: the one extension is what the maximum leaves after the initial period
        _p(
            "suspension.member.extension",
            Unit.DURATION,
            _v(
                WDAYS(90),
                QD30,
                QD22,
                [qd30],
                C,
                "One extension: the 180 working days in all less the initial 90 (regulations.md (e)4).",
            ),
            _v(
                DAYS(90),
                QD22,
                QD296,
                [qd22],
                C,
                "One extension: the 180 days in all less the initial 90 (row 34).",
            ),
            _v(
                DAYS(30),
                QD296,
                None,
                [qd296],
                U,
                conflict + " The 30 days are that answer's one extension.",
            ),
        ),
        _p(
            "suspension.org.max",
            Unit.DURATION,
            _v(WDAYS(90), QD30, QD22, [qd30], C),
            _v(DAYS(90), QD22, QD296, [qd22], C),
            _v(
                DAYS(90),
                QD296,
                None,
                [qd296],
                U,
                "The QĐ 296 value for organisations was not found; QĐ 22's is carried forward UNCONFIRMED. "
                "A 2026 text (QĐ 21, itself UNCONFIRMED) gives organisations 90 days plus one extension of at "
                "most 30 days.",
            ),
        ),
    ]


def _ratings() -> list[Param]:
    qd124_12 = s.QD_124.cite("Art 12", source=QD124_PAGE)
    hd21_quota = s.HD_21_BTCTW.cite("2.3", "a", source=HD21_QUOTA_PAGE)
    qd132_practice = s.QD_132.cite(
        source="a 2020 party rating form on public GitHub; baodongthap.vn 05/04/2013 (regulations.md row 43)"
    )
    quota_124 = "The quota article under QĐ 124 was not located (regulations.md (e)7): HD 21's value is carried forward UNCONFIRMED."
    quota_366 = "The quota article under QĐ 366 was not located (regulations.md (e)7): HD 21's value is carried forward UNCONFIRMED."
    quota_132 = "Party practice since QĐ 132 (and before), party article not located (regulations.md row 43)."

    def quota(
        key: str, value: ParamValue, unit: Unit, choices: tuple[str, ...] = (), what: str = ""
    ) -> Param:
        return _p(
            key,
            unit,
            _v(value, QD132, HD21, [qd132_practice], S, (quota_132 + " " + what).strip()),
            _v(value, HD21, QD124, [hd21_quota], C, what),
            _v(
                value,
                QD124,
                QD366,
                [s.QD_124.cite(source=RM + " (e)7")],
                U,
                (quota_124 + " " + what).strip(),
            ),
            _v(
                value,
                QD366,
                None,
                [s.QD_366.cite(source=RM + " (e)7")],
                U,
                (quota_366 + " " + what).strip(),
            ),
            choices=choices,
        )

    targets_hd = [
        s.HD_16_BTCTW.cite(source="xaydungchinhsach.chinhphu.vn; thuvienphapluat (row 41)"),
        s.HD_21_BTCTW.cite(source="xaydungchinhsach.chinhphu.vn; thuvienphapluat (row 41)"),
    ]
    conj_note = (
        "QĐ 124 states the < 50 % ground conjunctively ('... và có các chỉ tiêu chủ yếu không đạt kế hoạch "
        "giao, trừ trường hợp bất khả kháng') for collectives and, for leaders, the units they manage "
        "(regulations.md g.2 row 41)."
    )
    return [
        # row 36
        _p(
            "rating.levels",
            Unit.COUNT,
            _v(
                4,
                QD132,
                QD124,
                [s.QD_132.cite(source=HD21_QUOTA_PAGE)],
                U,
                "HD 21 (2019) names the levels 'Hoàn thành xuất sắc' and 'Hoàn thành tốt' and row 40 'Không "
                "hoàn thành'; the QĐ 132 article itself is not in regulations.md.",
            ),
            _v(4, QD124, QD366, [s.QD_124.cite("Art 12", source="thuvienphapluat Q&A")], C),
            _v(4, QD366, None, [s.QD_366.cite("Art 11", source="tintuc.thuvienphapluat.com")], C),
        ),
        # row 37, g.2 row 37
        _p(
            "rating.score.excellent_min",
            Unit.COUNT,
            _v(
                90,
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k1", source=QD366_PAGE)],
                C,
                "Points out of 100.",
            ),
        ),
        _p(
            "rating.score.good_min",
            Unit.COUNT,
            _v(
                70,
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k2", source=QD366_PAGE)],
                C,
                "Points out of 100.",
            ),
        ),
        _p(
            "rating.score.completed_min",
            Unit.COUNT,
            _v(
                50,
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k3", source=QD366_PAGE)],
                C,
                "Points out of 100.",
            ),
        ),
        _p(
            "rating.score.not_completed_below",
            Unit.COUNT,
            _v(
                50,
                QD366,
                None,
                [s.QD_366.cite("Art 11", source="cafef.vn (NĐ 335/2025 mirrors it)")],
                S,
                "'< 50' is CONFIRMED only in the state mirror NĐ 335/2025 (regulations.md g.2 row 37).",
            ),
        ),
        # g.3 row 58
        _p(
            "rating.score.general_points",
            Unit.COUNT,
            _v(
                30,
                QD366,
                None,
                [s.QD_366.cite("annexes", source="vietnamnet.vn 2444515")],
                S,
                "General criteria, in each of the 5 annexed frameworks.",
            ),
        ),
        _p(
            "rating.score.task_points",
            Unit.COUNT,
            _v(
                70,
                QD366,
                None,
                [s.QD_366.cite("annexes", source="vietnamnet.vn 2444515")],
                S,
                "Task-result criteria, in each of the 5 annexed frameworks.",
            ),
        ),
        # row 38, g.2 row 38
        _p(
            "rating.excellent.on_time_share_min",
            Unit.RATIO,
            _v(
                F(1),
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k1", source=QD366_PAGE)],
                C,
                "100 % of tasks done on time.",
            ),
        ),
        _p(
            "rating.excellent.exceeding_share_min",
            Unit.RATIO,
            _v(
                F(3, 10),
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k1", source=QD366_PAGE)],
                C,
                "At least 30 % of tasks exceeding the requirement.",
            ),
        ),
        _p(
            "rating.excellent.shortcomings_fixed_share_min",
            Unit.RATIO,
            _v(
                F(1),
                QD366,
                None,
                [s.QD_366.cite("Art 11", "k1", source=QD366_PAGE)],
                C,
                "100 % of earlier shortcomings remedied; applies to all groups.",
            ),
        ),
        # row 39, g.2 row 39
        _p(
            "rating.collective.completed.done_share_min",
            Unit.RATIO,
            _v(
                F(1),
                QD366,
                None,
                [s.QD_366.cite("Art 11", source="ja.laodong.vn 1579399")],
                S,
                "A collective rated 'hoàn thành' has done 100 % of its tasks.",
            ),
        ),
        _p(
            "rating.collective.completed.late_share_max",
            Unit.RATIO,
            _v(
                F(1, 5),
                QD366,
                None,
                [s.QD_366.cite("Art 11", source="ja.laodong.vn 1579399")],
                S,
                "Tasks not on schedule at most 20 % (a Japanese-language report).",
            ),
        ),
        # row 42
        _p(
            "rating.collective.disciplined_units_above",
            Unit.RATIO,
            _v(
                F(1, 5),
                QD124,
                QD366,
                [qd124_12],
                C,
                "A collective is 'không hoàn thành' if its leadership is disciplined or more than 20 % of its "
                "subordinate units are disciplined in the year. Not in regulations.md for QĐ 132.",
            ),
            _v(
                F(1, 5),
                QD366,
                None,
                [s.QD_366.cite(source=RM + " row 42")],
                U,
                QD366_CARRY
                + " (QĐ 366 Art 11 k1 bars 'xuất sắc' for a collective with any disciplined unit.)",
            ),
        ),
        # row 41, g.2 row 41
        _p(
            "rating.targets.completion_below",
            Unit.RATIO,
            _v(F(1, 2), HD16, QD124, targets_hd, C, "'dưới 50%' of targets and tasks."),
            _v(F(1, 2), QD124, QD366, [qd124_12], C, conj_note),
            _v(F(1, 2), QD366, None, [s.QD_366.cite(source=RM + " row 41")], U, QD366_CARRY),
        ),
        _p(
            "rating.targets.conjunctive",
            Unit.FLAG,
            _v(
                True,
                HD16,
                QD124,
                targets_hd,
                U,
                "The conjunction was read in QĐ 124 only; assumed for HD 16/21. " + conj_note,
            ),
            _v(True, QD124, QD366, [qd124_12], C, conj_note),
            _v(True, QD366, None, [s.QD_366.cite(source=RM + " row 41")], U, QD366_CARRY),
        ),
        _p(
            "rating.targets.scope",
            Unit.CHOICE,
            _v(
                "collectives_and_leaders",
                HD16,
                QD124,
                targets_hd,
                U,
                "Row 41 first gave the ground for individuals; g.2 row 41 restricts it to collectives and "
                "leaders until the clause for ordinary members is read.",
            ),
            _v(
                "collectives_and_leaders",
                QD124,
                QD366,
                [qd124_12],
                C,
                "The variant for ordinary members was not seen (regulations.md g.2 row 41).",
            ),
            _v(
                "collectives_and_leaders",
                QD366,
                None,
                [s.QD_366.cite(source=RM + " row 41")],
                U,
                QD366_CARRY,
            ),
            choices=("collectives_and_leaders", "all_rated"),
        ),
        # row 40, g.2 row 40, (e)8
        _p(
            "rating.disciplined.not_completed",
            Unit.FLAG,
            _v(
                True,
                QD132,
                HD21,
                [s.HD_16_BTCTW.cite(source=RM + " row 40")],
                U,
                "Row 40 cites QĐ 124 and HD 21 (2019); the rule for the 2018 review (QĐ 132, HD 16) was not "
                "read and is assumed the same.",
            ),
            _v(
                True,
                HD21,
                QD124,
                [s.HD_21_BTCTW.cite(source="thuvienphapluat Q&A 4B9E1 (row 40)")],
                C,
                "A member disciplined in the year is rated 'không hoàn thành nhiệm vụ'; one violation counts once.",
            ),
            _v(
                True,
                QD124,
                QD366,
                [qd124_12],
                C,
                "'Bị xử lý kỷ luật ... trong năm (trừ trường hợp tự phát hiện và khắc phục xong hậu quả)'.",
            ),
            _v(
                True,
                QD366,
                None,
                [s.QD_366.cite(source=RM + " (e)8")],
                U,
                "The QĐ 366 clause for disciplined members was not read (regulations.md (e)8); QĐ 124's rule "
                "is carried forward.",
            ),
        ),
        _p(
            "rating.disciplined.self_remedied_exempt",
            Unit.FLAG,
            _v(
                True,
                QD132,
                QD124,
                [s.HD_21_BTCTW.cite(source=RM + " row 40")],
                U,
                "The exception was read in QĐ 124 only; assumed for the earlier guidance.",
            ),
            _v(
                True,
                QD124,
                QD366,
                [qd124_12],
                C,
                "Except when the member found the violation and fully remedied its consequences.",
            ),
            _v(
                True,
                QD366,
                None,
                [s.QD_366.cite(source=RM + " (e)8")],
                U,
                "Under QĐ 366 the exception is UNCONFIRMED (regulations.md g.1 (e)8).",
            ),
        ),
        # row 43, (e)7, g.2 row 43
        quota(
            "rating.quota.excellent_max_share",
            F(1, 5),
            Unit.RATIO,
            what="'Xuất sắc' at most 20 % of those rated 'hoàn thành tốt', for party members.",
        ),
        quota(
            "rating.quota.denominator",
            "good_only",
            Unit.CHOICE,
            ("good_only", "good_and_above"),
            "The denominator is those rated 'hoàn thành tốt' only; some local guidance uses good and "
            "above.",
        ),
        quota(
            "rating.quota.scope",
            "grassroots_organisation",
            Unit.CHOICE,
            ("grassroots_organisation", "cell"),
            "'trong từng tổ chức cơ sở đảng'.",
        ),
    ]


def _funds() -> list[Param]:
    pl34 = s.PL_34_2007.cite("Art 12", source=PL34_PAGE)
    luat10 = s.LUAT_10_2022.cite(source=RM + " (e)11")
    luat_note = (
        "The pass threshold in Luật 10/2022 Arts 18–22 was not read verbatim (regulations.md (e)11, g.4 item 8): "
        "the Pháp lệnh's value is kept UNCONFIRMED."
    )
    nd61 = s.ND_61_2023.cite("Art 10", source=ND61_PAGE)

    def direct(key: str, value: ParamValue, unit: Unit, what: str) -> Param:  # row 50
        return _p(
            key,
            unit,
            _v(value, PL34, LUAT10, [pl34], C, what),
            _v(value, LUAT10, None, [luat10], U, luat_note + " " + what),
        )

    def nd61_param(key: str, value: ParamValue, unit: Unit, what: str) -> Param:  # g.3 row 57
        return _p(key, unit, _v(value, ND61, None, [nd61], C, what))

    decision = "Of the voters or household representatives of the quarter or ward, for contributions residents decide."
    return [
        direct("funds.direct_decision.share", F(1, 2), Unit.RATIO, decision),
        direct(
            "funds.direct_decision.strict", True, Unit.FLAG, decision + " 'trên 50%': more than."
        ),
        nd61_param(
            "funds.community_meeting.quorum.share",
            F(1, 2),
            Unit.RATIO,
            "Of households represented, for a valid community meeting; household ballots only when "
            "the quorum fails.",
        ),
        nd61_param(
            "funds.community_meeting.quorum.strict", True, Unit.FLAG, "'trên 50%': more than."
        ),
        nd61_param(
            "funds.community_rule.adoption.share",
            F(1, 2),
            Unit.RATIO,
            "Of household representatives in favour, to adopt a hương ước/quy ước.",
        ),
        nd61_param(
            "funds.community_rule.adoption.strict", True, Unit.FLAG, "'trên 50%': more than."
        ),
        # row 53, (e)11
        _p(
            "funds.community_draft.posting_min",
            Unit.DURATION,
            _v(
                DAYS(30),
                ND61,
                None,
                [s.ND_61_2023.cite(source="a thuvienphapluat mirror excerpt")],
                U,
                "A community draft (likely hương ước/quy ước) is posted at least 30 days, the period decided "
                "by the community; probably NĐ 61/2023, article UNCONFIRMED.",
            ),
        ),
        # row 52; (b)12 item 3
        _p(
            "funds.disclosure.budget_interval",
            Unit.DURATION,
            _v(
                MONTHS(3),
                PL34,
                LUAT10,
                [s.PL_34_2007.cite("Art 5", source="lawnet EN summary of Art 5")],
                U,
                "Pháp lệnh 2007 Art 5 lists what to disclose (incl. contributions mobilised from the people); "
                "its frequency was not read. Luật 10/2022's quarterly is assumed.",
            ),
            _v(
                MONTHS(3),
                LUAT10,
                None,
                [s.LUAT_10_2022.cite("Art 11", source=LUAT10_ART11_PAGE)],
                C,
                "Budget estimates and implementation data: quarterly, 6-monthly and yearly; the shortest "
                "interval is encoded.",
            ),
        ),
        # (e)5
        _p(
            "funds.offence.wrongful_collection",
            Unit.CHOICE,
            _v(
                "unmapped",
                QD102,
                QD69,
                [s.QD_102.cite(source=RM + " (e)5")],
                U,
                "No QĐ 102 article for wrongful collection, over-collection or misuse of residents' "
                "contributions is named in regulations.md: findings are not mapped to an offence.",
            ),
            _v(
                "QĐ69.Art26.k1",
                QD69,
                None,
                [s.QD_69.cite("Art 26", "k1", source="lawnet.vn 106697")],
                U,
                "Provisional default (violating regulations on democracy), flagged for legal review: no "
                "dedicated QĐ 69 article was located (regulations.md (e)5). " + REPLACEMENT_2026,
            ),
            choices=("QĐ69.Art26.k1", "unmapped"),
        ),
    ]


def _organisation() -> list[Param]:
    before = (
        "Before QĐ 298 the ward đảng bộ was a grassroots organisation with cells under it and the district "
        "(e.g. Thành ủy Hạ Long) above it (regulations.md (a), (e)14; the old mapping is kept for the 2019 "
        "case). The Charter article was not read."
    )
    charter = s.CHARTER_2011.cite(source=RM + " (a) glossary, (e)14")
    qd298 = s.QD_298.cite("Art 4", source=QD298_PAGE)
    return [
        # g.0, (e)14
        _p(
            "org.ward_committee.level",
            Unit.CHOICE,
            _v("grassroots", CHARTER, QD298, [charter], C, before),
            _v(
                "upper_grassroots",
                QD298,
                None,
                [qd298, s.HD_31_BTCTW.cite(source="lsvn.vn")],
                C,
                "The ward committee is the committee directly above the grassroots organisations in the "
                "ward, with BCH, BTV and UBKT.",
            ),
            choices=("grassroots", "upper_grassroots"),
        ),
        _p(
            "org.neighbourhood_cell.kind",
            Unit.CHOICE,
            _v("cell_in_grassroots", CHARTER, QD298, [charter], C, before),
            _v(
                "grassroots_cell",
                QD298,
                None,
                [qd298, s.QD_298.cite(source="sggp.org.vn (phường Bến Thành, 7/2025)")],
                S,
                "Former neighbourhood cells are now grassroots cells (chi bộ cơ sở) directly under the ward "
                "committee (local reports).",
            ),
            choices=("cell_in_grassroots", "grassroots_cell"),
        ),
        _p(
            "org.neighbourhood_cell.upper_grassroots_committee",
            Unit.CHOICE,
            _v("district", CHARTER, QD298, [charter], C, before),
            _v(
                "ward",
                QD298,
                None,
                [qd298],
                C,
                "The committee directly above the grassroots level over a neighbourhood cell, whose BTV/UBKT "
                "decide khai trừ and cách chức of its members: that competence mapping is inferred and "
                "SECONDARY/UNCONFIRMED at article level (QĐ 296 Art 10 not read, regulations.md (e)14).",
            ),
            choices=("district", "ward"),
        ),
        _p(
            "org.district_level.exists",
            Unit.FLAG,
            _v(True, CHARTER, QD298, [charter], C, before),
            _v(
                False,
                QD298,
                None,
                [qd298],
                C,
                "District level abolished on 1/7/2025; grassroots ward committees now report to the province "
                "(regulations.md (e)14). The abolishing texts themselves were not read.",
            ),
        ),
    ]


@functools.cache
def params() -> tuple[Param, ...]:
    """Every parameter of the Vietnamese rulebook, sorted by key."""
    found = [
        *_membership(),
        *_dues(),
        *_discipline(),
        *_complaints(),
        *_denunciations(),
        *_suspension(),
        *_ratings(),
        *_funds(),
        *_organisation(),
    ]
    return tuple(sorted(found, key=lambda p: p.key))
