"""Sphinx configuration of the kiemtra documentation.

Build (warnings are errors): ``python -m sphinx -W -b html docs docs/_build/html``.
Needs the ``docs`` extra (``pip install -e '.[docs]'``) and Graphviz's ``dot`` (Debian: ``graphviz``): the
procedure diagrams of the rulebook reference are drawn at build time, so a page never fetches anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import kiemtra  # noqa: E402

project = "kiemtra"
author = "kiemtra developers"
copyright = "kiemtra developers"
release = kiemtra.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "rulebook_reference",  # docs/_ext: writes reference/rulebook-vn*.md from the rulebook
]

source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"
exclude_patterns = [
    "_build",
    "_data",
    "_ext",
    # docs/procedures/ holds mermaid files written by `python -m kiemtra.rulebooks.vn.diagrams`; the
    # rulebook reference draws the same procedures itself.
    "procedures",
    "Thumbs.db",
    ".DS_Store",
]
# The generated reference pages are large: keep pygments from guessing lexers and myst from making
# anchors for every heading (the reference sets its own labels).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0
highlight_language = "python"

# -- autodoc ---------------------------------------------------------------------------------------------
autodoc_member_order = "alphabetical"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True
napoleon_use_ivar = True  # "Attributes:" as fields: autodoc documents the attrs fields themselves

# -- HTML -------------------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"kiemtra {release}"
html_static_path = ["_static"]
html_css_files = ["kiemtra.css"]
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "navigation_with_keys": True,
}
# Nothing on a page may come from the network: no CDN for fonts, scripts or diagrams.
html_js_files: list[str] = []
