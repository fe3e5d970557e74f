"""What the code imports is declared in pyproject.toml, and `make` installs it from a lock of exact versions."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OWN = {"kg", "api", "ontology"}
# imported at run time by a dependency that asks for it through an extra some pip versions miss:
# trafilatura -> justext -> lxml.html.clean, which lxml 6.1 moved to lxml_html_clean
INDIRECT = {"lxml-html-clean"}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    requirements = [Requirement(r) for r in project["dependencies"] + extras["test"] + extras["docs"] + extras["cluster"]]
    return {canonicalize_name(r.name): r for r in requirements}


def _imported_modules() -> set[str]:
    found = set()
    for package in ("kg", "api"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - OWN - set(sys.stdlib_module_names)


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            assert pinned, f"not an exact version in the lock: {line}"
            pins[canonicalize_name(name)] = pinned.split()[0]
    return pins


def test_every_imported_package_is_declared():
    declared, owners = _declared(), packages_distributions()
    for module in sorted(_imported_modules()):
        assert any(canonicalize_name(d) in declared for d in owners.get(module, [])), f"{module} is not declared"
    assert INDIRECT <= declared.keys()


def test_the_lock_pins_every_declared_package_and_is_what_is_installed():
    locked = _locked()
    for name, requirement in _declared().items():
        assert name in locked, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), f"{name}=={locked[name]} breaks {requirement}"
        assert version(name) == locked[name], f"{name} {version(name)} is installed, the lock says {locked[name]}"
