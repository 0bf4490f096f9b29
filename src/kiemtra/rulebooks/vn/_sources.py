"""The documents the Vietnamese rulebook cites, as builders of :class:`~kiemtra.Citation`.

Every document keeps the date as ``shared/domain/regulations.md`` gives it (``issued``) and the first day this
rulebook treats it as in force (``effective``). Where regulations.md gives no effective date the date of
issue is used; where it gives only a year, ``note`` says which day stands in for it. A citation's
``source`` is where the value was seen (a page title or address from regulations.md), never a guess.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum

from kiemtra import Citation

__all__ = [
    "CHARTER_2011",
    "CT_50",
    "CV_141",
    "DOCUMENTS",
    "HD_02_BTCTW",
    "HD_02_TW",
    "HD_03_VPTW",
    "HD_04_UBKTTW",
    "HD_07_UBKTTW",
    "HD_08_TW",
    "HD_08_UBKTTW",
    "HD_12_BTCTW",
    "HD_16_BTCTW",
    "HD_21_BTCTW",
    "HD_31_BTCTW",
    "HD_42_BTCTW",
    "LUAT_10_2022",
    "ND_24_1999",
    "ND_59_2023",
    "ND_61_2023",
    "PL_34_2007",
    "QD_01",
    "QD_07",
    "QD_22",
    "QD_24",
    "QD_29",
    "QD_30",
    "QD_46_GUIDANCE",
    "QD_69",
    "QD_80",
    "QD_102",
    "QD_105",
    "QD_124",
    "QD_132",
    "QD_164",
    "QD_264",
    "QD_294",
    "QD_296",
    "QD_298",
    "QD_342",
    "QD_366",
    "Document",
]

_D = pendulum.date


@attrs.frozen
class Document:
    """A regulation, guidance or law the rulebook cites.

    Args:
        code: Its number and sign, e.g. ``"QĐ 342-QĐ/TW"``.
        issued: Its date as regulations.md gives it, e.g. ``"28/12/2010"`` or ``"2018"``.
        effective: The first day this rulebook treats it as in force.
        title: What it is about, in Vietnamese.
        note: Anything uncertain about its dates.
    """

    code: str
    issued: str
    effective: pendulum.Date
    title: str
    note: str = ""

    @property
    def name(self) -> str:
        """How citations name it: ``"QĐ 342-QĐ/TW (28/12/2010)"``."""
        return f"{self.code} ({self.issued})"

    def cite(
        self, article: str | None = None, clause: str | None = None, *, source: str | None = None
    ) -> Citation:
        """A citation of this document's ``article`` and ``clause``, seen at ``source``."""
        return Citation(self.name, article, clause, source)


# -- the Charter and its implementing regulations ------------------------------------------------------------
CHARTER_2011: Final = Document(
    "Điều lệ Đảng",
    "2011",
    _D(2011, 1, 19),
    "Điều lệ Đảng Cộng sản Việt Nam (Đại hội XI)",
    "adopted by the XIth National Congress on 19/1/2011; regulations.md gives the year only. "
    "Still in force in the XIVth term (regulations.md g.0, SECONDARY).",
)
QD_29: Final = Document("QĐ 29-QĐ/TW", "25/7/2016", _D(2016, 7, 25), "Thi hành Điều lệ Đảng")
QD_24: Final = Document("QĐ 24-QĐ/TW", "30/7/2021", _D(2021, 7, 30), "Thi hành Điều lệ Đảng")
QD_294: Final = Document(
    "QĐ 294-QĐ/TW",
    "26/5/2025",
    _D(2025, 5, 26),
    "Thi hành Điều lệ Đảng",
    "known from a quiz bank (SECONDARY)",
)
HD_02_BTCTW: Final = Document(
    "HD 02-HD/BTCTW", "12/4/2021", _D(2021, 4, 12), "Quy trình rà soát đảng viên không đủ tư cách"
)

# -- meetings ------------------------------------------------------------------------------------------------
HD_12_BTCTW: Final = Document(
    "HD 12-HD/BTCTW",
    "2018",
    _D(2018, 1, 1),
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "regulations.md gives the year only; 1/1/2018 stands in for its date",
)
CT_50: Final = Document(
    "CT 50-CT/TW", "23/7/2025", _D(2025, 7, 23), "Nâng cao chất lượng sinh hoạt chi bộ"
)
HD_42_BTCTW: Final = Document(
    "HD 42-HD/BTCTW",
    "28/10/2025",
    _D(2025, 10, 28),
    "Thực hiện Chỉ thị 50-CT/TW về sinh hoạt chi bộ",
)

