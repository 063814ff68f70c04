"""Reusable widgets: list editors, record tables, Thai dates, number fields, declared form
rows, the bar chart."""
