"""Line breaking time against paragraph length (it must grow linearly).

Breaks one Thai paragraph of 1k, 10k and 100k characters (a measure's text repeated, as a
hostile bundle might carry) into lines of a table column, and prints the seconds each took
(median of 3, nothing cached between runs: words, clusters, pieces, widths). Then the
hardest paragraphs we know of (``hostile_paragraphs``: no spaces and no repeats, one letter,
Latin, a link, Thai digits, short lines, no dictionary word, punctuation gluing it all into
one piece), each at the largest size. Target: every 100k-character paragraph in under 1 s.
Then prints a whole progress table whose first measure title is that long (its columns
fitted, its row split over pages), once.

    PYTHONPATH=$PWD python bench/bench_linebreak.py [SIZE ...]
"""

import dataclasses
import statistics
import sys
import time

from itadesk.documents import progress_table, typeset
from itadesk.documents.base import stylesheet
from itadesk.documents.data import Measure
from tests.documents.fixtures import big_progress_report, hostile_paragraphs

TEXT = (
    "จัดทำประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริตขององค์การบริหารส่วนตำบล "
    "โดยผู้บริหารและบุคลากรทุกคนร่วมกันประกาศ และเผยแพร่ทางเว็บไซต์ของหน่วยงาน "
    "ทุก ๖ เดือน เพื่อให้ประชาชนได้รับทราบ https://www.example.go.th/ita/o13 "
)
RUNS = 3


def clear_caches() -> None:
    for name in dir(typeset):
        cached = getattr(typeset, name)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def timed(text: str) -> tuple[float, float, int]:
    """Median wall and CPU seconds of breaking ``text`` for a table cell, and its lines."""
    style = stylesheet()["cell"]
    wall, cpu, lines = [], [], 0
    for _ in range(RUNS):
        clear_caches()
        start, start_cpu = time.perf_counter(), time.process_time()
        paragraph = typeset.ThaiParagraph(text, style)
        paragraph.wrap(200, 1e9)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        lines = len(paragraph._lines)
        drawn = "".join(u.text for line in paragraph._lines for u in line.units + line.after)
        assert drawn == text.replace("\n", ""), "text lost"
    return statistics.median(wall), statistics.median(cpu), lines


def main(sizes: list[int]) -> None:
    typeset.warm_up()
    for size in sizes:
        text = (TEXT * (size // len(TEXT) + 1))[:size]
        wall, cpu, lines = timed(text)
        print(f"{size:>9,} characters: {wall:7.3f} s ({cpu:.3f} s CPU), {lines:,} lines")
    for name, text in hostile_paragraphs(max(sizes)).items():
        wall, cpu, lines = timed(text)
        label = f"{len(text):,} characters, {name}"
        print(f"{label:>50}: {wall:7.3f} s ({cpu:.3f} s CPU), {lines:,} lines")
    for size in sizes:
        text = (TEXT * (size // len(TEXT) + 1))[:size]
        report = big_progress_report(4)
        first = report.groups[0].items[0]
        item = dataclasses.replace(first, measure=Measure(1, text, steps=(text[:200],)))
        group = dataclasses.replace(report.groups[0], items=(item, *report.groups[0].items[1:]))
        report = dataclasses.replace(report, groups=(group,))
        clear_caches()
        start = time.perf_counter()
        pdf = progress_table.render(report)
        took = time.perf_counter() - start
        print(f"{size:>9,} characters in a progress table: {took:7.3f} s, {len(pdf) // 1024} KB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
