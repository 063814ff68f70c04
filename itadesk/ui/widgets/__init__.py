"""Reusable widgets: list editors, record tables, Thai dates, score fields, the bar chart."""
