"""Progress on standard error: one line per step with its time; silent when asked."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        started = time.perf_counter()
        if self.enabled:
            self.stream.write(f"  {label} …")
            self.stream.flush()
        try:
            yield
        except BaseException:
            if self.enabled:
                self.stream.write(" failed\n")
            raise
        elapsed = time.perf_counter() - started
        self.timings[label] = elapsed
        if self.enabled:
            self.stream.write(f" done ({elapsed:.2f} s)\n")
            self.stream.flush()
