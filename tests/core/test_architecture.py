"""The shape of the code: project imports at module level only, and no cycle in the import graph.

The layers themselves are import-linter contracts (``pyproject.toml``, ``lint-imports`` in CI);
these tests check what the contracts cannot: an import hidden in a function does not show at
start-up, and a cycle between two modules of one layer is allowed by the layers.
"""

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("home", "extranet", "site_cms")


def project_modules():
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def is_project_import(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in PROJECT_PACKAGES
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in PROJECT_PACKAGES for alias in node.names)
    return False


def imports_inside_functions(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, function) of each project import inside a function, ``AppConfig.ready`` excepted."""
    found = []

    def visit(node, function=None, in_app_config=False):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                bases = {getattr(base, "id", getattr(base, "attr", "")) for base in child.bases}
                visit(child, function, in_app_config="AppConfig" in bases)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                exempt = in_app_config and child.name == "ready"
                visit(child, None if exempt else child.name, False)
            else:
                if function and is_project_import(child):
                    found.append((child.lineno, function))
                visit(child, function, in_app_config)

    visit(tree)
    return found


def test_no_project_module_is_imported_inside_a_function():
    hidden = [
        f"{path.relative_to(ROOT)}:{line} in {function}()"
        for path in project_modules()
        for line, function in imports_inside_functions(ast.parse(path.read_text(), str(path)))
    ]
    assert hidden == []


def test_the_check_sees_an_import_inside_a_function():
    source = (
        "def f():\n    from home.core.tree import tree\n\n"
        "class C(AppConfig):\n    def ready(self):\n        import home\n"
    )
    tree = ast.parse(source)
    assert imports_inside_functions(tree) == [(2, "f")]


def strongly_connected_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that import each other in a circle."""
    index, lowlink, on_stack, stack, components, counter = {}, {}, set(), [], [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = lowlink[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
                continue
            work.pop()
            if work:
                lowlink[work[-1][0]] = min(lowlink[work[-1][0]], lowlink[node])
            if lowlink[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    components.append(sorted(component))
    return components


@pytest.fixture(scope="module")
def import_graph():
    """Every import between project modules, those inside functions included (grimp reads them all)."""
    graph = grimp.build_graph(*PROJECT_PACKAGES, cache_dir=None)
    modules = {module for module in graph.modules if ".migrations" not in module}
    return {module: graph.find_modules_directly_imported_by(module) & modules for module in modules}


def test_no_cycle_in_the_import_graph(import_graph):
    assert strongly_connected_components(import_graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert strongly_connected_components({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_import_graph_holds_imports_made_inside_functions(import_graph):
    # home.apps imports the cache invalidation in AppConfig.ready(), inside a function.
    assert "home.core.caching.invalidation" in import_graph["home.apps"]
