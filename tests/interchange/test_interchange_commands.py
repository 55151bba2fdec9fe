"""The import_lakip and export_lakip commands, driven through call_command."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from interchange.importer import parse_json

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"


def demo(name):
    return str(DEMO_DIR / f"{name}.lakip.json")


def write_json(path, document):
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
    return str(path)


def test_import_command_imports_several_files_in_one_call(db):
    out = StringIO()
    call_command("import_lakip", demo("bengkalis-2024"), demo("bengkulu-2024"), stdout=out)
    assert Agency.objects.count() == 2
    assert out.getvalue().count("diimpor") == 2


def test_import_command_refuses_a_bad_file_listing_every_problem_path(db, tmp_path, demo_document):
    document = demo_document("bengkalis-2024")
    document["format"] = "lakip/9"
    document["settings"]["efficiency_method"] = "roi"
    bad = write_json(tmp_path / "bad.lakip.json", document)
    with pytest.raises(CommandError) as refused:
        call_command("import_lakip", bad, stdout=StringIO())
    message = str(refused.value)
    assert f"{bad}: $.format: " in message
    assert f"{bad}: $.settings.efficiency_method: " in message
    assert not Agency.objects.exists()


def test_import_command_still_imports_the_good_files_next_to_a_bad_one(db, tmp_path, demo_document):
    document = demo_document("bengkalis-2024")
    del document["agency"]["code"]
    bad = write_json(tmp_path / "bad.lakip.json", document)
    with pytest.raises(CommandError, match=r"1 dari 2 berkas ditolak"):
        call_command("import_lakip", bad, demo("bengkulu-2024"), stdout=StringIO())
    assert list(Agency.objects.values_list("code", flat=True)) == ["bkd-bengkulu"]


def test_import_command_reports_where_a_file_is_not_json(db, tmp_path):
    broken = tmp_path / "broken.lakip.json"
    broken.write_text('{\n  "format": "lakip/1",\n  "agency": {,\n}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"bukan JSON yang sah: .*baris 3, kolom 14"):
        call_command("import_lakip", str(broken), stdout=StringIO())


def test_import_command_reports_a_missing_file(db, tmp_path):
    missing = str(tmp_path / "tidak-ada.lakip.json")
    with pytest.raises(CommandError, match=r"tidak-ada\.lakip\.json: \$: berkas tidak ditemukan"):
        call_command("import_lakip", missing, stdout=StringIO())


def test_export_command_writes_the_document_to_stdout(import_demo):
    import_demo("bengkalis-2024")
    out = StringIO()
    call_command("export_lakip", agency="bkpp-bengkalis", stdout=out)
    document = parse_json(out.getvalue())
    assert document["format"] == "lakip/1"
    assert document["agency"]["code"] == "bkpp-bengkalis"
    assert "Kepegawaian" in out.getvalue()


def test_export_command_writes_utf8_to_a_file_that_imports_back_unchanged(import_demo, tmp_path):
    import_demo("belitung-timur-2024")
    target = tmp_path / "out.lakip.json"
    call_command("export_lakip", agency="bkpsdm-belitung-timur", output=str(target), stderr=StringIO())
    out = StringIO()
    call_command("import_lakip", str(target), stdout=out)
    assert "0 dibuat, 0 diubah, 0 dihapus" in out.getvalue()


def test_export_command_refuses_an_unknown_agency(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_lakip", agency="tidak-ada", stdout=StringIO())
