"""PDF bytes to the in-app preview and to a printer (pages rendered at about 300 dpi)."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from itadesk.errors import UserError
from itadesk.ui.i18n import _

PRINT_DPI = 300


def load_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise UserError(_("เปิดเอกสาร PDF ที่สร้างไม่ได้: {error}").format(error=document.error()))
    return document, buffer


def fit(source: QSize, target: QSize) -> QRect:
    """The largest rectangle of ``source``'s shape inside ``target``, at the top left."""
    scale = min(target.width() / source.width(), target.height() / source.height())
    return QRect(0, 0, round(source.width() * scale), round(source.height() * scale))


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (for the print dialog's page range)."""
    document, buffer = load_pdf(data)
    try:
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


def chosen_pages(printer: QPrinter, count: int) -> range:
    """The pages (from 0) the print dialog asked for: all, or its page range within them."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() or count
        return range(min(printer.fromPage(), count) - 1, min(last, count))
    return range(count)


def print_pdf(data: bytes, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Print the pages of a PDF chosen in the print dialog on ``printer``; how many.

    Safe to run in a worker thread: the document and the painter are its own.
    """
    document, buffer = load_pdf(data)
    try:
        pages = chosen_pages(printer, document.pageCount())
        if not pages:
            raise UserError(_("เอกสารไม่มีหน้าให้พิมพ์"))
        first = document.pagePointSize(pages[0])
        landscape = first.width() > first.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(_("เริ่มพิมพ์ไม่ได้: ตรวจสอบเครื่องพิมพ์หรือที่บันทึกไฟล์"))
        try:
            for page in pages:
                if page != pages[0]:
                    printer.newPage()
                size = document.pagePointSize(page)
                pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
                image = document.render(page, pixels)
                painter.drawImage(fit(image.size(), painter.viewport().size()), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()
        buffer.close()
