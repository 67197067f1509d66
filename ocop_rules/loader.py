"""Build a `Ruleset` from its folder, resolving `extends`, and refuse one that breaks an invariant.

The invariants are the sheet's own arithmetic and the law's structure: unique codes, options
within their maximum, leaves summing to sections and parts to 100, star marks rising with
points, bands partitioning [0, 100], a citation on every item, NFC text, errata that match.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ocop_rules.citation import Citation
from ocop_rules.dates import days_after
from ocop_rules.errors import Problem, RulesetError
from ocop_rules.ruleset import Criterion, Erratum, ProductSet, Ruleset

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one ruleset YAML file with the safe (C, when available) loader."""
    with path.open("rb") as fh:
        return yaml.load(fh, Loader=_Loader)


def _merge(base: Any, over: Any) -> Any:
    """Deep-merge mappings; anything else in `over` replaces `base` (lists and citations are replaced whole)."""
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value) if key in base and key != "cite" else value
        return merged
    return over


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _set_data(raw: Mapping[str, Any], instrument: str) -> dict[str, Any]:
    """Fill what the sheet implies: parent and part of each row, and every derived citation."""
    data = dict(raw)
    number = data.get("number")
    set_cite = {"instrument": instrument, **dict(data.get("cite") or {})}
    data["cite"] = set_cite
    parts: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for row in data.get("criteria") or []:
        row = dict(row)
        code = str(row.get("code"))
        row["code"] = code
        parent = _parent(code)
        row["parent"] = parent
        part = row.get("part") or (parts.get(parent) if parent else None) or ""
        row["part"] = part
        parts[code] = part
        row["cite"] = {"instrument": instrument, "annex": set_cite.get("annex"),
                       "item": set_cite.get("item", number), "criterion": code}
        rows.append(row)
    data["criteria"] = rows
    grounds = []
    for g in data.get("rejection_grounds") or []:
        grounds.append({**dict(g), "cite": dict(g.get("cite") or set_cite)})
    data["rejection_grounds"] = grounds
    if isinstance(data.get("classification"), Mapping):
        cls = dict(data["classification"])
        cls["cite"] = {"instrument": instrument, **dict(cls.get("cite") or {})}
        data["classification"] = cls
    return data


def _cite_all(node: Any, instrument: str) -> Any:
    """Give every explicit `cite` mapping the ruleset's instrument unless it names another."""
    if isinstance(node, Mapping):
        out = {k: _cite_all(v, instrument) for k, v in node.items()}
        if isinstance(out.get("cite"), Mapping) and "instrument" not in out["cite"]:
            out["cite"] = {"instrument": instrument, **out["cite"]}
        return out
    if isinstance(node, list):
        return [_cite_all(v, instrument) for v in node]
    return node


def _path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _validation_problems(prefix: str, err: ValidationError) -> list[Problem]:
    return [Problem(f"{prefix}.{_path(e['loc'])}".strip("."), e["msg"]) for e in err.errors()]


def raw_ruleset(folder: Path, resolve: Mapping[str, Path]) -> tuple[dict[str, Any], list[dict[str, Any]], list[Any]]:
    """The merged metadata, set data and errata of a ruleset folder (following `extends`)."""
    meta = read_yaml(folder / "ruleset.yaml")
    if not isinstance(meta, Mapping):
        raise RulesetError(f"ruleset {folder.name}", [Problem("ruleset.yaml", "must be a mapping")])
    base_sets: list[dict[str, Any]] = []
    base_errata: list[Any] = []
    parent_id = meta.get("extends")
    if parent_id:
        if parent_id not in resolve:
            raise RulesetError(f"ruleset {meta.get('id')}", [Problem("extends", f"unknown ruleset {parent_id!r}")])
        base_meta, base_sets, base_errata = raw_ruleset(resolve[parent_id], resolve)
        # What is inherited keeps citing the base's instrument, not the amendment's.
        base_instrument = str((base_meta.get("instrument") or {}).get("number", parent_id))
        base_meta = _cite_all(base_meta, base_instrument)
        base_sets = [{**s, "cite": {"instrument": base_instrument, **dict(s.get("cite") or {})}} for s in base_sets]
        keep = {k: v for k, v in meta.items() if k not in ("remove",)}
        meta = _merge({k: v for k, v in base_meta.items() if k not in ("extends",)}, keep)
    sets_dir = folder / "sets"
    own: dict[int, dict[str, Any]] = {}
    if sets_dir.is_dir():
        for f in sorted(sets_dir.glob("*.yaml")):
            data = read_yaml(f)
            if isinstance(data, Mapping):
                own[int(data.get("number", 0))] = {**dict(data), "_file": f.name}
    merged_sets = {int(s.get("number", 0)): s for s in base_sets}
    merged_sets.update(own)
    errata = list(base_errata)
    if (folder / "errata.yaml").is_file():
        errata += list(read_yaml(folder / "errata.yaml") or [])
    return dict(meta), [merged_sets[k] for k in sorted(merged_sets)], errata


