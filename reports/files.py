"""The names a LAKIP PDF is downloaded and stored under."""


def pdf_filename(agency, year, *, version=None, outdated=False):
    """``LAKIP-2024-bkpp-bengkalis.pdf``: year first so a folder of reports sorts by year, then agency.

    An approved version's PDF carries its number (``LAKIP-2024-bkpp-bengkalis-v1.pdf``); an outdated one says so.
    """
    number = f"-v{version}" if version is not None else ""
    return f"LAKIP-{year}-{agency.code}{number}{'-versi-lama' if outdated else ''}.pdf"
