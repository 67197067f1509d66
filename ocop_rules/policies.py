"""Named interpretation policies: where the law is silent, the library chooses, says so, and lets you choose.

Every decision records the policy set it used (`Decision.policy`), so it can be reproduced.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ocop_rules.errors import InputError, Problem

MinimumPolicy = Literal["mean", "every-assessor"]
ForwardingPolicy = Literal["five-star-result", "average-90"]
RequirementPolicy = Literal["criterion-zero", "reject-product"]
FootnotePolicy = Literal["apply-marks", "ignore-marks"]
NoteKindsPolicy = Literal["as-encoded"]
SelfAssessmentPolicy = Literal["separate", "count"]


class Policy(BaseModel):
    """The interpretations one evaluation applies; defaults are the library's documented reading."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    minimum: MinimumPolicy = Field(
        "mean",
        description=(
            "How a star mark ('yêu cầu tối thiểu') is met with several assessors. 'mean': the mean of the "
            "assessors' points on the criterion reaches the marked option's points (the same averaging "
            "Art. 3.3 applies to the total). 'every-assessor': each assessor's points reach it."
        ),
    )
    forwarding: ForwardingPolicy = Field(
        "five-star-result",
        description=(
            "When the province forwards to the ministry (Art. 7.3e: products 'có tiềm năng đạt 5 sao (đạt từ 90 "
            "trở lên)'). 'five-star-result' (default): the provincial result is 5★, i.e. average ≥ 90 and the 5★ "
            "minimums met; a product that misses a 5★ mark has no potential to reach 5★ at the ministry either, "
            "so forwarding it would only add a round trip. 'average-90': the average alone reaches 90, reading the "
            "parenthesis literally."
        ),
    )
    requirement_finding: RequirementPolicy = Field(
        "criterion-zero",
        description=(
            "Effect of a 'requirement' note found unmet (e.g. 'Yêu cầu: 100% sản phẩm được trồng trên địa bàn "
            "cấp tỉnh', 'phải có phiếu kiểm nghiệm'). 'criterion-zero': the criterion scores 0 on that "
            "assessor's sheet, since none of its options can be granted. 'reject-product': the product is rejected."
        ),
    )
    marks_without_footnote: FootnotePolicy = Field(
        "apply-marks",
        description=(
            "Set 26 prints star marks on 3.4 and 3.5 but not the footnote that defines them on every other "
            "sheet. 'apply-marks': read them as on every other sheet. 'ignore-marks': treat them as no minimum."
        ),
    )
    self_assessment: SelfAssessmentPolicy = Field(
        "separate",
        description=(
            "Whether the producer's own self-assessment sheet (Form 02, Art. 6.1) counts in the average. "
            "'separate' (default): when the dossier holds council members' sheets, only those are averaged "
            "(Art. 3.3 and 7.3: the council evaluates); the self-assessment is validated, reported apart in "
            "`self_assessments` and used for claim verification. A dossier holding only self-assessments is "
            "decided from them, as a self-check. 'count': every sheet counts alike."
        ),
    )
    note_kinds: NoteKindsPolicy = Field(
        "as-encoded",
        description=(
            "Which effect each printed note has is the kind recorded in the ruleset: 'Bị loại nếu' rejects, "
            "'không đánh giá các bước tiếp theo' stops, 'Chỉ áp dụng khi' limits, 'Yêu cầu'/'phải có' requires, "
            "the rest informs."
        ),
    )

    def names(self) -> dict[str, str]:
        """Policy kind -> chosen name, as recorded in a decision."""
        return {k: str(v) for k, v in self.model_dump().items()}


DEFAULT_POLICY = Policy()


def make_policy(value: Policy | Mapping[str, str] | None) -> Policy:
    """A `Policy` from None (defaults), a mapping of kind -> name, or a `Policy`."""
    if value is None:
        return DEFAULT_POLICY
    if isinstance(value, Policy):
        return value
    try:
        return Policy.model_validate(dict(value))
    except ValidationError as err:
        problems = []
        for e in err.errors():
            kind = ".".join(str(p) for p in e["loc"])
            if e["type"] == "extra_forbidden":
                problems.append(Problem(f"policy.{kind}", f"unknown policy kind; known: {', '.join(Policy.model_fields)}"))
            elif e["type"] == "literal_error":
                choices = e.get("ctx", {}).get("expected", "")
                problems.append(Problem(f"policy.{kind}", f"{e['input']!r} is not one of {choices}"))
            else:
                problems.append(Problem(f"policy.{kind}", e["msg"]))
        raise InputError("policy", problems) from None
