"""Where the files come from: folders and files on disk, or a zip archive.

Both give the same thing, a `Files`: every file's name, the names beside each
one, and a way to read one file's bytes when it is needed (never all at once,
so 500 videos take the memory of one).
"""

import os
import posixpath
import zipfile
from pathlib import Path

from . import messages as msg
from .reading import VideoError, is_info_file

# A caption file or an info.json is at most a few MB; 50 MB is no such file.
LARGEST_FILE = 50 * 1024 * 1024
# A zip may hold at most this much once unpacked (a "zip bomb" is refused
# before anything is read) and at most this many files.
LARGEST_UNPACKED = 2 * 1024 * 1024 * 1024
MOST_FILES = 50_000


def megabytes(size):
    return f"{size / 2**20:.1f} MB"


class Files:
    """name -> bytes on demand; `folders` maps a folder to the names in it."""

    def __init__(self):
        self.folders = {}  # folder -> set of names
        self.targets = []  # info.json names to import, in order

    def add(self, name, target=False):
        folder = posixpath.dirname(name) if "/" in name else os.path.dirname(name)
        self.folders.setdefault(folder, set()).add(name)
        if target and is_info_file(name):
            self.targets.append(name)

    def siblings(self, name):
        folder = posixpath.dirname(name) if "/" in name else os.path.dirname(name)
        return self.folders.get(folder, set())

    def read(self, name):
        raise NotImplementedError


class DiskFiles(Files):
    """Files and folders named on the command line (folders: every info.json
    in them and below, in name order)."""

    def __init__(self, paths):
        super().__init__()
        self.missing = []  # (path, reason)
        for given in paths:
            path = Path(given)
            if path.is_dir():
                for folder, _dirs, names in sorted(os.walk(path)):
                    for name in sorted(names):
                        self.add(os.path.join(folder, name), target=True)
            elif path.is_file():
                for sibling in path.parent.iterdir():
                    if sibling.is_file():
                        self.add(str(path.parent / sibling.name))
                self.add(str(path.parent / path.name), target=True)
                if not is_info_file(path.name):
                    self.missing.append((given, "not-info"))
            else:
                self.missing.append((given, "missing"))
        seen = set()
        self.targets = [t for t in self.targets if not (t in seen or seen.add(t))]

    def read(self, name):
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > LARGEST_FILE:
                raise VideoError(name, msg.FILE_TOO_LARGE, size=megabytes(size),
                                 limit=megabytes(LARGEST_FILE))  # fmt: skip
            return path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise VideoError(name, msg.UNREADABLE, reason=reason) from None


class ZipTooLarge(ValueError):
    pass


class ZipFiles(Files):
    """The files of a zip archive (folders inside it are kept apart)."""

    def __init__(self, archive):
        super().__init__()
        self.zip = zipfile.ZipFile(archive)
        members = [
            info
            for info in self.zip.infolist()
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
        if len(members) > MOST_FILES:
            raise ZipTooLarge(len(members))
        if sum(info.file_size for info in members) > LARGEST_UNPACKED:
            raise ZipTooLarge(sum(info.file_size for info in members))
        self.sizes = {}
        for info in sorted(members, key=lambda i: i.filename):
            self.sizes[info.filename] = info.file_size
            self.add(info.filename, target=True)

    def read(self, name):
        if self.sizes[name] > LARGEST_FILE:
            raise VideoError(name, msg.FILE_TOO_LARGE, size=megabytes(self.sizes[name]),
                             limit=megabytes(LARGEST_FILE))  # fmt: skip
        try:
            with self.zip.open(name) as member:
                data = member.read(LARGEST_FILE + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
            raise VideoError(name, msg.UNREADABLE, reason=str(error)) from None
        if len(data) > LARGEST_FILE:  # the header lied about the size
            raise VideoError(name, msg.FILE_TOO_LARGE, size=megabytes(len(data)),
                             limit=megabytes(LARGEST_FILE))  # fmt: skip
        return data

    def close(self):
        self.zip.close()
