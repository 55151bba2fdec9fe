"""Placeholder replaced below."""


def category_bands_problems(bands):
    return []


def scale_problems(scale):
    return []
