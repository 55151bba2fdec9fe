"""Fuzzing ``import_lakip`` with mutated demo files: whatever a file holds, the import either succeeds or
refuses it with short messages naming JSON paths. Never a traceback, never a partial write, never a hang.

The mutations are what attackers and broken exports produce: wrong types, huge and tiny numbers written as
raw JSON literals (``1e999999999``, integers of 5.000 digits, ``NaN``), deep nesting, long strings, odd
unicode (a lone surrogate, right-to-left marks, NUL), and broken trees (a program under an activity, codes
repeated, lists where objects belong).
"""

import json
import os
import time

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interchange.importer import LakipFileError, import_file

DEMOS = ("bengkalis-2024", "bengkulu-2024", "belitung-timur-2024")
SLOW = 10  # CPU seconds: the most a refused or accepted file may take (other processes do not count)
# Files tried per run: a few dozen in the test suite; LAKIP_FUZZ_EXAMPLES=2000 for a long run.
EXAMPLES = int(os.environ.get("LAKIP_FUZZ_EXAMPLES", "60"))
MESSAGE_LIMIT = 2_000  # characters a single problem may take, so a huge value is never echoed whole

# Raw JSON literals that Python's json.dumps cannot write from values; they replace a placeholder string.
RAW_LITERALS = [
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "1" + "0" * 5000,
    "-" + "9" * 4400,
    "9999999999999999.99",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e40",
    "0.1e-30",
    '"\\ud800"',
    '"A\\ud800B"',
    '"\\u0000"',
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
]
ODD_VALUES = [
    None,
    True,
    0,
    -1,
    "",
    " ",
    "x" * 200_000,
    "https://" + "a" * 50_000,
    "\u202etext\u202c",
    "ஊ" * 1000,
    "\U0001f600",
    [],
    {},
    [None],
    {"": None},
    {"code": "S1"},
    [{"code": "x", "activities": [{"code": "x"}]}],
    "1,5",
    "1.234.567,89",
    "2024-13-45",
]


def paths(document, prefix=()):
    """Every path in a document: keys of objects and indexes of lists, the document itself included."""
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from paths(value, (*prefix, index))


def replaced(document, path, value):
    if not path:
        return value
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    target[last] = value
    return document


def database_state():
    return {
        model._meta.label: sorted(model.objects.values_list(*[f.attname for f in model._meta.concrete_fields]))
        for app in ("agencies", "indicators", "budgets")
        for model in apps.get_app_config(app).get_models()
    }


@st.composite
def mutated_files(draw, load):
    """A demo file as text with one to three values replaced by an odd value or a raw literal."""
    document = load(draw(st.sampled_from(DEMOS)))
    literals = {}
    for _ in range(draw(st.integers(1, 3))):
        candidates = list(paths(document))
        path = draw(st.sampled_from(candidates))
        if draw(st.booleans()):
            placeholder = f"@@raw{len(literals)}@@"
            literals[f'"{placeholder}"'] = draw(st.sampled_from(RAW_LITERALS))
            document = replaced(document, path, placeholder)
        else:
            document = replaced(document, path, draw(st.sampled_from(ODD_VALUES)))
    text = json.dumps(document, ensure_ascii=False, default=str)
    for placeholder, literal in literals.items():
        text = text.replace(placeholder, literal)
    return text


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_file_is_imported_or_refused_quickly_with_paths_and_nothing_half_written(
    data, demo_document, import_demo, tmp_path
):
    with transaction.atomic():
        import_demo("bengkalis-2024")
        before = database_state()
        text = data.draw(mutated_files(demo_document))
        path = tmp_path / "mutated.lakip.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        started = time.process_time()
        try:
            import_file(path)
        except LakipFileError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path.startswith("$")
                assert len(str(problem)) <= MESSAGE_LIMIT
            assert database_state() == before
        assert time.process_time() - started < SLOW
        transaction.set_rollback(True)
