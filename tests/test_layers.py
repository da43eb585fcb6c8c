"""The package's layers hold: no module imports a higher layer, and no modules import each other in a loop.

Layers, bottom to top (README, "Architecture"):
core < config < document < analysis, services < rules < engine < run < output, fix < cli.
Every import counts, including those inside functions (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "contentci"
LAYERS = {
    "core": 0,
    "config": 1,
    "document": 2,
    "analysis": 3,
    "services": 3,
    "rules": 4,
    "engine": 5,
    "run": 6,
    "output": 7,
    "fix": 7,
    "cli": 8,
}
TOP_LEVEL = {"__init__", "__main__"}  # the only modules outside a layer


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The package modules a file imports (``from contentci.x import y`` counts x.y when y is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("contentci"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("contentci"))
    return {m for m in found if m in known}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None  # the package itself: __version__ only
    return LAYERS.get(parts[1])


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports_of(p, set(mods)) - {m} for m, p in mods.items()}


def test_no_module_outside_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in TOP_LEVEL]
    folders = [p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert loose == []
    assert sorted(set(folders) - set(LAYERS)) == []


def test_no_import_goes_up_a_layer():
    upward = []
    for module, targets in graph().items():
        here = layer_of(module)
        for target in targets:
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_no_import_cycle():
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    # A package's __init__ importing its own submodules (a face) and a submodule importing the
    # package's names is a loop only through the face: count only loops between real modules.
    assert cycles == []


@pytest.mark.parametrize("bad", ["up", "cycle"])
def test_the_walk_sees_what_it_should(tmp_path, bad):
    """The checks above would fail on a real upward import or loop (not vacuous)."""
    known = {"contentci.core.a", "contentci.cli.b"}
    (tmp_path / "a.py").write_text("from contentci.cli.b import x\n" if bad == "up" else "import contentci.core.a\n")
    found = imports_of(tmp_path / "a.py", known)
    assert found == ({"contentci.cli.b"} if bad == "up" else {"contentci.core.a"})
    assert layer_of("contentci.cli.b") > layer_of("contentci.core.a")
