"""Every refusal of ``verify_bundle`` on its own, asserting WHICH check refused (its Thai
reason), and each limit at both edges: a check weakened or switched off fails its test."""

import errno
import hashlib
import io
import json
import os
import stat
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from itadesk.bundle import format as bundle_format
from itadesk.bundle import verify
from itadesk.bundle.verify import InvalidBundle, verify_bundle
from itadesk.domain.limits import MAX_LINE_CHARS

Manifest = dict[str, Any]


def rewrite(
    source: Path,
    target: Path,
    manifest: Callable[[Manifest], Any] | None = None,
    entry: Callable[[zipfile.ZipInfo, bytes], tuple[zipfile.ZipInfo, bytes] | None] | None = None,
    extra: list[tuple[str, bytes]] = (),
) -> Path:
    """A copy of ``source`` whose manifest and entries are changed by the callbacks.

    ``manifest(m)`` edits the parsed manifest in place, or returns a replacement object;
    ``entry(info, content)`` returns the entry to write instead (None: leave it out).
    """
    with zipfile.ZipFile(source) as old:
        parsed = json.loads(old.read("manifest.json"))
        if manifest:
            replaced = manifest(parsed)
            parsed = parsed if replaced is None else replaced
        with zipfile.ZipFile(target, "w") as new:
            for info in old.infolist():
                if info.filename == "manifest.json":
                    continue
                item = (info, old.read(info))
                if entry:
                    item = entry(*item)
                if item:
                    new.writestr(*item)
            for name, content in extra:
                new.writestr(name, content)
            new.writestr("manifest.json", json.dumps(parsed, ensure_ascii=False))
    return target


def refused(path: Path) -> str:
    with pytest.raises(InvalidBundle) as caught:
        verify_bundle(path)
    return str(caught.value)


