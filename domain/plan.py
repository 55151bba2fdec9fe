"""Rules of the plan itself: which Renstra a report year is measured against."""


def applicable_period(periods, year=None):
    """The Renstra period ``(start_year, end_year)`` that applies to a report year, or None.

    The period that covers the year (the latest-starting one if periods overlap); for a year after every
    period (a 2027 report while the next Renstra is not yet entered), the latest one that started before it,
    whose end-of-period targets are still the last ones agreed; none for a year before every period. Without
    a year, the latest period: the agency's current plan, as ``export_lakip`` writes it.
    """
    periods = sorted(periods, key=lambda period: period[0], reverse=True)
    if year is None:
        return periods[0] if periods else None
    covering = next((period for period in periods if period[0] <= year <= period[1]), None)
    return covering or next((period for period in periods if period[0] <= year), None)
