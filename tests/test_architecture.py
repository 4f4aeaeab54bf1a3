"""The rules the code's layout keeps, read from the source itself: the core imports nothing
above it, one module turns model signals into the change signal, no module grows past
what one person reads at once, and every installed app ships."""

import ast
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 450


def project_modules():
    """Every Python module of the portal, but migrations, tests and benchmarks."""
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        skipped = {"migrations", "node_modules"} & set(parts)
        if parts[0] in {"tests", "bench", ".venv", "var"} or skipped:
            continue
        yield path


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def local_apps() -> list[str]:
    """The installed apps that live in this repository, by top-level package."""
    names = {config.name.split(".")[0] for config in apps.get_app_configs()}
    return sorted(name for name in names if (ROOT / name).is_dir() and name != "tests")


def test_the_core_imports_no_app_above_it_nor_the_project():
    above = {name for name in local_apps() if name != "cuf"} | {"portail"}
    offenders = []
    for path in (ROOT / "cuf").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in above:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_core_urls_include_no_other_app():
    source = (ROOT / "cuf" / "urls.py").read_text()
    assert "include(" not in source


@pytest.mark.parametrize(
    "path", list(project_modules()), ids=lambda path: str(path.relative_to(ROOT))
)
def test_no_module_is_longer_than_one_reading(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


def test_only_the_change_module_listens_to_saves_and_deletes_of_every_model():
    listeners = []
    for path in project_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"post_save", "post_delete", "m2m_changed"}
            ):
                listeners.append(str(path.relative_to(ROOT)))
    assert sorted(set(listeners)) == ["cuf/changes.py"]


def test_no_module_reads_the_database_connection_s_private_callbacks():
    readers = [
        str(path.relative_to(ROOT))
        for path in project_modules()
        if "run_on_commit" in path.read_text()
    ]
    assert readers == []


def test_every_installed_app_of_the_repository_ships_in_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    rule = config["tool"]["setuptools"]["packages"]["find"]
    shipped = set(find_packages(str(ROOT), exclude=rule.get("exclude", ())))
    assert set(local_apps()) <= shipped
    assert "portail" in shipped and "portail.settings" in shipped
    assert not any(name.split(".")[0] in {"tests", "bench"} for name in shipped)