def load_ruleset_folder(folder: Path, resolve: Mapping[str, Path]) -> Ruleset:
    """Load, resolve, validate and hash one ruleset; raise `RulesetError` listing every problem."""
    meta, sets_raw, errata_raw = raw_ruleset(folder, resolve)
    rid = str(meta.get("id", folder.name))
    instrument = str((meta.get("instrument") or {}).get("number", rid))
    problems: list[Problem] = []
    sets: list[ProductSet] = []
    for raw in sets_raw:
        fname = raw.get("_file", f"set {raw.get('number')}")
        body = {k: v for k, v in raw.items() if k != "_file"}
        try:
            sets.append(ProductSet.model_validate(_set_data(body, instrument)))
        except ValidationError as err:
            problems += _validation_problems(f"sets/{fname}", err)
    errata: list[Erratum] = []
    for i, e in enumerate(errata_raw):
        try:
            errata.append(Erratum.model_validate(e))
        except ValidationError as err:
            problems += _validation_problems(f"errata.yaml.{i}", err)
    body = _cite_all({k: v for k, v in meta.items() if k not in ("product_sets", "errata", "sha256")}, instrument)
    ruleset: Ruleset | None = None
    try:
        ruleset = Ruleset.model_validate({**body, "product_sets": [], "errata": []})
    except ValidationError as err:
        problems += _validation_problems("ruleset.yaml", err)
    if problems or ruleset is None:
        raise RulesetError(f"ruleset {rid}", problems)
    ruleset = ruleset.model_copy(update={"product_sets": tuple(sets), "errata": tuple(errata)})
    problems = list(check_invariants(ruleset))
    if problems:
        raise RulesetError(f"ruleset {rid}", problems)
    return ruleset.model_copy(update={"sha256": content_hash(ruleset)})


def content_hash(ruleset: Ruleset) -> str:
    """sha256 over a canonical JSON form of the resolved ruleset, errata included."""
    data = ruleset.model_dump(mode="json", exclude={"sha256"})
    canon = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list | tuple):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}.{i}")


def check_invariants(rs: Ruleset) -> Iterator[Problem]:
    """Every invariant of the format, as problems with paths; empty when the ruleset is sound."""
    yield from _check_metadata(rs)
    part_max = {p.code: p.max_points for p in rs.parts}
    for ps in rs.product_sets:
        where = f"sets/{ps.number:02d}-{ps.slug}"
        if not ps.sheet_known:
            yield from _check_unknown_sheet(rs, ps, where)
            continue
        yield from _check_set(ps, part_max, where)
    yield from _check_errata(rs)
    for path, text in _strings(rs.model_dump(mode="json", exclude={"sha256"}), ""):
        if unicodedata.normalize("NFC", text) != text:
            yield Problem(path, "text is not in Unicode NFC form")


