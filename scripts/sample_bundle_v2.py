"""Write tests/data/bundle-v2.zip: a bundle of format 2, whose signatures are in data.json.

Format 3 moved the signature images out of ``data.json`` into ``signatures/`` entries; the
test that old bundles still import opens this file. It was written by the app at format 2
(commit 91003aa), which this script checks, with:

    git worktree add /tmp/v2 91003aa && cd /tmp/v2
    PYTHONPATH=. python scripts/sample_bundle_v2.py

The demo office, two people with a signature image each and one evidence file; no documents.
"""

import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from itadesk.bundle import FORMAT_VERSION, export_bundle
from itadesk.db.database import open_database
from itadesk.services import measures, office, progress, signatures
from itadesk.services.demo import fill_demo

TARGET = Path(__file__).resolve().parents[1] / "tests" / "data" / "bundle-v2.zip"


def scribble(path: Path, points: list[tuple[int, int]]) -> Path:
    """A scanned signature: off-white paper, a dark blue line."""
    image = Image.new("RGB", (900, 420), (250, 248, 244))
    ImageDraw.Draw(image).line(points, fill=(20, 30, 90), width=9)
    image.save(path)
    return path


def main() -> int:
    if FORMAT_VERSION != 2:
        print(f"this app writes format {FORMAT_VERSION}: run the script at commit 91003aa")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = open_database(root / "data", backup_on_open=False)
        try:
            fill_demo(db)
            people = office.list_people(db)
            shapes = [[(200, 260), (320, 150), (420, 280), (560, 140), (700, 250)],
                      [(150, 200), (300, 300), (450, 120), (650, 300)]]  # fmt: skip
            for person, shape in zip(people[:2], shapes, strict=True):
                signatures.set_signature(db, person.id, scribble(root / "s.png", shape))
            photo = root / "ภาพกิจกรรม.jpg"
            photo.write_bytes(bytes(range(256)) * 40)
            measure = measures.list_measures(db, 2569)[0]
            progress.attach_file(db, measure.id, 6, photo)
            export_bundle(db, TARGET, years=[])
        finally:
            db.close()
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
