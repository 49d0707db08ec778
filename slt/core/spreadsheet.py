"""Cells for CSV files that people open in a spreadsheet."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """Text for one cell. A leading = + - @ (or tab, carriage return) would make a spreadsheet run the cell
    as a formula (CSV injection): such a cell is quoted with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
