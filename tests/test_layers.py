"""The layers import one way: store <- garden <- cli and tui. Read from the source itself."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "netgarden_tui"

# For each layer, the imports it must never make.
FORBIDDEN = {
    "store": ("textual", "netgarden_tui.garden", "netgarden_tui.cli", "netgarden_tui.tui",
              "netgarden_tui.config"),
    "garden": ("textual", "peewee", "playhouse", "netgarden_tui.cli", "netgarden_tui.tui"),
    "cli": ("peewee", "playhouse"),
    "tui": ("peewee", "playhouse", "netgarden_tui.cli"),
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
