"""Page generators of the documentation site: every page here is built from the library and its
rulesets at build time, so the site cannot drift from the code. The mkdocs hook is `docs/hooks/generate.py`.
"""