def test_the_unchanged_copy_passes(good_bundle: Path, tmp_path: Path) -> None:
    bundle = verify_bundle(rewrite(good_bundle, tmp_path / "copy.zip"))
    with zipfile.ZipFile(good_bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert bundle.tables["office"][0]["uuid"] == manifest["office"]["uuid"]
    assert bundle.office_name == manifest["office"]["name"]  # what the import plan shows
    assert bundle.created_at == datetime.fromisoformat(manifest["created_at"])


def test_office_of_data_must_match_the_manifest(good_bundle: Path, tmp_path: Path) -> None:
    from tests.bundle.conftest import with_data

    def other_office(tables: dict) -> None:
        tables["office"][0]["uuid"] = "00000000-0000-4000-8000-000000000000"

    path = with_data(good_bundle, tmp_path / "b.zip", other_office)
    assert refused(path) == whole("ข้อมูลหน่วยงานใน data.json ไม่ตรงกับ manifest.json")
    # data.json is checked first: damaged evidence behind it is not what is said
    assert refused(damaged(path, tmp_path / "c.zip", PHOTO)) == whole(
        "ข้อมูลหน่วยงานใน data.json ไม่ตรงกับ manifest.json", "c.zip"
    )


@pytest.mark.parametrize("document", [[], "ITADesk bundle", 1, None])
def test_a_manifest_that_is_not_an_object(good_bundle: Path, tmp_path: Path, document) -> None:
    path = rewrite(good_bundle, tmp_path / "b.zip", manifest=lambda m: [document])
    assert refused(path) == whole("ไม่ใช่ชุดข้อมูลของ ITADesk")
    other = rewrite(good_bundle, tmp_path / "c.zip", manifest=lambda m: m.update(format="zip"))
    assert refused(other) == whole("ไม่ใช่ชุดข้อมูลของ ITADesk", "c.zip")


@pytest.mark.parametrize("version", [True, 1.5, 0, -1, "1", None])
def test_a_bad_format_version(good_bundle: Path, tmp_path: Path, version) -> None:
    path = rewrite(
        good_bundle, tmp_path / "b.zip", manifest=lambda m: m.update(format_version=version)
    )
    assert refused(path) == whole("ไม่ระบุรุ่นของรูปแบบชุดข้อมูล")


@pytest.mark.parametrize("version", range(1, bundle_format.FORMAT_VERSION + 1))
def test_every_format_version_up_to_this_one_is_read(
    good_bundle: Path, tmp_path: Path, version: int
) -> None:
    """Format 1 (evidence folders named by all 64 hex digits) still imports."""
    path = rewrite(
        good_bundle, tmp_path / "b.zip", manifest=lambda m: m.update(format_version=version)
    )
    assert verify_bundle(path).manifest["format_version"] == version


def test_a_newer_format_names_the_version(good_bundle: Path, tmp_path: Path) -> None:
    newer = bundle_format.FORMAT_VERSION + 1
    path = rewrite(
        good_bundle, tmp_path / "b.zip", manifest=lambda m: m.update(format_version=newer)
    )
    assert refused(path) == bundle_format.newer_format(newer, "")  # no "ใช้ไม่ได้" wrapper


def test_an_encrypted_entry(good_bundle: Path, tmp_path: Path) -> None:
    """The encryption flag set in data.json's central directory record (zipfile cannot
    write one)."""
    raw = bytearray(good_bundle.read_bytes())
    at = 0
    while (at := raw.find(b"PK\x01\x02", at + 1)) > 0:
        length = int.from_bytes(raw[at + 28 : at + 30], "little")
        if raw[at + 46 : at + 46 + length] == b"data.json":
            raw[at + 8] |= 0x1
            break
    else:
        raise AssertionError("no data.json in the central directory")
    path = tmp_path / "b.zip"
    path.write_bytes(bytes(raw))
    assert refused(path) == whole("รายการ «data.json» เข้ารหัสไว้")


def test_an_unsupported_compression(good_bundle: Path, tmp_path: Path) -> None:
    def bzip(info: zipfile.ZipInfo, content: bytes) -> tuple:
        if info.filename == "readme.txt":
            info.compress_type = zipfile.ZIP_BZIP2
        return info, content

    path = rewrite(good_bundle, tmp_path / "b.zip", entry=bzip)
    assert refused(path) == whole("รายการ «readme.txt» ใช้วิธีบีบอัดที่ไม่รองรับ")


@pytest.mark.parametrize("change", [1, -1])
def test_sizes_declared_larger_or_smaller(good_bundle: Path, tmp_path: Path, change: int) -> None:
    def resize(m: Manifest) -> None:
        item = next(e for e in m["entries"] if e["path"] == "readme.txt")
        item["size"] += change

    path = rewrite(good_bundle, tmp_path / "b.zip", manifest=resize)
    assert refused(path) == whole("ขนาดของ «readme.txt» ไม่ตรงกับ manifest.json")


def test_content_that_differs_from_its_checksum(good_bundle: Path, tmp_path: Path) -> None:
    def swap(info: zipfile.ZipInfo, content: bytes) -> tuple:
        if info.filename == "readme.txt":
            content = content[:-1] + (b"X" if content[-1:] != b"X" else b"Y")
        return info, content

    path = rewrite(good_bundle, tmp_path / "b.zip", entry=swap)
    assert refused(path) == whole("เนื้อหาของ «readme.txt» ไม่ตรงกับ checksum (ไฟล์เสียหาย)")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda item: item.update(size=True), "รายการใน manifest.json ไม่ถูกต้อง"),
        (lambda item: item.update(size=-1), "รายการใน manifest.json ไม่ถูกต้อง"),
        (lambda item: item.update(size="10"), "รายการใน manifest.json ไม่ถูกต้อง"),
        (lambda item: item.update(sha256="0" * 63), "รายการใน manifest.json ไม่ถูกต้อง"),
        (lambda item: item.update(sha256=None), "รายการใน manifest.json ไม่ถูกต้อง"),
        (lambda item: item.update(path=None), "รายการใน manifest.json ไม่ถูกต้อง"),
        (
            lambda item: item.update(path="../x.txt"),
            "manifest.json ระบุรายการ «../x.txt» ที่ไม่ได้รับอนุญาต",
        ),
        (
            lambda item: item.update(path="manifest.json"),
            "manifest.json ระบุรายการ «manifest.json» ที่ไม่ได้รับอนุญาต",
        ),
        (
            lambda item: item.update(path="/" + "ก" * 100),
            f"manifest.json ระบุรายการ «/{'ก' * 79}» ที่ไม่ได้รับอนุญาต",
        ),
    ],
)
def test_each_manifest_entry_check(good_bundle: Path, tmp_path: Path, edit, reason: str) -> None:
    def change(m: Manifest) -> None:
        edit(next(e for e in m["entries"] if e["path"] == "readme.txt"))

    # the manifest's own entries are refused before the bundle's name is at hand
    said = f"ชุดข้อมูลใช้ไม่ได้: {reason} (ไม่มีการแก้ไขข้อมูลใด ๆ)"
    assert refused(rewrite(good_bundle, tmp_path / "b.zip", manifest=change)) == said


