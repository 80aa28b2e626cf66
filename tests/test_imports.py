"""The import graph keeps the layers apart: file -> pages -> record -> database, one way.

Read from the source (``ast``), not by importing: ``parse/`` never reaches up into ``nlp/`` (tagging is the
pipeline's stage after parsing), ``store/`` never into ``fetch/`` (storing does not depend on how a file
arrived), no module imports ``cli.py`` (the CLI is a thin layer over the library, never under it), and no
module uses another module's private (underscore) names: what two modules share is public in one of them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "extract"

# Layers that may not import each other: (importer prefix, imported prefix, why).
FORBIDDEN = [
    ("extract.parse", "extract.nlp", "tagging runs after parsing, in the pipeline"),
    ("extract.store", "extract.fetch", "storing does not depend on how a file was fetched"),
    ("extract", "extract.cli", "the CLI sits on the library, never under it"),
]

# Known violations owned by other work in progress, each to be removed when fixed (the test fails when an
# entry no longer happens, so the list cannot go stale): parse/ is the parser developer's; nlp/ is issue 18's.
KNOWN = {
    "extract.parse.reports -> extract.parse.document.identity._title_case_caps",
    "extract.parse.kpis -> extract.parse.kpis.indicators._numbers",
}


@dataclass(frozen=True)
class Edge:
    importer: str  # module doing the import
    imported: str  # module imported
    name: str  # the name used from it ("" for the module itself)
    line: int

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported}{'.' + self.name if self.name else ''}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative).with_suffix(".py").is_file() or (ROOT / relative / "__init__.py").is_file()


def edges(path: Path) -> list[Edge]:
    """Every use of a module of the package from ``path``: imports, names imported, and ``module._name``."""
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[Edge] = []
    aliases: dict[str, str] = {}  # local name -> module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("extract"):
                    out.append(Edge(importer, alias.name, "", node.lineno))
                    if alias.asname:
                        aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith("extract"):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if is_module(submodule):  # `from . import store`: the module itself
                    out.append(Edge(importer, submodule, "", node.lineno))
                    aliases[alias.asname or alias.name] = submodule
                else:
                    out.append(Edge(importer, source, alias.name, node.lineno))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            out.append(Edge(importer, aliases[node.value.id], node.attr, node.lineno))
    return out


def all_edges() -> list[Edge]:
    return [edge for path in sorted(PACKAGE.rglob("*.py")) for edge in edges(path)]


def private(edge: Edge) -> bool:
    return edge.name.startswith("_") and not edge.name.startswith("__") and edge.imported != edge.importer


def test_the_reader_finds_what_it_looks_for(tmp_path):
    """The checks below can fail: the reader sees each kind of use it is meant to catch."""
    found = {str(e) for e in all_edges()}
    assert "extract.pipeline -> extract.parse.parse_document" in found  # a name, from a function's body
    assert "extract.parse -> extract.parse.agenda" in found  # `from . import agenda`: a module


@pytest.mark.parametrize("importer,imported,why", FORBIDDEN, ids=[f"{a} -> {b}" for a, b, _ in FORBIDDEN])
def test_no_import_across_layers(importer: str, imported: str, why: str):
    bad = [f"{e} (line {e.line})" for e in all_edges()
           if (e.importer == importer or e.importer.startswith(importer + "."))
           and (e.imported == imported or e.imported.startswith(imported + "."))
           and not (e.importer == imported or e.importer.startswith(imported + "."))]
    assert not bad, f"{why}:\n" + "\n".join(bad)


def test_nothing_outside_the_package_imports_the_cli():
    """Scripts and benchmarks call the library (or run the command), never import the click layer."""
    for folder in (ROOT / "scripts", ROOT / "benchmarks"):
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                assert "extract.cli" not in names, f"{path.relative_to(ROOT)} line {node.lineno} imports extract.cli"


def test_no_module_uses_another_modules_private_names():
    used = {str(e): e for e in all_edges() if private(e)}
    new = [f"{name} (line {e.line})" for name, e in sorted(used.items()) if name not in KNOWN]
    assert not new, "make the name public where it is defined, or move what is shared:\n" + "\n".join(new)
    fixed = sorted(KNOWN - set(used))
    assert not fixed, "fixed (remove from KNOWN): " + ", ".join(fixed)
