"""Scoped by construction: every model that reaches a pupil has ``objects.visible_to(user)``, and
views and API routers never start a query of pupil data from ``Model.objects``.

Views and routers go through selectors (which start from ``visible_to``) or the pupil lookup
(``pupils.lookup``), so a new page cannot forget whose data the user may see.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parent.parent / "sendsupport"


def _reaches_pupil(model: type[models.Model]) -> bool:
    return any(
        field.is_relation
        and not field.auto_created
        and getattr(field.related_model, "_meta", None) is not None
        and field.related_model._meta.label == "pupils.Pupil"
        for field in model._meta.get_fields()
    )


def pupil_data_models() -> list[type[models.Model]]:
    """Pupil, and every model of ours (not a history table) with a relation to a pupil."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("sendsupport.") or model.__name__.startswith("Historical"):
            continue
        if model._meta.label == "pupils.Pupil" or _reaches_pupil(model):
            found.append(model)
    return found


def view_and_router_files() -> list[Path]:
    files = [*ROOT.rglob("views.py"), *ROOT.rglob("views/*.py"), *ROOT.rglob("api/routers/*.py")]
    return sorted(path for path in files if "tests" not in path.parts)


def unscoped_uses(path: Path, names: set[str], root: Path = ROOT.parent) -> list[str]:
    """``Name.objects`` (also ``Name._default_manager``) for a pupil-data model name in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"objects", "_default_manager"}
        and isinstance(node.value, ast.Name)
        and node.value.id in names
    ]


def test_every_model_that_reaches_a_pupil_has_visible_to():
    models_found = pupil_data_models()
    assert len(models_found) > 15  # the check sees the models
    missing = [m._meta.label for m in models_found if not hasattr(m._default_manager.all(), "visible_to")]
    assert not missing, f"add objects = pupil_data(...) (pupils.models) to: {missing}"


@pytest.mark.django_db
def test_visible_to_is_empty_for_the_signed_out():
    from django.contrib.auth.models import AnonymousUser

    for model in pupil_data_models():
        assert list(model._default_manager.visible_to(AnonymousUser())) == [], model._meta.label


def test_views_and_routers_do_not_query_pupil_data_directly():
    names = {model.__name__ for model in pupil_data_models()}
    files = view_and_router_files()
    assert any(path.parent.name == "routers" for path in files)
    problems = [problem for path in files for problem in unscoped_uses(path, names)]
    assert not problems, "use a selector that starts from visible_to(user):\n" + "\n".join(problems)


def test_the_check_catches_a_direct_query(tmp_path):
    page = tmp_path / "views.py"
    page.write_text(
        "def page(request):\n"
        "    mine = Cycle.objects.filter(pupil_id=1)\n"
        "    fine = Cycle.objects.visible_to(request.user)\n"  # also flagged: go through a selector
        "    return selectors.cycles_of(request.user, pupil), School.objects.all()\n"
    )
    assert unscoped_uses(page, {"Cycle"}, root=tmp_path) == ["views.py:2: Cycle.objects", "views.py:3: Cycle.objects"]
