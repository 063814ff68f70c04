"""The repository stands on its own: a clone anywhere runs its tests."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a path that leaves the repository: the working notes' shared folder beside it
OUTSIDE = re.compile(r"""["'](?:\.\./)*shared\b|/work/shared|\.parents\[\d+\]\.parent\b""")


def test_no_test_reads_a_file_outside_the_repository():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and path != Path(__file__)
    ]
    assert offenders == []


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_the_readme_layout_names_every_top_level_folder():
    folders = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")}
    folders = {f for f in folders if any(x.name != "__pycache__" for x in (ROOT / f).iterdir())}
    folders -= {"build", "dist", "node_modules"} | {p.name for p in ROOT.glob("*.egg-info")}
    layout = readme_section("Layout")
    assert {f for f in folders if f"`{f}/" not in layout} == set()
    assert "`.ci/`" in layout


def test_the_readme_command_line_lists_every_option():
    """Every option of every command appears in the README's command-line section."""
    import argparse

    from itadesk.cli import build_parser

    section = readme_section("Command line")
    missing = []
    stack = [build_parser()]
    while stack:
        parser = stack.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                stack += action.choices.values()
            elif action.option_strings and not any(
                o in section or o == "--help" for o in action.option_strings
            ):
                missing.append(f"{parser.prog} {action.option_strings[0]}")
    assert missing == []
