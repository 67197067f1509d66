"""Find the shipped rulesets, load them once, and look them up by id."""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from pathlib import Path

from ocop_rules.errors import UnknownRulesetError
from ocop_rules.loader import load_ruleset_folder, read_yaml
from ocop_rules.ruleset import Ruleset

_lock = threading.Lock()


def rulesets_dir() -> Path:
    """`ocop_rules/_rulesets` in an installed wheel, else `rulesets/` of the source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rulesets"
    return packaged if packaged.is_dir() else here.parent / "rulesets"


@lru_cache(maxsize=1)
def _folders() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for meta in sorted(rulesets_dir().glob("*/ruleset.yaml")):
        data = read_yaml(meta)
        rid = str(data.get("id", meta.parent.name)) if isinstance(data, dict) else meta.parent.name
        found[rid] = meta.parent
    return found


def ruleset_folder(rid: str) -> Path | None:
    """The folder of a shipped ruleset (None when unknown): where its optional files, e.g. derivations.yaml, live."""
    return _folders().get(rid)


def ruleset_ids() -> list[str]:
    """Ids of every shipped ruleset, oldest instrument first (by folder order of effective date)."""
    return sorted(_folders(), key=lambda rid: (get_ruleset(rid).effective_from, rid))


@cache
def _load(rid: str) -> Ruleset:
    folders = _folders()
    if rid not in folders:
        known = ", ".join(sorted(folders)) or "none"
        raise UnknownRulesetError(f"unknown ruleset {rid!r} (known: {known})")
    return load_ruleset_folder(folders[rid], folders)


def get_ruleset(rid: str) -> Ruleset:
    """The loaded, validated ruleset with this id (loaded once per process)."""
    with _lock:
        return _load(rid)


def rulesets() -> list[Ruleset]:
    """Every shipped ruleset, oldest first (a fresh list; the rulesets are loaded once per process)."""
    return list(_all())


@cache
def _all() -> tuple[Ruleset, ...]:
    return tuple(get_ruleset(rid) for rid in ruleset_ids())


def clear_cache() -> None:
    """Forget loaded rulesets (tests that write ruleset folders use this)."""
    _load.cache_clear()
    _folders.cache_clear()
    _all.cache_clear()