# -- party dues ----------------------------------------------------------------------------------------------
QD_342: Final = Document(
    "QĐ 342-QĐ/TW", "28/12/2010", _D(2011, 4, 1), "Chế độ đảng phí", "effective 1/4/2011"
)
CV_141: Final = Document(
    "CV 141-CV/VPTW/nb", "17/3/2011", _D(2011, 3, 17), "Căn cứ tính đảng phí theo QĐ 342"
)
HD_03_VPTW: Final = Document("HD 03-HD/VPTW", "6/7/2016", _D(2016, 7, 6), "Mức đóng đảng phí")
QD_01: Final = Document(
    "QĐ 01-QĐ/TW",
    "3/2/2026",
    _D(2026, 2, 1),
    "Chế độ đảng phí (Bộ Chính trị), thay QĐ 342",
    "effective 1/2/2026 per a university party committee notice (regulations.md g.2 row 47: SECONDARY)",
)

# -- inspection, supervision and discipline procedure --------------------------------------------------------
QD_46_GUIDANCE: Final = Document(
    "HD thi hành QĐ 46-QĐ/TW",
    "1/11/2011",
    _D(2011, 11, 1),
    "Hướng dẫn thực hiện các quy định về công tác kiểm tra, giám sát và kỷ luật của Đảng",
)
QD_30: Final = Document(
    "QĐ 30-QĐ/TW", "26/7/2016", _D(2016, 7, 26), "Thi hành Chương VII, VIII Điều lệ Đảng"
)
QD_22: Final = Document(
    "QĐ 22-QĐ/TW", "28/7/2021", _D(2021, 7, 28), "Công tác kiểm tra, giám sát và kỷ luật của Đảng"
)
QD_296: Final = Document(
    "QĐ 296-QĐ/TW",
    "30/5/2025",
    _D(2025, 5, 30),
    "Công tác kiểm tra, giám sát và kỷ luật của Đảng, thay QĐ 22",
    "a QĐ 21-QĐ/TW (11/4/2026) may replace it: UNCONFIRMED (regulations.md g.0)",
)
HD_04_UBKTTW: Final = Document(
    "HD 04-HD/UBKTTW",
    "2018",
    _D(2017, 11, 15),
    "Hướng dẫn thực hiện QĐ 102-QĐ/TW",
    "regulations.md gives the year only; the rulebook applies it from the date of QĐ 102, which it guides",
)
HD_02_TW: Final = Document(
    "HD 02-HD/TW", "9/12/2021", _D(2021, 12, 9), "Hướng dẫn thực hiện QĐ 22-QĐ/TW"
)
HD_08_TW: Final = Document(
    "HD 08-HD/TW", "10/6/2025", _D(2025, 6, 10), "Hướng dẫn thực hiện QĐ 296-QĐ/TW"
)
HD_07_UBKTTW: Final = Document(
    "HD 07-HD/UBKTTW",
    "12/12/2019",
    _D(2019, 12, 12),
    "Giải quyết tố cáo trước đại hội đảng bộ các cấp",
)
HD_08_UBKTTW: Final = Document(
    "HD 08-HD/UBKTTW",
    "18/11/2024",
    _D(2024, 11, 18),
    "Giải quyết tố cáo trước đại hội (nhiệm kỳ 2025–2030)",
    "not checked (regulations.md row 32)",
)
QD_164: Final = Document(
    "QĐ 164-QĐ/TW",
    "6/6/2024",
    _D(2024, 6, 6),
    "Giải quyết tố cáo đối với cán bộ diện Trung ương quản lý",
)

# -- offences and sanctions ----------------------------------------------------------------------------------
QD_102: Final = Document(
    "QĐ 102-QĐ/TW", "15/11/2017", _D(2017, 11, 15), "Xử lý kỷ luật đảng viên vi phạm"
)
QD_07: Final = Document(
    "QĐ 07-QĐi/TW", "28/8/2018", _D(2018, 8, 28), "Xử lý kỷ luật tổ chức đảng vi phạm"
)
QD_69: Final = Document(
    "QĐ 69-QĐ/TW",
    "6/7/2022",
    _D(2022, 7, 6),
    "Kỷ luật tổ chức đảng, đảng viên vi phạm, thay QĐ 102 và QĐ 07",
    "a QĐ 212-QĐ/TW (17/8/2026) may replace it: UNCONFIRMED (regulations.md g.0)",
)
QD_264: Final = Document(
    "QĐ 264-QĐ/TW", "14/2/2025", _D(2025, 2, 14), "Sửa đổi, bổ sung QĐ 69-QĐ/TW"
)
QD_105: Final = Document(
    "QĐ 105-QĐ/TW", "19/12/2017", _D(2017, 12, 19), "Phân cấp quản lý cán bộ, bổ nhiệm"
)
QD_80: Final = Document(
    "QĐ 80-QĐ/TW", "18/8/2022", _D(2022, 8, 18), "Phân cấp quản lý cán bộ, bổ nhiệm"
)