def _check_metadata(rs: Ruleset) -> Iterator[Problem]:
    if sum(p.max_points for p in rs.parts) != 100:
        yield Problem("parts", f"part maxima sum to {sum(p.max_points for p in rs.parts)}, not 100")
    yield from check_bands(rs)
    cited: list[tuple[str, Citation]] = [("instrument", rs.instrument.cite)]
    cited += [(f"parts.{p.code}", p.cite) for p in rs.parts]
    cited += [(f"bands.{b.stars}", b.cite) for b in rs.bands]
    cited += [(f"authorities.{a.stars}", a.cite) for a in rs.authorities]
    cited += [("certificate", rs.certificate.cite)]
    cited += [(f"procedure.{t.id}", t.cite) for t in rs.procedure]
    if rs.forwarding:
        cited.append(("forwarding", rs.forwarding.cite))
    for path, cite in cited:
        if not cite.is_located():
            yield Problem(path, "has no citation (article, annex or form)")
    cited += [(f"changes.{c.id}", c.cite) for c in rs.changes]
    if rs.lapse:
        cited.append(("lapse", rs.lapse.cite))
        if days_after(rs.lapse.counted_from, rs.lapse.days) != rs.lapse.last_day:
            yield Problem("lapse.last_day", f"{rs.lapse.days} days counted from the day after {rs.lapse.counted_from} "
                          f"end on {days_after(rs.lapse.counted_from, rs.lapse.days)}, not {rs.lapse.last_day}")
    if rs.transition:
        cited.append(("transition", rs.transition.cite))
        yield from _check_transition(rs)
    if rs.classification:
        cited.append(("classification", rs.classification.cite))
    if {a.stars for a in rs.authorities} != {1, 2, 3, 4, 5}:
        yield Problem("authorities", "must say who recognises each star 1-5 (level null for none)")
    if rs.effective_until and rs.effective_until <= rs.effective_from:
        yield Problem("effective_until", "must be after effective_from")


def _check_transition(rs: Ruleset) -> Iterator[Problem]:
    """Each deadline names a procedure time limit counted in days; no registration kind twice."""
    assert rs.transition is not None
    seen: set[str] = set()
    for i, d in enumerate(rs.transition.deadlines):
        limit = rs.time_limit(d.limit)
        if limit is None:
            yield Problem(f"transition.deadlines.{i}.limit", f"no procedure time limit {d.limit!r}")
        elif limit.unit != "days":
            yield Problem(f"transition.deadlines.{i}.limit", f"{d.limit} is counted in {limit.unit}, not days")
        for kind in d.registrations:
            if kind in seen:
                yield Problem(f"transition.deadlines.{i}", f"registration {kind!r} has two deadlines")
            seen.add(kind)


def _check_unknown_sheet(rs: Ruleset, ps: ProductSet, where: str) -> Iterator[Problem]:
    """A set whose sheet is not in the sources: no criteria, and never in a ruleset that claims completeness."""
    if ps.criteria:
        yield Problem(where, "sheet_known is false, but the set has criteria")
    if rs.fidelity == "complete":
        yield Problem(where, "a ruleset of fidelity 'complete' cannot have a set whose sheet is unknown")
    if not ps.cite.is_located():
        yield Problem(where, "has no citation")


def check_bands(rs: Ruleset) -> Iterator[Problem]:
    """Bands must partition [0, 100]: ordered, contiguous, no overlap, 100 included once."""
    bands = sorted(rs.bands, key=lambda b: b.lower)
    if not bands:
        yield Problem("bands", "no bands")
        return
    if bands[0].lower != 0:
        yield Problem("bands", "the lowest band must start at 0")
    for lo, hi in itertools.pairwise(bands):
        if lo.upper != hi.lower or lo.upper_inclusive:
            yield Problem(f"bands.{lo.stars}", f"gap or overlap between {lo.stars}★ and {hi.stars}★")
    top = bands[-1]
    if top.upper != 100 or not top.upper_inclusive:
        yield Problem(f"bands.{top.stars}", "the top band must end at 100 inclusive")
    if [b.stars for b in bands] != sorted(b.stars for b in bands):
        yield Problem("bands", "stars must rise with the scores")


def _check_set(ps: ProductSet, part_max: Mapping[str, int], where: str) -> Iterator[Problem]:
    if not ps.criteria:
        yield Problem(where, "a set without criteria must say sheet_known: false (its sheet is not in the sources)")
        return
    seen: set[str] = set()
    for c in ps.criteria:
        at = f"{where}.criteria[{c.code}]"
        if c.code in seen:
            yield Problem(at, "duplicate code")
        seen.add(c.code)
        if c.part not in part_max:
            yield Problem(at, f"part {c.part!r} is not one of {sorted(part_max)}")
        if c.parent is not None and ps.criterion(c.parent) is None:
            yield Problem(at, f"parent section {c.parent} is missing")
        yield from _check_row(ps, c, at)
    for part, maximum in part_max.items():
        top = [c for c in ps.children(None) if c.part == part]
        total = sum(c.max_points for c in top)
        if total != maximum:
            yield Problem(f"{where}.part {part}", f"sections sum to {total}, the part's maximum is {maximum}")
    if not ps.cite.is_located():
        yield Problem(where, "has no citation")
    if ps.classification is not None and not ps.classification.cite.is_located():
        yield Problem(f"{where}.classification", "has no citation")


