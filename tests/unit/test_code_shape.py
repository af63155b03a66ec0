"""The browser layer stays thin: small modules and classes over the DOM-free core, so a new
screen is a few widgets and a view, not another long class."""

from __future__ import annotations

import ast
from pathlib import Path

BROWSER = Path(__file__).resolve().parents[2] / "storefront" / "browser"
MAX_MODULE_LINES = 300
MAX_CLASS_LINES = 250


def test_no_browser_module_or_class_grows_too_long():
    long = []
    for module in sorted(BROWSER.rglob("*.py")):
        source = module.read_text()
        if len(source.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{module.name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                long.append(f"{module.name}: class {node.name} has {node.end_lineno - node.lineno + 1} lines")
    assert long == []


def test_the_browser_package_never_imports_a_cpython_only_library():
    offenders = []
    for module in sorted(BROWSER.parents[0].rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            offenders += [f"{module.name}: {n}" for n in names if n.split(".")[0] in {"httpx", "starlette", "jinja2"}]
    assert offenders == []
