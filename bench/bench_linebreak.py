"""Line breaking time against paragraph length (it must grow linearly).

Breaks one Thai paragraph of 1k, 10k and 100k characters (a measure's text repeated, as a
hostile bundle might carry) into lines of a table column, and prints the seconds each took
(median of 3, words and clusters not cached between runs). Target: 100k characters in
under 1 s. Then prints a whole progress table whose first measure title is that long (its
columns fitted, its row split over pages), once.

    PYTHONPATH=$PWD python bench/bench_linebreak.py [SIZE ...]
"""

import dataclasses
import statistics
import sys
import time

from itadesk.documents import progress_table, typeset
from itadesk.documents.base import stylesheet
from itadesk.documents.data import Measure
from tests.documents.fixtures import big_progress_report

TEXT = (
    "จัดทำประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริตขององค์การบริหารส่วนตำบล "
    "โดยผู้บริหารและบุคลากรทุกคนร่วมกันประกาศ และเผยแพร่ทางเว็บไซต์ของหน่วยงาน "
    "ทุก ๖ เดือน เพื่อให้ประชาชนได้รับทราบ https://www.example.go.th/ita/o13 "
)
RUNS = 3


def clear_caches() -> None:
    for cached in (typeset._words, typeset.clusters_of, typeset.atoms_of, typeset.words_in):
        cached.cache_clear()


def main(sizes: list[int]) -> None:
    typeset.warm_up()
    style = stylesheet()["cell"]
    for size in sizes:
        text = (TEXT * (size // len(TEXT) + 1))[:size]
        times, lines = [], 0
        for _ in range(RUNS):
            clear_caches()
            start = time.perf_counter()
            paragraph = typeset.ThaiParagraph(text, style)
            _, height = paragraph.wrap(200, 1e9)
            times.append(time.perf_counter() - start)
            lines = round(height / style.leading)
        print(f"{size:>9,} characters: {statistics.median(times):7.3f} s, {lines:,} lines")
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