def _check_row(ps: ProductSet, c: Criterion, at: str) -> Iterator[Problem]:
    kids = ps.children(c.code)
    if kids and c.options:
        yield Problem(at, "a row with sub-criteria cannot have options")
    if kids:
        total = sum(k.max_points for k in kids)
        if total != c.max_points:
            yield Problem(at, f"sub-criteria sum to {total}, the section's maximum is {c.max_points}")
    elif not c.options:
        yield Problem(at, "a scored criterion needs options")
    keys = [o.key for o in c.options]
    if len(set(keys)) != len(keys):
        yield Problem(at, "duplicate option keys")
    for o in c.options:
        if not o.key.startswith(f"{c.code}/"):
            yield Problem(f"{at}.{o.key}", f"option keys must start with '{c.code}/'")
        if o.points < 0 or o.points > c.max_points:
            yield Problem(f"{at}.{o.key}", f"{o.points} points is outside 0..{c.max_points}")
        if o.case is not None and o.case not in {k.id for k in c.cases}:
            yield Problem(f"{at}.{o.key}", f"unknown case {o.case!r}")
    if c.options and max(o.points for o in c.options) != c.max_points:
        yield Problem(at, f"the highest option is worth {max(o.points for o in c.options)}, the maximum is {c.max_points}")
    marked = sorted((o for o in c.options if o.min_stars), key=lambda o: (o.points, o.min_stars or 0))
    for lo, hi in itertools.pairwise(marked):
        if (hi.min_stars or 0) < (lo.min_stars or 0) or (hi.points == lo.points and hi.min_stars != lo.min_stars):
            yield Problem(at, f"star marks must rise with points ({lo.key} {lo.min_stars}★, {hi.key} {hi.min_stars}★)")
    ids = [n.id for n in c.notes]
    if len(set(ids)) != len(ids):
        yield Problem(at, "duplicate note ids")
    has_kind = any(n.kind == "applies_when" for n in c.notes)
    if has_kind != (c.applies_when is not None):
        yield Problem(at, "an 'applies_when' note and the applies_when condition go together")
    if c.applies_when is not None:
        ref = ps.criterion(c.applies_when.criterion)
        if ref is None or not ref.is_leaf:
            yield Problem(at, f"applies_when refers to {c.applies_when.criterion}, which is not a scored criterion")
    if not c.cite.is_located():
        yield Problem(at, "has no citation")


def _check_errata(rs: Ruleset) -> Iterator[Problem]:
    ids = [e.id for e in rs.errata]
    if len(set(ids)) != len(ids):
        yield Problem("errata", "duplicate erratum ids")
    for e in rs.errata:
        at = f"errata[{e.id}]"
        ps = rs.product_set(e.set)
        if ps is None:
            yield Problem(at, f"no product set {e.set}")
            continue
        actual = erratum_value(rs, ps, e)
        if actual is not None and actual != e.encoded:
            yield Problem(at, f"says {e.encoded!r} is encoded, but the ruleset holds {actual!r}")


def erratum_value(rs: Ruleset, ps: ProductSet, e: Erratum) -> str | None:
    """The value the ruleset holds where an erratum points (None for text-only errata)."""
    if e.field == "text":
        return None
    if e.field == "part_heading":
        top = [c for c in ps.children(None) if c.part == e.code]
        return str(sum(c.max_points for c in top))
    crit = ps.criterion(e.code or "")
    if crit is None:
        return "<missing criterion>"
    if e.field == "max_points":
        return str(crit.max_points)
    if e.field in ("points", "min_stars", "bullet"):
        opt = crit.option(e.option or "")
        if opt is None:
            return "<missing option>"
        if e.field == "points":
            return str(opt.points)
        if e.field == "min_stars":
            return str(opt.min_stars)
    return None
