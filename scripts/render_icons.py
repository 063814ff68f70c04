"""Draw resources/icons/*.png from the Lucide SVGs in resources/icons/svg (run after adding one).

    QT_QPA_PLATFORM=offscreen python scripts/render_icons.py
"""

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
COLOUR = "#37474f"
SIZE = 48


def render(svg: Path) -> QImage:
    data = svg.read_text(encoding="utf-8").replace("currentColor", COLOUR)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(data.encode())).render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication([])
    for svg in sorted((ICONS / "svg").glob("*.svg")):
        render(svg).save(str(ICONS / f"{svg.stem}.png"))


if __name__ == "__main__":
    main()
