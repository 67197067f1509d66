"""Bilingual labels for the library's own vocabulary (fidelity, mode, note kinds, units, levels).

These words name the library's categories, not the law's text; the law's wording always comes
from the rulesets. An unknown value is shown as it is, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K", str, str | None)

FIDELITY: dict[str, tuple[str, str]] = {
    "complete": ("Chép từ toàn văn văn bản đã công bố", "Transcribed from the full published text"),
    "secondary-source": (
        "Chép từ nguồn thứ cấp, không phải từ văn bản gốc: cần đối chiếu khi có văn bản",
        "Transcribed from a secondary source, not the instrument itself: check it against the original when available",
    ),
    "structure-only": (
        "Chỉ có cấu trúc (các phần, hạng, thẩm quyền): văn bản không có hoặc chưa tìm thấy phiếu chấm điểm chi tiết",
        "Structure only (parts, bands, authorities): the detailed score sheets are not available",
    ),
}

MODE: dict[str, tuple[str, str]] = {
    "sheets": ("Chấm theo phiếu: từng tiêu chí, từng lựa chọn", "Scored on sheets: criterion by criterion, option by option"),
    "part-totals": (
        "Chấm theo tổng điểm từng phần (A, B, C): không có tiêu chí chi tiết, nên hạng sao chỉ là tạm thời",
        "Scored by part totals (A, B, C): there are no criteria, so the star is provisional",
    ),
}

NOTE_KIND: dict[str, tuple[str, str]] = {
    "rejects": ("Bị loại", "eliminates the product"),
    "stops": ("Dừng đánh giá", "stops the evaluation"),
    "applies_when": ("Chỉ áp dụng khi", "applies only when"),
    "requirement": ("Yêu cầu", "requirement: criterion scores 0 when unmet"),
    "informational": ("Thông tin", "information only"),
}

UNIT: dict[str, tuple[str, str]] = {
    "days": ("ngày", "days"),
    "working-days": ("ngày làm việc", "working days"),
    "months": ("tháng", "months"),
}

LEVEL: dict[str | None, tuple[str, str]] = {
    None: ("không công nhận, không cấp giấy chứng nhận", "no recognition, no certificate"),
    "district": ("cấp huyện", "district"),
    "province": ("cấp tỉnh", "province"),
    "ministry": ("cấp trung ương (Bộ)", "central (ministry)"),
}

ERRATUM_FIELD: dict[str, tuple[str, str]] = {
    "part_heading": ("tiêu đề phần", "part heading"),
    "max_points": ("điểm tối đa", "maximum points"),
    "points": ("điểm của lựa chọn", "option points"),
    "min_stars": ("dấu sao tối thiểu", "star mark"),
    "text": ("câu chữ", "wording"),
    "bullet": ("ký hiệu đầu dòng", "bullet"),
}


def label(table: Mapping[K, tuple[str, str]], key: K) -> tuple[str, str]:
    """The (vi, en) label of `key`, or the key itself in both languages when the table lacks it."""
    return table.get(key, (str(key), str(key)))