def test_a_zero_size_entry_is_accepted(good_bundle: Path, tmp_path: Path) -> None:
    """Size 0 is a real size (an empty text file), not a missing one."""

    def empty(m: Manifest) -> None:
        item = next(e for e in m["entries"] if e["path"] == "readme.txt")
        item.update(size=0, sha256=hashlib.sha256(b"").hexdigest())

    def blank(info: zipfile.ZipInfo, content: bytes) -> tuple:
        return info, b"" if info.filename == "readme.txt" else content

    verify_bundle(rewrite(good_bundle, tmp_path / "b.zip", manifest=empty, entry=blank))


def test_missing_and_unlisted_entries(good_bundle: Path, tmp_path: Path) -> None:
    drop = rewrite(
        good_bundle,
        tmp_path / "a.zip",
        entry=lambda i, c: None if i.filename == "readme.txt" else (i, c),
    )
    assert refused(drop) == whole("ขาดรายการ «readme.txt» ที่ระบุใน manifest.json", "a.zip")
    extra = rewrite(good_bundle, tmp_path / "b.zip", extra=[("pdf/x.pdf", b"%PDF")])
    assert refused(extra) == whole("มีรายการ «pdf/x.pdf» ที่ไม่ได้ระบุใน manifest.json")


def test_an_entry_over_one_read_chunk_passes(evidence_db, tmp_path: Path) -> None:
    """A 5 MiB evidence file is read in two chunks; its size is the sum of both."""
    from itadesk.bundle import export_bundle
    from itadesk.services import measures, progress

    big = tmp_path / "ภาพถ่ายกิจกรรม.bmp"
    big.write_bytes(bytes(range(251)) * (5 * 1024 * 1024 // 251 + 1))
    assert big.stat().st_size > bundle_format.CHUNK
    measure = measures.list_measures(evidence_db, 2569)[0]
    progress.attach_file(evidence_db, measure.id, 6, big)
    bundle = verify_bundle(export_bundle(evidence_db, tmp_path / "big.zip", years=[]).path)
    [entry] = [e for e in bundle.files.values() if e.size == big.stat().st_size]
    with zipfile.ZipFile(bundle.path) as archive:  # kept in memory: the chunks joined
        kept = verify.read_entry(archive, archive.getinfo(entry.path), None, keep=True)[2]
    assert kept == big.read_bytes()


def test_limits_keep_their_values() -> None:
    assert bundle_format.MAX_ENTRIES == 20_000
    assert bundle_format.MAX_TOTAL_BYTES == 8 * 1024**3
    assert bundle_format.CHUNK == 4 * 1024 * 1024


def test_entry_count_at_both_edges(good_bundle: Path, tmp_path: Path, monkeypatch) -> None:
    with zipfile.ZipFile(good_bundle) as z:
        count = len(z.infolist())
    monkeypatch.setattr(verify, "MAX_ENTRIES", count)
    verify_bundle(good_bundle)  # exactly at the limit
    monkeypatch.setattr(verify, "MAX_ENTRIES", count - 1)
    assert refused(good_bundle) == whole(f"มีรายการมากเกินไป ({count})", good_bundle.name)


def test_total_size_at_both_edges(good_bundle: Path, monkeypatch) -> None:
    with zipfile.ZipFile(good_bundle) as z:
        total = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(verify, "MAX_TOTAL_BYTES", total)
    verify_bundle(good_bundle)
    monkeypatch.setattr(verify, "MAX_TOTAL_BYTES", total - 1)
    assert refused(good_bundle) == whole(
        f"ขนาดรวมเมื่อแตกไฟล์ใหญ่เกินกำหนด ({bundle_format.megabytes(total)})", good_bundle.name
    )


def whole(reason: str, name: str = "b.zip") -> str:
    """A refusal as the clerk reads it."""
    return f"ชุดข้อมูล {name} ใช้ไม่ได้: {reason} (ไม่มีการแก้ไขข้อมูลใด ๆ)"


# external attributes of readme.txt -> why it is refused (None: a plain file, accepted)
ENTRY_KINDS = [
    ((stat.S_IFLNK | 0o777) << 16, "เป็นลิงก์ (symlink)"),
    ((stat.S_IFDIR | 0o755) << 16, "เป็นโฟลเดอร์"),
    ((stat.S_IFCHR | 0o666) << 16, "เป็นไฟล์อุปกรณ์"),
    ((stat.S_IFBLK | 0o666) << 16, "เป็นไฟล์อุปกรณ์"),
    ((stat.S_IFIFO | 0o644) << 16, "เป็นไฟล์พิเศษ (FIFO)"),
    ((stat.S_IFSOCK | 0o644) << 16, "เป็นไฟล์พิเศษ (socket)"),
    (0o070644 << 16, "ไม่ใช่ไฟล์ธรรมดา"),  # type bits of no known kind
    (0x10, "เป็นโฟลเดอร์"),  # the MS-DOS directory attribute
    ((stat.S_IFREG | 0o644) << 16, None),
    (0x01, None),  # MS-DOS "read-only": a plain file
    (0o644 << 16, None),  # permissions only: a plain file
    (0x20, None),  # MS-DOS "archive": a plain file
]


@pytest.mark.parametrize(("attributes", "reason"), ENTRY_KINDS)
def test_each_entry_kind(good_bundle: Path, tmp_path: Path, attributes: int, reason) -> None:
    def kind(info: zipfile.ZipInfo, content: bytes) -> tuple:
        if info.filename == "readme.txt":
            info.external_attr = attributes
        return info, content

    path = rewrite(good_bundle, tmp_path / "b.zip", entry=kind)
    if reason is None:
        verify_bundle(path)
    else:
        assert refused(path) == whole(f"รายการ «readme.txt» {reason}")


def only(target: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return target


def test_files_that_are_no_bundle_word_for_word(good_bundle: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "b.zip"
    garbage.write_bytes(b"PK not a zip file")
    assert refused(garbage) == whole("ไฟล์ไม่สมบูรณ์หรือไม่ใช่ไฟล์ .zip (อาจถอดแฟลชไดรฟ์ก่อนเขียนเสร็จ)")
    assert refused(tmp_path / "none.zip") == whole("ไม่พบไฟล์", "none.zip")
    (tmp_path / "folder.zip").mkdir()
    assert refused(tmp_path / "folder.zip") == whole("เป็นโฟลเดอร์ ไม่ใช่ไฟล์ .zip", "folder.zip")
    no_manifest = only(tmp_path / "b.zip", {"data.json": b"{}"})
    assert refused(no_manifest) == whole(
        "ไม่มีไฟล์ manifest.json (ไม่ใช่ชุดข้อมูลของ ITADesk หรือไฟล์ไม่สมบูรณ์)"
    )
    broken = only(tmp_path / "b.zip", {"manifest.json": b"{"})
    assert refused(broken) == whole("ไฟล์ manifest.json เสียหาย")


def test_the_same_entry_twice(good_bundle: Path, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = rewrite(good_bundle, tmp_path / "b.zip", extra=[("readme.txt", b"x")])
    assert refused(twice) == whole("รายการ «readme.txt» ซ้ำกัน")

    def listed_twice(m: Manifest) -> None:
        m["entries"].append(next(e for e in m["entries"] if e["path"] == "readme.txt"))

    path = rewrite(good_bundle, tmp_path / "c.zip", manifest=listed_twice)
    assert refused(path) == whole("manifest.json ระบุรายการซ้ำกัน", "c.zip")


def test_without_data_json(good_bundle: Path, tmp_path: Path) -> None:
    path = rewrite(
        good_bundle,
        tmp_path / "b.zip",
        manifest=lambda m: m.update(entries=[e for e in m["entries"] if e["path"] != "data.json"]),
        entry=lambda i, c: None if i.filename == "data.json" else (i, c),
    )
    assert refused(path) == whole("ไม่มีไฟล์ data.json")


def test_evidence_folder_named_by_another_checksum(good_bundle: Path, tmp_path: Path) -> None:
    def other(m: Manifest) -> None:
        item = next(e for e in m["entries"] if e["path"].startswith("files/"))
        item["sha256"] = "f" * 64
        other.path = item["path"]

    path = rewrite(good_bundle, tmp_path / "b.zip", manifest=other)
    assert refused(path) == whole(f"ชื่อโฟลเดอร์ของ «{other.path}» ไม่ตรงกับ checksum")


def test_a_newer_format_names_the_app_that_wrote_it(good_bundle: Path, tmp_path: Path) -> None:
    newer = bundle_format.FORMAT_VERSION + 1
    path = rewrite(
        good_bundle,
        tmp_path / "b.zip",
        manifest=lambda m: m.update(format_version=newer, app_version="9.9.1"),
    )
    assert refused(path) == bundle_format.newer_format(newer, "9.9.1")
    assert "โปรดติดตั้ง ITADesk รุ่น 9.9.1 ขึ้นไปก่อนนำเข้า" in refused(path)


def test_damaged_content_word_for_word(good_bundle: Path, tmp_path: Path) -> None:
    """A byte of readme.txt's data changed: its CRC no longer matches."""
    path = damaged(good_bundle, tmp_path / "b.zip", "readme.txt")
    assert refused(path) == whole("เนื้อหาของ «readme.txt» เสียหาย (อ่านไม่ครบหรือ CRC ไม่ตรง)")


PHOTO = "files/27783e87963a/ภาพกิจกรรม.jpg"  # stored, not deflated, in the good bundle
REPORT = "files/da362735d012/รายงาน_ สรุป_.txt"  # deflated, read after the photo


def damaged(source: Path, target: Path, *names: str) -> Path:
    """A copy of ``source`` with one byte of each named entry's data changed."""
    raw = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        for name in names:
            at = archive.getinfo(name).header_offset
            skip = int.from_bytes(raw[at + 26 : at + 28], "little")
            skip += int.from_bytes(raw[at + 28 : at + 30], "little")
            raw[at + 30 + skip + 5] ^= 0x01
    target.write_bytes(bytes(raw))
    return target


def place(path: Path, name: str) -> tuple[int, int, int, int]:
    """Where the central directory says an entry is, as the export's read-back notes it."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    return info.header_offset, info.compress_size, info.CRC, info.flag_bits


def test_entries_just_read_back_are_not_read_again(good_bundle: Path, tmp_path: Path) -> None:
    """``checked``: a stored entry the export has just read back, at the same place, is
    trusted; a deflated one, one elsewhere, and every entry after it are still read."""
    photo = damaged(good_bundle, tmp_path / "b.zip", PHOTO)
    said = whole(f"เนื้อหาของ «{PHOTO}» เสียหาย (อ่านไม่ครบหรือ CRC ไม่ตรง)")
    assert refused(photo) == said
    verify_bundle(photo, checked={PHOTO: place(photo, PHOTO)})
    moved = (*place(photo, PHOTO)[:2], 0, 0)
    with pytest.raises(InvalidBundle, match="เสียหาย"):
        verify_bundle(photo, checked={PHOTO: moved})
    both = damaged(good_bundle, tmp_path / "c.zip", PHOTO, REPORT)
    with pytest.raises(InvalidBundle) as caught:
        verify_bundle(both, checked={PHOTO: place(both, PHOTO)})
    assert str(caught.value) == whole(
        f"เนื้อหาของ «{REPORT}» เสียหาย (อ่านไม่ครบหรือ CRC ไม่ตรง)", "c.zip"
    )
    readme = damaged(good_bundle, tmp_path / "d.zip", "readme.txt")
    with pytest.raises(InvalidBundle, match=r"«readme\.txt» เสียหาย"):
        verify_bundle(readme, checked={"readme.txt": place(readme, "readme.txt")})


def test_progress_counts_every_byte_checked(good_bundle: Path) -> None:
    seen: list[bundle_format.Progress] = []
    verify_bundle(good_bundle, progress=seen.append)
    with zipfile.ZipFile(good_bundle) as archive:
        listed = sum(i.file_size for i in archive.infolist() if i.filename != "manifest.json")
    assert (seen[0].done, seen[0].total, seen[0].text) == (0, listed, "กำลังตรวจสอบชุดข้อมูล")
    assert (seen[-1].done, seen[-1].total) == (listed, listed)
    assert [p.done for p in seen] == sorted(p.done for p in seen)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("../evil.txt", "../evil.txt"), ("/" + "ก" * 100, "/" + "ก" * 79)],
)
def test_entry_names_that_escape(good_bundle: Path, tmp_path: Path, name: str, shown: str) -> None:
    reason = bundle_format.check_entry_name(name)
    assert reason
    path = rewrite(good_bundle, tmp_path / "b.zip", extra=[(name, b"x")])
    assert refused(path) == whole(f"รายการ «{shown}» {reason}")


def test_entry_size_at_its_limit(good_bundle: Path, tmp_path: Path, monkeypatch) -> None:
    with zipfile.ZipFile(good_bundle) as archive:
        size = archive.getinfo("readme.txt").file_size
    limits = {"readme.txt": size}
    monkeypatch.setattr(verify, "entry_limit", lambda name: limits.get(name, 1 << 30))
    verify_bundle(good_bundle)
    limits["readme.txt"] = size - 1
    assert refused(good_bundle) == whole(
        f"รายการ «readme.txt» ใหญ่เกินกำหนด ({bundle_format.megabytes(size)})", good_bundle.name
    )


class FailingDisk(io.FileIO):
    """The bundle file, whose read of readme.txt's data fails with ``code``."""

    def __init__(self, path: Path, code: int) -> None:
        super().__init__(path)
        with zipfile.ZipFile(path) as archive:
            self.at = archive.getinfo("readme.txt").header_offset + 30
        self.code = code

    def read(self, size: int = -1) -> bytes:
        start = self.tell()
        if start <= self.at and (size < 0 or self.at < start + size):
            raise OSError(self.code, os.strerror(self.code))
        return super().read(size)


def test_a_read_that_fails(good_bundle: Path) -> None:
    """EINVAL (zipfile seeking before the start: a damaged offset) is damage; any other error
    of the disk is said as such, not blamed on the bundle."""
    with pytest.raises(InvalidBundle) as caught:
        verify_bundle(good_bundle, opener=lambda p: FailingDisk(p, errno.EIO))
    assert str(caught.value).startswith("อ่านชุดข้อมูลไม่ได้: ")
    with pytest.raises(InvalidBundle) as caught:
        verify_bundle(good_bundle, opener=lambda p: FailingDisk(p, errno.EINVAL))
    said = whole("เนื้อหาของ «readme.txt» เสียหาย (อ่านไม่ครบหรือ CRC ไม่ตรง)", good_bundle.name)
    assert str(caught.value) == said


def test_an_entry_is_kept_in_memory_only_when_asked(good_bundle: Path) -> None:
    with zipfile.ZipFile(good_bundle) as archive:
        info = archive.getinfo("readme.txt")
        content = archive.read(info)
        assert verify.read_entry(archive, info, None) == (
            hashlib.sha256(content).hexdigest(),
            len(content),
            b"",
        )
        assert verify.read_entry(archive, info, None, keep=True)[2] == content


def office(**fields: Any) -> Callable[[Manifest], None]:
    return lambda m: m["office"].update(fields)


# each way a manifest can be incomplete (the last row: a name at the one-line limit passes)
INCOMPLETE = [
    lambda m: m.update(office=None),
    lambda m: m.update(office="เทศบาล"),
    office(uuid=7),
    office(name=None),
    office(name="ก" * (MAX_LINE_CHARS + 1)),
    lambda m: m.update(created_at=20240101),
    lambda m: m.update(created_at="yesterday"),
    lambda m: m.update(years=""),
    lambda m: m.update(years={}),
    lambda m: m.update(years=[2566, "2567"]),
    lambda m: m.update(entries={}),
]


@pytest.mark.parametrize("edit", INCOMPLETE)
def test_an_incomplete_manifest_word_for_word(good_bundle: Path, tmp_path: Path, edit) -> None:
    path = rewrite(good_bundle, tmp_path / "b.zip", manifest=edit)
    assert refused(path) == whole("ไฟล์ manifest.json ไม่ครบถ้วน")


def test_an_office_name_at_the_one_line_limit(good_bundle: Path, tmp_path: Path) -> None:
    name = "ก" * MAX_LINE_CHARS
    path = rewrite(good_bundle, tmp_path / "b.zip", manifest=office(name=name))
    assert verify_bundle(path).office_name == name


def test_a_cancelled_check_says_so(good_bundle: Path) -> None:
    with pytest.raises(bundle_format.BundleCancelled) as caught:
        verify_bundle(good_bundle, cancel=lambda: True)
    assert str(caught.value) == "ยกเลิกการตรวจสอบชุดข้อมูลแล้ว"


def test_newer_data_names_the_app_that_wrote_it(good_bundle: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good_bundle) as old:
        manifest = json.loads(old.read("manifest.json"))
        document = json.loads(old.read("data.json"))
        document["format_version"] = 99
        data = json.dumps(document).encode()
        manifest["app_version"] = "9.9.1"
        for item in manifest["entries"]:
            if item["path"] == "data.json":
                item.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        path = tmp_path / "b.zip"
        with zipfile.ZipFile(path, "w") as new:
            for info in old.infolist():
                if info.filename != "manifest.json":
                    new.writestr(info, data if info.filename == "data.json" else old.read(info))
            new.writestr("manifest.json", json.dumps(manifest))
    assert refused(path) == bundle_format.newer_format(99, "9.9.1")


def test_evidence_nothing_refers_to_at_both_limits(
    good_bundle: Path, tmp_path: Path, monkeypatch
) -> None:
    from tests.bundle.test_hardening import stray, with_entries

    monkeypatch.setattr(verify, "MAX_UNREFERENCED_FILES", 0)
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_BYTES", 0)
    verify_bundle(good_bundle)  # every evidence file referred to: none is stray
    one = with_entries(good_bundle, tmp_path / "b.zip", stray(b"12345"))
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_FILES", 1)
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_BYTES", 5)
    verify_bundle(one)  # at both limits
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_FILES", 0)
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_BYTES", 1000)
    megabytes = bundle_format.megabytes
    assert refused(one) == whole(
        f"มีไฟล์หลักฐานที่ไม่มีรายการใดอ้างถึง ๑ ไฟล์ ({megabytes(5)}) เกินที่รับได้ (๐ ไฟล์ หรือ {megabytes(1000)})"
    )
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_FILES", 1)
    monkeypatch.setattr(verify, "MAX_UNREFERENCED_BYTES", 4)
    assert "ไม่มีรายการใดอ้างถึง ๑ ไฟล์" in refused(one)
