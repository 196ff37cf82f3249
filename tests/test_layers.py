"""The package's layers import downwards only: text → knowledge → analysis → corpus → verify →
faces (cli, web). Evaluation code is never imported by the runtime."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "isnad"
# each layer and the layers it may import from (besides itself and the shared modules)
SHARED = {"isnad", "isnad.resources", "isnad.record"}
ALLOWED = {
    "text": set(),
    "knowledge": {"text"},
    "analysis": {"text", "knowledge"},
    "corpus": {"text", "knowledge", "analysis"},
    "verify": {"text", "knowledge", "analysis", "corpus"},
    "eval": {"text", "knowledge", "analysis", "corpus", "verify"},
    "web": {"text", "knowledge", "analysis", "corpus", "verify", "display"},
}
RUNTIME_ALLOWED_EVAL = {"cli"}  # the CLI's `isnad eval` commands import isnad.eval when run


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.name != "__init__.py" else "isnad"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m == "isnad" or m.startswith("isnad.")}


def layer_of_module(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or module in SHARED:
        return None
    return parts[1]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_go_downwards(path):
    layer = layer_of(path)
    if layer not in ALLOWED:
        return  # the faces (cli.py, display.py) and the package root may import any layer
    wrong = sorted(m for m in imported_modules(path)
                   if (other := layer_of_module(m)) and other != layer and other not in ALLOWED[layer]
                   and m.split(".")[1] in {*ALLOWED, "cli", "display"})
    assert not wrong, f"{path.relative_to(PACKAGE)} ({layer}) imports {wrong}"


def test_the_runtime_never_imports_evaluation_code():
    offenders = sorted(str(p.relative_to(PACKAGE)) for p in MODULES
                       if layer_of(p) not in ("eval", *RUNTIME_ALLOWED_EVAL)
                       and any(m.startswith("isnad.eval") for m in imported_modules(p)))
    assert not offenders
