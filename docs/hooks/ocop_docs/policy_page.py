"""The named interpretation policies: what each decides, its default and choices, and what each
choice does to the example dossier (evaluated here, at build time)."""

from __future__ import annotations

import typing
from collections.abc import Sequence

from ocop_rules.decision import Decision
from ocop_rules.dossier import Dossier
from ocop_rules.errors import OcopError
from ocop_rules.evaluate import evaluate
from ocop_rules.policies import Policy
from ocop_rules.ruleset import Ruleset

from . import paths
from .text import bilingual, cell, md_table, rel, stars_text


def choices(name: str) -> tuple[str, ...]:
    """The values a policy accepts, read from its `Literal` annotation."""
    annotation = Policy.model_fields[name].annotation
    return tuple(str(v) for v in typing.get_args(annotation)) or (str(annotation),)


def _outcome(d: Decision) -> str:
    """A decision in a few words: the star, and whether it is forwarded to the ministry."""
    text = stars_text(d.stars) if d.stars is not None else "không xếp hạng · no star"
    if d.provisional:
        text += " (tạm thời · provisional)"
    if d.forward_to_ministry:
        text += ", chuyển Bộ · forwarded"
    return text


def _try(dossier: Dossier, name: str, choice: str) -> str:
    try:
        return _outcome(evaluate(dossier, policy={name: choice}, trace=False))
    except OcopError as err:  # a choice an example cannot take is shown, not hidden
        return f"`{err.code}`"


def policies_page(examples: Sequence[tuple[str, Dossier]], all_rs: Sequence[Ruleset]) -> str:
    """One section per policy field, generated from `Policy.model_fields`, each tried on every example dossier."""
    src = paths.POLICIES
    default = Policy()
    out = [f"# {bilingual('Chính sách diễn giải', 'Interpretation policies')}", "",
           "Nơi văn bản pháp luật không nói rõ, thư viện không tự đoán: nó áp dụng một **chính sách có tên**, có giá trị mặc "
           "định, được ghi vào mọi quyết định (trường `policy` và bước cuối của phần diễn giải), và người gọi có thể chọn khác.", "",
           "*Where the law is silent the library does not guess: it applies a **named policy** with a default, records it in every "
           f"decision (the `policy` field and the last trace step), and lets the caller choose another. {Policy.__doc__}*", "",
           "```python",
           "decision = ocop_rules.evaluate(dossier, policy={\"minimum\": \"every-assessor\"})",
           "decision.policy   # {'minimum': 'every-assessor', 'forwarding': 'five-star-result', ...}",
           "```", "",
           "Mỗi lựa chọn được thử trên mọi hồ sơ mẫu trong `examples/dossiers/` ngay khi xây dựng trang; hàng in đậm là hồ sơ "
           f"mà lựa chọn làm thay đổi kết quả ([{bilingual('cách ra quyết định', 'how a decision is made')}]"
           f"({rel(src, paths.WALKTHROUGH)})). *Each choice is tried on every example dossier when the site is built; rows in bold "
           "are the dossiers whose result the choice changes.*", ""]
    for name, field in Policy.model_fields.items():
        dflt = str(getattr(default, name))
        opts = choices(name)
        out += [f"## `{name}`", "",
                f"Mặc định · *Default*: **`{dflt}`**. Các lựa chọn · *Choices*: {', '.join(f'`{o}`' for o in opts)}.", "",
                f"**Quyết định điều gì, vì sao · What it decides, and why.** {cell(field.description or '')}", ""]
        rows = []
        for label_, dossier in examples:
            results = [_try(dossier, name, choice) for choice in opts]
            differs = len(set(results)) > 1
            rows.append([f"**{cell(label_)}**" if differs else cell(label_), *[f"**{r}**" if differs else r for r in results]])
        heads = ["Hồ sơ mẫu · Example", *[f"`{o}`" + (" (mặc định · default)" if o == dflt else "") for o in opts]]
        changed = sum(1 for r in rows if r[0].startswith("**"))
        out += [f"Số hồ sơ mẫu đổi kết quả theo lựa chọn · *Examples whose result depends on the choice*: **{changed}** / {len(rows)}.", "",
                md_table(heads, rows), ""]
    unknowns = [(rs, u) for rs in all_rs for u in rs.unknowns]
    if unknowns:
        out += [f"## {bilingual('Những điểm văn bản không quy định', 'What the sources do not say')}", "",
                "Các chính sách trên trả lời những câu hỏi mà bộ quy tắc ghi là chưa rõ: "
                "*the policies answer the questions the rulesets record as open:*", ""]
        out += [f"- [`{rs.id}`]({rel(src, paths.ruleset_page(rs.id))}) `{u.id}`: {cell(u.text_vi or u.text_en)}"
                + (f" · *{cell(u.text_en)}*" if u.text_vi else "") for rs, u in unknowns]
        out.append("")
    return "\n".join(out)
