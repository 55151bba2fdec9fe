"""The title a planner reads for each finding rule (``performance.findings.RULES``), in Bahasa Indonesia.

One table for every page that names a finding; ``tests/web/test_findings_panel.py`` fails when a rule has no title.
"""

TITLES = {
    "realisation_exceeds_budget": "Realisasi melebihi pagu",
    "realisation_without_budget": "Realisasi tanpa pagu",
    "children_sum_mismatch": "Angka tidak sama dengan jumlah rinciannya",
    "budget_total_below_lines": "Total pagu lebih kecil dari jumlah program",
    "expense_types_sum_mismatch": "Pagu per jenis belanja tidak sama dengan total pagu",
    "missing_target": "Target belum diisi",
    "value_kind_mismatch": "Jenis nilai tidak sesuai indikator",
    "target_differs_from_renstra": "Target PK berbeda dengan target Renstra",
    "missing_realisation": "Realisasi belum ada",
    "realisation_same_as_previous_year": "Realisasi sama dengan tahun lalu",
    "zero_target": "Target nol",
    "objective_without_budget": "Sasaran tanpa anggaran",
    "budget_line_without_objective": "Anggaran tidak dikaitkan dengan sasaran",
    "narrative_mentions_other_year": "Narasi menyebut tahun lain",
    "narrative_mentions_other_region": "Narasi menyebut daerah lain",
    "narrative_without_title": "Bagian narasi tanpa judul",
    "nip_malformed": "NIP kepala tidak 18 digit",
    "realisation_provisional": "Realisasi masih sementara",
}


def finding_title(rule):
    """The title of a rule; the rule id itself for a rule without one (the test keeps that from happening)."""
    return TITLES.get(rule, rule)
