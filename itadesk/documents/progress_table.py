"""The progress table of a round: the measures table's engine (``measures_table``) with the
round's columns (what was done, outputs, outcomes, evidence, remarks, status ticks or text)
and the status summary; ``columns.PRESETS`` name its layouts."""

from itadesk.documents.measures_table import render, story

__all__ = ["render", "story"]
