"""Fixtures shared by every app's tests: the demo agencies, imported through the real importer."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"


def demo_path(name):
    """Path of a demo file by its short name, e.g. ``"bengkalis-2024"``."""
    return DEMO_DIR / f"{name}.lakip.json"


@pytest.fixture
def demo_document():
    """Return a callable giving a fresh parsed copy of a demo file, safe to mutate into a bad file."""
    cache = {}

    def load(name):
        if name not in cache:
            cache[name] = json.loads(demo_path(name).read_text(encoding="utf-8"), parse_float=Decimal)
        return copy.deepcopy(cache[name])

    return load


@pytest.fixture
def import_demo(db):
    """Return a callable that imports a demo file by short name and returns its Agency."""
    from agencies.models import Agency
    from interchange.importer import import_file

    def run(name):
        result = import_file(demo_path(name))
        return Agency.objects.get(code=result.agency_code)

    return run
