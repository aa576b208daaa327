"""The package's shape, as the README's Development section describes it.

No import cycles (counting imports made only for type checking), no status name written out
anywhere but ``state.py``, and a CLI that only parses, calls the command layer and prints.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "playlister"
STATUS_WORDS = re.compile(r"^(matched|substitute|review|missing|not matched)$")


def modules() -> dict[str, ast.Module]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = ast.parse(path.read_text(), str(path))
    return out


# Parsed once, when pytest collects this file: CPython 3.11's parser can fail with "AST
# constructor recursion depth mismatch" after another test has hit a RecursionError.
MODULES = modules()


def imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("playlister")}


def test_no_module_imports_itself_back() -> None:
    mods = MODULES
    graph = {
        name: {m for m in imports(tree) if m in mods and m != name} for name, tree in mods.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, {name}))
    assert cycles == []


def test_status_names_are_written_only_in_state() -> None:
    offenders = []
    for name, tree in MODULES.items():
        if name == "playlister.state":
            continue
        keys = {
            id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys
        }  # a JSON key such as "missing" names a field, not a state
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in keys
                and STATUS_WORDS.match(node.value)
            ):
                offenders.append(f"{name}:{node.lineno} {node.value!r}")
    assert offenders == []


def test_the_cli_holds_no_decisions_over_results() -> None:
    tree = MODULES["playlister.cli"]
    allowed = {
        "playlister",
        "playlister.app",
        "playlister.auth",
        "playlister.config",
        "playlister.errors",
        "playlister.logs",
        "playlister.terminal",
    }
    used = {m for m in imports(tree) if not m.startswith("playlister.__")}
    assert {m.rsplit(".", 1)[0] if m.count(".") > 1 else m for m in used} <= allowed
    # Branching on a result's contents belongs to the command layer: the CLI only chooses
    # between printing JSON and printing lines, and words the errors it is handed.
    branches = [node for node in ast.walk(tree) if isinstance(node, ast.If)]
    tests = {ast.unparse(b.test) for b in branches}
    about_errors = {
        t
        for t in tests
        if t.startswith("isinstance(exc")
        or t
        in (
            "message is None",
            "exceptions is None or not isinstance(exc, exceptions.SpotifyBaseException)",
        )
    }
    assert tests - about_errors == {
        "as_json",
        "output is None",
        "result.text is not None",
        "result.url",
        "ctx.invoked_subcommand is None",
        "TYPE_CHECKING",
    }


# The layers, bottom first: a module imports only from its own layer or those below.
LAYERS = [
    {
        "playlister",
        "playlister.errors",
        "playlister.limits",
        "playlister.text",
        "playlister.terminal",
        "playlister.deadline",
        "playlister.files",
        "playlister.urls",
        "playlister.logs",
        "playlister.config",
        "playlister.starter",
        "playlister.options",
    },
    {"playlister.tracklist", "playlister.tracklist_edit"},
    {"playlister.state", "playlister.lockfile", "playlister.session"},
    {"playlister.match", "playlister.audit", "playlister.auth"},
    {
        "playlister.spotify",
        "playlister.notes",
        "playlister.importer",
        "playlister.sync",
        "playlister.review",
    },
    {"playlister.app"},
    {"playlister.cli", "playlister.__main__"},
]


def _layer(module: str) -> int:
    """The layer of ``module`` or of the nearest package holding it."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        for i, layer in enumerate(LAYERS):
            if ".".join(parts[:n]) in layer:
                return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_no_arrow_points_up() -> None:
    up = sorted(
        f"{name} -> {m}"
        for name, tree in MODULES.items()
        for m in imports(tree)
        if m in MODULES and _layer(m) > _layer(name)
    )
    assert up == []
