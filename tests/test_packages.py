"""Each sub-package re-exports its modules' public API with an explicit ``__all__``, and
importing a package imports none of its modules until a name is used."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
#: Modules whose names their package does not re-export: the CLI's command modules (their
#: API is the ``actorgraph`` command) and a module that only re-exports others.
NOT_REEXPORTED = {"commands", "query.relations"}


def module_all(path: Path) -> list[str]:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "__all__":
            return [ast.literal_eval(element) for element in node.value.elts]
    return []


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_every_exported_name_resolves(name: str) -> None:
    package = importlib.import_module(f"actorgraph.{name}")
    assert package.__all__, f"actorgraph.{name} has an empty __all__"
    for exported in package.__all__:
        assert getattr(package, exported) is not None


@pytest.mark.parametrize("name", [n for n in SUBPACKAGES if n not in NOT_REEXPORTED])
def test_every_public_name_of_a_module_is_exported_by_its_package(name: str) -> None:
    package = importlib.import_module(f"actorgraph.{name}")
    for module in sorted((PACKAGE / name).glob("[!_]*.py")):
        if f"{name}.{module.stem}" in NOT_REEXPORTED:
            continue
        modules = {m.stem for m in (PACKAGE / name).glob("*.py")}
        # a name that is also a module's name stays the module (actorgraph.analysis.camps)
        missing = set(module_all(module)) - set(dir(package)) - modules
        assert not missing, f"actorgraph.{name} does not export {sorted(missing)} of {module.name}"


def test_importing_a_package_imports_no_module_of_it() -> None:
    code = (
        "import sys, actorgraph.analysis, actorgraph.query, actorgraph.formats;"
        "print(sorted(m for m in sys.modules if m.startswith(('actorgraph.analysis.', "
        "'actorgraph.query.', 'actorgraph.formats.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
