"""The dossier and decision JSON Schemas: published as files and rendered as field tables."""

from __future__ import annotations

import json
from typing import Any

from . import paths
from .text import cell, md_table, rel

Schema = dict[str, Any]


def schema_file(schema: Schema) -> str:
    """The published schema file: stable key order, UTF-8, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _def_anchor(name: str) -> str:
    return "def-" + name.lower()


def type_of(s: Schema) -> str:
    """A JSON Schema type in a few words, with links to the models it refers to."""
    if "$ref" in s:
        name = str(s["$ref"]).rsplit("/", 1)[-1]
        return f"[`{name}`](#{_def_anchor(name)})"
    if "anyOf" in s:
        return " or ".join(type_of(x) for x in s["anyOf"])
    if "enum" in s:
        return "one of " + ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in s["enum"])
    if "const" in s:
        return f"`{json.dumps(s['const'], ensure_ascii=False)}`"
    kind = s.get("type")
    if kind == "array":
        return f"array of {type_of(s.get('items', {}))}"
    if kind == "object" and isinstance(s.get("additionalProperties"), dict):
        return f"object: text → {type_of(s['additionalProperties'])}"
    if kind is None:
        return "any"
    text = f"`{kind}`" if isinstance(kind, str) else " or ".join(f"`{k}`" for k in kind)
    if "format" in s:
        text += f" ({s['format']})"
    return text


def _constraints(s: Schema) -> str:
    keys = ("minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "pattern")
    found = [f"{k} {s[k]}" for k in keys if k in s]
    for alt in s.get("anyOf", []):
        found += [f"{k} {alt[k]}" for k in keys if k in alt]
    return "; ".join(found)


def _model_table(model: Schema) -> str:
    required = set(model.get("required", []))
    rows = []
    for name, prop in model.get("properties", {}).items():
        default = f"`{json.dumps(prop['default'], ensure_ascii=False)}`" if "default" in prop else ""
        desc = cell(prop.get("description", ""))
        limits = _constraints(prop)
        if limits:
            desc = f"{desc} *({cell(limits)})*" if desc else f"*{cell(limits)}*"
        rows.append([f"`{name}`", type_of(prop), "yes" if name in required else "no", default, desc])
    if not rows:
        return "No fields.\n"
    return md_table(["Field", "Type", "Required", "Default", "Description"], rows)


def schema_page(schema: Schema, *, title: str, page: str, file: str, intro: str, example: str | None = None) -> str:
    """A readable page for one schema: its root object, then each model it defines, then the raw file's link."""
    out = [f"# {title}", "", intro, "",
           f"Download the schema: [`{file.rsplit('/', 1)[-1]}`]({rel(page, file)}) (JSON Schema, `$id` `{schema.get('$id', '')}`). "
           "It is generated from the library's pydantic models when the site is built, the same text `ocop-rules schema` prints.", ""]
    if example:
        out += [example, ""]
    root = schema.get("title", "root")
    out += [f"## `{root}` (root) {{ #{_def_anchor(str(root))} }}", "", cell(schema.get("description", "")), "", _model_table(schema)]
    for name, model in schema.get("$defs", {}).items():
        out += ["", f"## `{name}` {{ #{_def_anchor(name)} }}", "", cell(model.get("description", "")), ""]
        if "properties" in model:
            out.append(_model_table(model))
        else:
            out.append(f"Type: {type_of(model)}\n")
    return "\n".join(out)


def dossier_schema_page(schema: Schema, example_path: str) -> str:
    """The dossier interchange format, field by field."""
    intro = ("A dossier is what an application sends to `ocop_rules.evaluate()` (a path to a YAML or JSON file, a mapping, "
             "or a `Dossier`): who filed what, when, under which product set, and each assessor's score sheet. Unknown fields are "
             "refused (`extra=forbid`), so a misspelt field is an error with its path, not a silent default.")
    example = f"A complete example: `{example_path}` (shown on [How a decision is made]({rel(paths.DOSSIER_SCHEMA_PAGE, paths.WALKTHROUGH)}))."
    return schema_page(schema, title="Dossier format", page=paths.DOSSIER_SCHEMA_PAGE, file=paths.DOSSIER_SCHEMA_FILE,
                       intro=intro, example=example)


def decision_schema_page(schema: Schema, schema_version: str) -> str:
    """The decision wire format, field by field."""
    intro = (f"A decision is what `evaluate()` returns and `Decision.to_json()` writes (schema version `{schema_version}`): the "
             "result, the figures behind it, the trace, and what is needed to reproduce it (ruleset id and content hash, "
             "policies, engine, library version). Both languages are always present.")
    example = f"A real decision, produced when the site is built: [How a decision is made]({rel(paths.DECISION_SCHEMA_PAGE, paths.WALKTHROUGH)}#decision-json)."
    return schema_page(schema, title="Decision format", page=paths.DECISION_SCHEMA_PAGE, file=paths.DECISION_SCHEMA_FILE,
                       intro=intro, example=example)
