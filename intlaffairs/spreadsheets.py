"""Spreadsheet safety shared by every export: no cell is read as a formula.

A cell that starts with = + - @ or a tab or carriage return can run as a formula when the file
is opened in Excel or LibreOffice (CSV injection); such cells get a leading apostrophe.
"""

import tablib

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralized(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of `dataset` whose every text cell is safe to open in a spreadsheet."""
    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([neutralize(value) for value in row])
    return safe
