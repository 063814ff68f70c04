"""Layout a Thai reader finds natural: stranded lines and in-word joins over every document.

Prints one line per document: the demo office's documents (every kind, every progress layout
and the real two-state report's columns, portrait and landscape) and the reference
reproductions (``tests/documents/fixtures.py``, the two-state report among them, portrait and
landscape), with the counts of the project's PDF checker (``../shared/tools/pdfcheck.py``, or
``--checker PATH``): lines holding one stranded short
word, and line joins inside a word. Target: 0 and 0.

    PYTHONPATH=$PWD python bench/bench_layout.py [--show 3] [--keep DIR]
"""

import argparse
import dataclasses
import importlib.util
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

from itadesk.db.database import open_database
from itadesk.documents import analysis_report, measures_table, memo, progress_table
from itadesk.documents.data import LAYOUTS, ProgressLayout
from itadesk.documents.typeset import set_custom_words
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, fill_demo
from itadesk.services.documents import PrintOptions, build_document
from itadesk.services.kinds import REGISTRY

CHECKER = next(
    (
        p / "shared" / "tools" / "pdfcheck.py"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "tools" / "pdfcheck.py").exists()
    ),
    Path("pdfcheck.py"),
)


TWO_STATE = "two-state"  # the real two-state report of issue 11, by its columns
TWO_STATE_COLUMNS = ("measure", "steps", "details", "owner", "period", "status2")


def load_checker(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("pdfcheck", path)
    if spec is None or spec.loader is None:
        sys.exit(f"no PDF checker at {path} (give --checker PATH)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_documents(folder: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    db = open_database(folder / "data")
    fill_demo(db)
    for declared in REGISTRY:
        kind = declared.key
        year = RESULT_YEAR if kind == "analysis" else PLAN_YEAR
        rounds = (6, 12) if declared.needs_round else (None,)
        layouts = (*LAYOUTS, TWO_STATE) if "layout" in declared.options else (LAYOUTS[0],)
        for landscape in (False, True):
            for layout in layouts:
                for months in rounds:
                    name = f"demo {kind} {'landscape' if landscape else 'portrait'}"
                    name += f" {layout} r{months}" if months else ""
                    options = (
                        PrintOptions(columns=TWO_STATE_COLUMNS, landscape=landscape)
                        if layout == TWO_STATE
                        else PrintOptions(layout=layout, landscape=landscape)
                    )
                    yield (
                        name,
                        lambda k=kind, y=year, m=months, o=options: build_document(db, k, y, m, o),
                    )


def reference_documents() -> Iterator[tuple[str, Callable[[], bytes]]]:
    from tests.documents import fixtures

    def both(name: str, make: Callable[[bool], bytes]) -> Iterator:
        for landscape in (False, True):
            yield (
                f"{name} {'landscape' if landscape else 'portrait'}",
                lambda land=landscape: make(land),
            )

    def progress(layout: ProgressLayout) -> Callable[[bool], bytes]:
        return lambda land: progress_table.render(
            dataclasses.replace(fixtures.progress_report(layout), landscape=land)
        )

    yield (
        "reference memo + tables",
        lambda: memo.render(fixtures.memo(attachments=(fixtures.measures_table(landscape=True),))),
    )
    yield from both("reference progress three", progress(ProgressLayout.THREE))
    yield from both("reference progress two", progress(ProgressLayout.TWO))
    yield from both(
        "reference results",
        lambda land: progress_table.render(dataclasses.replace(fixtures.RESULTS, landscape=land)),
    )
    yield from both(
        "reference measures", lambda land: measures_table.render(fixtures.measures_table(land))
    )
    yield from both(
        "reference two-state report",
        lambda land: progress_table.render(fixtures.two_state_report(land)),
    )
    yield "reference analysis", lambda: analysis_report.render(fixtures.analysis_report())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checker", type=Path, default=CHECKER)
    ap.add_argument("--show", type=int, default=0, help="examples to print per document")
    ap.add_argument("--keep", type=Path, help="folder to keep the PDFs in")
    args = ap.parse_args()
    check = load_checker(args.checker)
    total_stranded = total_joins = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        made = list(demo_documents(Path(tmp)))
        sets = [(made, None)]
        from tests.documents import fixtures

        sets.append((list(reference_documents()), fixtures.CUSTOM_WORDS))
        print(f"{'document':48} {'pages':>5} {'stranded':>8} {'in-word':>8}")
        for documents, words in sets:
            for name, make in documents:
                if words is not None:
                    set_custom_words(words)
                path = folder / (name.replace(" ", "-").replace("+", "") + ".pdf")
                path.write_bytes(make())
                text = check.run("pdftotext", "-enc", "UTF-8", str(path), "-")
                joins = check.midword_breaks(text)
                stranded = check.stranded_lines(str(path))
                pages = text.count("\f")
                total_stranded += len(stranded)
                total_joins += len(joins)
                print(f"{name:48} {pages:5} {len(stranded):8} {len(joins):8}")
                for example in (stranded + joins)[: args.show]:
                    print(f"    {example}")
    print(f"{'total':48} {'':5} {total_stranded:8} {total_joins:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