# -- annual review and rating --------------------------------------------------------------------------------
QD_132: Final = Document(
    "QĐ 132-QĐ/TW", "8/3/2018", _D(2018, 3, 8), "Kiểm điểm, đánh giá, xếp loại chất lượng"
)
HD_16_BTCTW: Final = Document(
    "HD 16-HD/BTCTW", "24/9/2018", _D(2018, 9, 24), "Hướng dẫn thực hiện QĐ 132"
)
HD_21_BTCTW: Final = Document(
    "HD 21-HD/BTCTW", "18/10/2019", _D(2019, 10, 18), "Hướng dẫn thực hiện QĐ 132"
)
QD_124: Final = Document(
    "QĐ 124-QĐ/TW", "4/10/2023", _D(2023, 10, 4), "Kiểm điểm, đánh giá, xếp loại chất lượng"
)
QD_366: Final = Document(
    "QĐ 366-QĐ/TW",
    "30/8/2025",
    _D(2025, 8, 30),
    "Kiểm điểm, đánh giá, xếp loại chất lượng (thang điểm 100)",
)

# -- grassroots democracy and residents' funds ---------------------------------------------------------------
ND_24_1999: Final = Document(
    "NĐ 24/1999/NĐ-CP",
    "1999",
    _D(1999, 1, 1),
    "Quy chế tổ chức huy động, quản lý và sử dụng các khoản đóng góp tự nguyện của nhân dân",
    "regulations.md gives the year only; 1/1/1999 stands in for its date",
)
PL_34_2007: Final = Document(
    "Pháp lệnh 34/2007/PL-UBTVQH11",
    "20/4/2007",
    _D(2007, 7, 1),
    "Thực hiện dân chủ ở xã, phường, thị trấn",
    "effective 1/7/2007",
)
LUAT_10_2022: Final = Document(
    "Luật 10/2022/QH15",
    "10/11/2022",
    _D(2023, 7, 1),
    "Luật Thực hiện dân chủ ở cơ sở",
    "effective 1/7/2023",
)
ND_59_2023: Final = Document(
    "NĐ 59/2023/NĐ-CP",
    "2023",
    _D(2023, 7, 1),
    "Hướng dẫn Luật Thực hiện dân chủ ở cơ sở",
    "regulations.md gives the year only; the law's effective date stands in for its date",
)
ND_61_2023: Final = Document(
    "NĐ 61/2023/NĐ-CP",
    "16/8/2023",
    _D(2023, 8, 16),
    "Xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
    "regulations.md gives no date; 16/8/2023 is the decree's date as generally published, to verify",
)

# -- organisation --------------------------------------------------------------------------------------------
HD_31_BTCTW: Final = Document(
    "HD 31-HD/BTCTW",
    "23/4/2025",
    _D(2025, 4, 23),
    "Thành lập tổ chức đảng ở xã, phường, đặc khu mới",
)
QD_298: Final = Document(
    "QĐ 298-QĐ/TW",
    "9/6/2025",
    _D(2025, 7, 1),
    "Đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng ở xã, phường, đặc khu",
    "effective 1/7/2025",
)

DOCUMENTS: Final = (
    CHARTER_2011,
    QD_29,
    QD_24,
    QD_294,
    HD_02_BTCTW,
    HD_12_BTCTW,
    CT_50,
    HD_42_BTCTW,
    QD_342,
    CV_141,
    HD_03_VPTW,
    QD_01,
    QD_46_GUIDANCE,
    QD_30,
    QD_22,
    QD_296,
    HD_04_UBKTTW,
    HD_02_TW,
    HD_08_TW,
    HD_07_UBKTTW,
    HD_08_UBKTTW,
    QD_164,
    QD_102,
    QD_07,
    QD_69,
    QD_264,
    QD_105,
    QD_80,
    QD_132,
    HD_16_BTCTW,
    HD_21_BTCTW,
    QD_124,
    QD_366,
    ND_24_1999,
    PL_34_2007,
    LUAT_10_2022,
    ND_59_2023,
    ND_61_2023,
    HD_31_BTCTW,
    QD_298,
)
"""Every document the rulebook knows, oldest area first."""
