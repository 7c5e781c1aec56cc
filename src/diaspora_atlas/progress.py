"""Progress on standard error: one line per step with its time; silent when asked.

Steps may nest (a stage and its parts): the inner steps are indented under the outer one."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO


class Counter(Protocol):
    def update(self, n: int = 1) -> object: ...

    def set_postfix_str(self, text: str) -> object: ...


class _Silent:
    def update(self, n: int = 1) -> None:
        return None

    def set_postfix_str(self, text: str) -> None:
        return None


class Progress:
    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.timings: dict[str, float] = {}
        self._depth = 0
        self._line_open = False
        self._bar: Any = None  # the tqdm bar showing now, if any

    def _write(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text)
            self.stream.flush()

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        started = time.perf_counter()
        if self._line_open:  # an outer step's line: end it before the inner one starts
            self._write("\n")
        indent = "  " * (self._depth + 1)
        self._write(f"{indent}{label} …")
        self._line_open = True
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            self._close(indent, label, "failed")
            raise
        self._depth -= 1
        elapsed = time.perf_counter() - started
        self.timings[label] = elapsed
        self._close(indent, label, f"done ({elapsed:.2f} s)")

    def _close(self, indent: str, label: str, outcome: str) -> None:
        if self._line_open:
            self._write(f" {outcome}\n")
        else:
            self._write(f"{indent}{label}: {outcome}\n")
        self._line_open = False

    def note(self, label: str, text: str) -> None:
        """A line of its own: a step that did not need to run, or a warning (also from
        another thread while a progress bar is drawn: printed above the bar, not into it)."""
        bar = self._bar
        if bar is not None:
            if self.enabled:
                bar.write(f"{'  ' * (self._depth + 1)}{label}: {text}", file=self.stream)
            return
        if self._line_open:
            self._write("\n")
            self._line_open = False
        self._write(f"{'  ' * (self._depth + 1)}{label}: {text}\n")

    @contextmanager
    def counter(self, label: str, total: int, unit: str = "item") -> Iterator[Counter]:
        """A progress bar (tqdm) of ``total`` items on this stream; silent when disabled."""
        if not self.enabled or total <= 0:
            yield _Silent()
            return
        from tqdm import tqdm

        if self._line_open:
            self._write("\n")
            self._line_open = False
        indent = "  " * (self._depth + 1)
        with tqdm(
            total=total, desc=f"{indent}{label}", unit=unit, file=self.stream, leave=True
        ) as bar:
            self._bar = bar
            try:
                yield bar
            finally:
                self._bar = None
