"""A progress bar for commands: written to stderr, so --json output on stdout stays clean."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    def __init__(self, stream=None, *, label: str = "", width: int = 30):
        self.stream = stream or sys.stderr
        self.label = label
        self.width = width
        self.started = time.perf_counter()
        self.last = 0.0
        self.shown = False
        self.interactive = hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, done: int, total: int) -> None:
        now = time.perf_counter()
        # Redraw at most 10 times a second on a terminal, every 5 s in a log file.
        if done < total and now - self.last < (0.1 if self.interactive else 5.0):
            return
        self.last = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done}/{total} {fraction * 100:5.1f}% {now - self.started:6.1f}s"
        )
        self._write(("\r" if self.interactive else "") + line + ("" if self.interactive else "\n"))
        self.shown = True

    def _write(self, text: str) -> None:
        if hasattr(self.stream, "style_func"):  # Django's OutputWrapper adds its own line ending
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()

    def finish(self) -> None:
        if self.shown and self.interactive:
            self._write("\n")
