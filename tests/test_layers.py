"""The layers import one way: store <- garden <- cli and tui, and no module imports
itself round a loop. Read from the source itself, imports inside functions included."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "netgarden_tui"

# For each layer, the imports it must never make.
# Above the store, nothing knows which engine holds the garden (SQLite or PostgreSQL).
ENGINES = ("netgarden_tui.store.sqlite", "netgarden_tui.store.postgres",
           "netgarden_tui.store.backend", "psycopg", "sqlite3")
FORBIDDEN = {
    "store": ("textual", "netgarden_tui.garden", "netgarden_tui.cli", "netgarden_tui.tui",
              "netgarden_tui.config"),
    "garden": ("textual", "peewee", "playhouse", "netgarden_tui.cli", "netgarden_tui.tui",
               "netgarden_tui.store.models", *ENGINES),
    "cli": ("peewee", "playhouse", "netgarden_tui.store.models", *ENGINES),
    "tui": ("peewee", "playhouse", "netgarden_tui.cli", "netgarden_tui.store.models", *ENGINES),
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in sorted(imports(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert wrong == []


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def project_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports, anywhere in it (functions too). ``from a
    import b`` is a.b when that is a module (a itself is the parent every import loads)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                         for alias in node.names)
    return {module for module in found if module in modules and module != name}


def test_no_module_imports_itself_round_a_loop():
    modules = module_names()
    graph = {name: project_imports(name, path, modules) for name, path in modules.items()}
    loops = []

    def visit(name: str, trail: list[str], done: set[str]) -> None:
        for imported in sorted(graph[name]):
            if imported in trail:
                loops.append(" -> ".join(trail[trail.index(imported):] + [imported]))
            elif imported not in done:
                visit(imported, [*trail, imported], done)
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name], done)
    assert loops == []
