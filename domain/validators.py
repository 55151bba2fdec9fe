"""The checks that decide what may be stored: one function per rule, with messages a planner understands.

Every entry path calls these: a model's ``clean()`` (so every admin and planner form), and the importer,
which puts the JSON path in front of each problem. A validator returns a list of problems, empty when the
value is fine.
"""

from __future__ import annotations

from domain.numbers import to_decimal
from domain.values import NAMED_SCALES


def scale_problems(spec):
    """Why a scale specification is unusable (empty list when it is fine)."""
    if spec is None or (isinstance(spec, str) and spec in NAMED_SCALES):
        return []
    if isinstance(spec, str):
        return [f'Skala "{spec}" tidak dikenal: gunakan "sakip", "ikm", atau daftar predikat.']
    if not isinstance(spec, list) or not spec:
        return ['Skala harus kosong, "sakip", "ikm", atau daftar predikat dari terendah.']
    if all(isinstance(g, str) and g.strip() for g in spec):
        grades = [g.strip().casefold() for g in spec]
    elif all(isinstance(g, dict) for g in spec):
        problems = []
        for position, band in enumerate(spec):
            if not isinstance(band.get("grade"), str) or not band["grade"].strip():
                problems.append(f"Predikat ke-{position + 1} tidak punya nama (grade).")
            if "min" in band and band["min"] is not None and to_decimal(band["min"]) is None:
                problems.append(f"Batas bawah predikat ke-{position + 1} bukan angka.")
        if problems:
            return problems
        grades = [b["grade"].strip().casefold() for b in spec]
        minimums = [to_decimal(b.get("min")) for b in spec]
        if any(m is not None for m in minimums):
            if any(m is None for m in minimums[1:]):
                return ["Setiap predikat di atas yang terendah harus punya batas bawah (min)."]
            present = [m for m in minimums if m is not None]
            if present != sorted(present) or len(set(present)) != len(present):
                return ["Batas bawah predikat harus naik dari predikat terendah ke tertinggi."]
    else:
        return ['Daftar predikat berisi teks, atau objek {"grade": ..., "min": ...}.']
    if len(set(grades)) != len(grades):
        return ["Nama predikat dalam skala tidak boleh berulang."]
    return []


def category_bands_problems(bands):
    """Why an agency's category bands are unusable (empty list when they are fine)."""
    if bands is None:
        return []
    if not isinstance(bands, list) or not bands:
        return ['Kategori harus kosong atau daftar {"min": ..., "label": ...} dari tertinggi.']
    problems = []
    minimums = []
    for position, band in enumerate(bands):
        if not isinstance(band, dict):
            problems.append(f"Kategori ke-{position + 1} harus berupa objek {{min, label}}.")
            continue
        minimum = to_decimal(band.get("min"))
        if minimum is None:
            problems.append(f"Batas bawah kategori ke-{position + 1} bukan angka.")
        else:
            minimums.append(minimum)
        if not isinstance(band.get("label"), str) or not band["label"].strip():
            problems.append(f"Kategori ke-{position + 1} tidak punya label.")
    if not problems and minimums != sorted(minimums, reverse=True):
        problems.append("Kategori harus diurutkan dari batas bawah tertinggi ke terendah.")
    if not problems and len(set(minimums)) != len(minimums):
        problems.append("Batas bawah kategori tidak boleh berulang.")
    return problems
