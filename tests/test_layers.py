"""The layers of sendsupport, checked: imports only go down, and no two apps import each other.

The graph is read from the source with ``ast`` (nothing is imported), counting every import:
module-level and inside functions, views and URLconfs included; ``include("sendsupport.x.urls")``
and ``import_module("sendsupport.x")`` strings too. Tests and migrations are left out.

To add an app, put it in ``LAYERS``: an app the check does not know fails it, so a new app
is placed on purpose. Apps in the same tier may import each other, but never in a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "sendsupport"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

# Bottom first. ``env`` is the settings helpers module; the audit recorder (model and service)
# sits low and knows no pupil model; ``audit_pages`` are its pages, which find pupils. ``testing``
# is the tests' shared harness (personas, the permission tables' loop): it makes API tokens, so it
# sits at the top, and no app imports it.
LAYERS: list[set[str]] = [
    {"core", "env"},
    {"schools"},
    {"accounts"},
    {"audit"},
    {"pupils"},
    {
        "support",
        "meetings",
        "linkbook",
        "compliance",
        "interop",
        "statutory",
        "audit_pages",
        "staff",
        "provision",
        "twofactor",
        "portal",
    },
    {"api"},
    {"home", "demo", "urls", "settings", "cli", "wsgi", "__init__", "testing", "subject_access", "inspection"},
]
TIER = {app: tier for tier, apps in enumerate(LAYERS) for app in apps}
SKIPPED_DIRS = {"tests", "migrations", "static", "templates", "assets"}


@dataclass(frozen=True)
class Import:
    source: str  # app that imports
    target: str  # app imported
    where: str  # file:line


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imported_modules(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name == PACKAGE:  # ``from sendsupport import pupils`` names an app
                for alias in node.names:
                    yield f"{PACKAGE}.{alias.name}", node.lineno
            else:
                yield name, node.lineno
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in {"include", "import_module"} and isinstance(getattr(first, "value", None), str):
                yield first.value, node.lineno


def import_graph(root: Path = ROOT) -> list[Import]:
    """Every import from one sendsupport app into another."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if SKIPPED_DIRS & set(path.relative_to(root).parts[:-1]):
            continue
        module = _module_name(path, root)
        source = _app_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, line in _imported_modules(tree, module, path.name == "__init__.py"):
            target = _app_of(name)
            if target is not None and source is not None and target != source:
                found.append(Import(source, target, f"{path.relative_to(root.parent)}:{line}"))
    return found


def find_cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected groups of more than one app (Tarjan), each sorted: every one is a cycle."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def upward_imports(imports: Iterable[Import], tiers: Mapping[str, int] = TIER) -> list[str]:
    """Imports from a lower tier into a higher one, and imports by or of an app with no tier."""
    problems = []
    for imp in imports:
        if imp.source not in tiers or imp.target not in tiers:
            unknown = imp.source if imp.source not in tiers else imp.target
            problems.append(f"{imp.where}: app {unknown!r} is in no layer (add it to LAYERS)")
        elif tiers[imp.source] < tiers[imp.target]:
            problems.append(f"{imp.where}: {imp.source} imports {imp.target}, which sits above it")
    return problems


def _explain(cycles: list[list[str]], imports: list[Import]) -> list[str]:
    lines = []
    for group in cycles:
        members = set(group)
        lines.append("cycle: " + ", ".join(group))
        lines += [f"  {i.where}: {i.source} -> {i.target}" for i in imports if {i.source, i.target} <= members]
    return lines


def test_it_has_no_import_cycle_between_apps():
    imports = import_graph()
    cycles = find_cycles((i.source, i.target) for i in imports)
    assert not cycles, "\n".join(_explain(cycles, imports))


def test_it_imports_only_down_the_layers():
    problems = upward_imports(import_graph())
    assert not problems, "\n".join(problems)


def test_the_ground_floor_imports_no_app():
    assert not [i.where for i in import_graph() if i.source == "core" and i.target != "env"]


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    package = tmp_path / PACKAGE
    (package / "low").mkdir(parents=True)
    (package / "high" / "views").mkdir(parents=True)
    (package / "high" / "tests").mkdir()
    (package / "__init__.py").write_text("")
    (package / "low" / "__init__.py").write_text("")
    (package / "low" / "things.py").write_text("def f():\n    from sendsupport.high.views import page\n")
    (package / "high" / "__init__.py").write_text("")
    (package / "high" / "views" / "__init__.py").write_text("from ..models import X\nfrom sendsupport import low\n")
    (package / "high" / "tests" / "test_x.py").write_text("import sendsupport.core\n")
    imports = import_graph(package)
    assert {(i.source, i.target) for i in imports} == {("low", "high"), ("high", "low")}


def test_the_check_fails_on_a_cycle_added_on_purpose():
    imports = [
        Import("pupils", "accounts", "pupils/selectors.py:1"),
        Import("accounts", "pupils", "accounts/services.py:2"),  # the cycle
        Import("support", "pupils", "support/models.py:3"),
    ]
    cycles = find_cycles((i.source, i.target) for i in imports)
    assert cycles == [["accounts", "pupils"]]
    assert upward_imports(imports) == ["accounts/services.py:2: accounts imports pupils, which sits above it"]
    with pytest.raises(AssertionError):
        assert not cycles, "\n".join(_explain(cycles, imports))


def test_the_check_finds_a_longer_cycle_within_one_tier():
    edges = [("support", "meetings"), ("meetings", "compliance"), ("compliance", "support"), ("api", "support")]
    assert find_cycles(edges) == [["compliance", "meetings", "support"]]
    same_tier = [Import(a, b, "x.py:1") for a, b in edges[:3]]
    assert upward_imports(same_tier) == []  # same tier: only the cycle check catches it


def test_an_app_in_no_layer_fails():
    assert upward_imports([Import("newapp", "pupils", "newapp/models.py:1")]) == [
        "newapp/models.py:1: app 'newapp' is in no layer (add it to LAYERS)"
    ]
