"""Decoding uploaded pictures strictly, whatever another library set for the whole process.

WeasyPrint sets Pillow's `ImageFile.LOAD_TRUNCATED_IMAGES` when it is imported (so that a PDF
draws what it can of a broken picture). Once any PDF has been made in a process, a truncated
upload would then decode as a half-grey photo and be accepted. Uploads are decoded inside
`strict_decoding()`, which refuses truncated data for that moment and restores the setting after.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import ImageFile

_lock = threading.Lock()


@contextmanager
def strict_decoding() -> Iterator[None]:
    with _lock:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before
