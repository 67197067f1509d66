"""mkdocs hook: generate the rule pages, the walkthrough and the integrator references at build time.

The rulesets are the single source: pages are built in memory from `ocop_rules` on every build and
never written into `docs/`, so they cannot drift. `mkdocs.yml` names this file under `hooks:`; its
nav entry `rules/index.md` is expanded here into the generated rule pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from ocop_docs import paths
from ocop_docs.site import Site, build_site

_site: Site | None = None


def _expand(nav: Any, subtree: list[Any]) -> bool:
    """Replace the nav entry whose page is the rules index by the generated subtree, in place."""
    if not isinstance(nav, list):
        return False
    for i, item in enumerate(nav):
        if isinstance(item, dict):
            for title, value in item.items():
                if value == paths.RULES_INDEX:
                    nav[i] = {title: subtree}
                    return True
                if _expand(value, subtree):
                    return True
    return False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate the pages once per build and put the rule pages into the navigation."""
    global _site
    root = Path(config.config_file_path).resolve().parent
    _site = build_site(root)
    if config.nav is not None and not _expand(config.nav, _site.rules_nav):
        raise PluginError(f"mkdocs.yml: the nav must have an entry for {paths.RULES_INDEX} (expanded into the rule pages)")
    return config


def _nav_pages(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_pages(x) for x in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_pages(x) for x in nav.values())) if nav else set()
    return set()


def _section_holding(nav: Any, page: str) -> list[Any] | None:
    """The nav list that lists `page` directly."""
    if isinstance(nav, list):
        if any(x == page or (isinstance(x, dict) and page in x.values()) for x in nav):
            return nav
        for x in nav:
            for value in x.values() if isinstance(x, dict) else ():
                found = _section_holding(value, page)
                if found is not None:
                    return found
    return None


def _title(file: File) -> str:
    for line in (file.content_string or "").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return file.src_uri


def _list_new_developer_pages(files: Files, config: MkDocsConfig) -> None:
    """A page added under developers/ by hand joins the Developers section instead of failing the strict build."""
    listed = _nav_pages(config.nav)
    section = _section_holding(config.nav, paths.RULESET_FORMAT)
    if section is None:
        return
    for f in files.documentation_pages():
        if f.src_uri.startswith("developers/") and f.src_uri not in listed:
            section.append({_title(f): f.src_uri})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and schema files as virtual files; refuse one that shadows a committed file."""
    if _site is None:
        raise PluginError("on_config did not run")
    for path, content in _site.files.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated at build time; remove the committed copy")
        files.append(File.generated(config, path, content=content))
    if config.nav is not None:
        _list_new_developer_pages(files, config)
    return files
