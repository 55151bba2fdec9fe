"""Break opportunities in long runs: ordinary texts untouched, long runs broken invisibly, pasted data with spaces."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.text import LONGEST_WORD, PIECE, WORD_LENGTH, ZERO_WIDTH_SPACE, break_long_runs


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Persentase ASN yang memenuhi standar kompetensi jabatan",
        "Rp19.717.644.784 2.16.01.2.01.0001 19740210 199311 1 001",
        "Kementerian/Instansi/Provinsi/Kabupaten/Kota",
        "x" * WORD_LENGTH + "\n" + "y" * WORD_LENGTH,
    ],
)
def test_ordinary_texts_are_returned_as_they_are(text):
    assert break_long_runs(text) is text


def test_a_long_word_gets_a_zero_width_space_every_12_characters():
    url = "https://jdih.bengkuluprov.go.id/peraturan/" + "a" * 18
    broken = break_long_runs(f"Lihat {url} ya")
    assert broken.replace(ZERO_WIDTH_SPACE, "") == f"Lihat {url} ya"
    assert [len(piece) for piece in broken.split()[1].split(ZERO_WIDTH_SPACE)] == [12, 12, 12, 12, 12]


def test_a_run_longer_than_any_word_gets_spaces_which_every_layout_breaks_at():
    assert break_long_runs("a" * (LONGEST_WORD + 1)).split(" ") == ["a" * PIECE] * 16 + ["a" * 9]


@pytest.mark.parametrize("glue", ["\u00a0", ZERO_WIDTH_SPACE, "\u2009", "-", "/"])
def test_characters_that_are_not_ordinary_spaces_belong_to_the_run(glue):
    assert " " in break_long_runs(("ab" + glue) * 100)


@given(st.lists(st.text(alphabet="ab\u00a0\u200b-", max_size=500), max_size=4).map("\n ".join))
def test_only_break_opportunities_are_added_and_no_long_run_keeps_a_piece_longer_than_12(text):
    broken = break_long_runs(text)
    assert broken.replace(ZERO_WIDTH_SPACE, "").replace(" ", "") == text.replace(ZERO_WIDTH_SPACE, "").replace(" ", "")
    runs = broken.replace("\n", " ").split(" ")
    assert all(len(run) <= LONGEST_WORD for run in runs)
    assert all(len(piece) <= PIECE for run in runs if len(run) > WORD_LENGTH for piece in run.split(ZERO_WIDTH_SPACE))
