"""Progress of a long ingest: a live bar on a terminal, plain periodic log lines otherwise.

Both report articles/s and words/s, and print each bad input (file, line,
reason) the moment it is met, on standard error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from .errors import InputError
from .ingest import IngestSummary, Reporter


def rates(summary: IngestSummary, elapsed: float) -> tuple[float, float]:
    """Articles/s and words/s of the articles ingested so far."""
    elapsed = max(elapsed, 1e-9)
    return summary.articles / elapsed, summary.words / elapsed


def status_line(summary: IngestSummary, elapsed: float) -> str:
    per_article, per_word = rates(summary, elapsed)
    return (
        f"{summary.articles} ingested, {summary.unchanged} unchanged, {summary.duplicates} duplicates, "
        f"{summary.failures} failed; {summary.words:,} words; "
        f"{per_article:.1f} articles/s, {per_word:,.0f} words/s; {elapsed:.0f}s"
    )


class LogReporter(Reporter):
    """One plain line every ``interval`` seconds (0 = after every article), for logs and pipes."""

    def __init__(self, out: TextIO | None = None, interval: float = 10.0):
        self.out = out or sys.stderr
        self.interval = interval
        self.started = self.last = time.perf_counter()

    def failure(self, error: InputError) -> None:
        print(f"Error: {error.source}: {error.reason}", file=self.out, flush=True)

    def update(self, summary: IngestSummary) -> None:
        now = time.perf_counter()
        if now - self.last >= self.interval:
            self.last = now
            print(f"ingest: {status_line(summary, now - self.started)}", file=self.out, flush=True)

    def close(self, summary: IngestSummary) -> None:
        pass  # the caller prints the summary


class BarReporter(Reporter):
    """A live rich progress bar on the terminal; with ``total=None`` (not known while streaming) a pulsing bar."""

    def __init__(self, total: int | None = None):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            BarColumn(),
            MofNCompleteColumn() if total is not None else TextColumn("{task.completed}"),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self.started = time.perf_counter()
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=total, status="loading the model ...")

    def failure(self, error: InputError) -> None:
        self.progress.console.print(f"Error: {error.source}: {error.reason}", markup=False, highlight=False)

    def update(self, summary: IngestSummary) -> None:
        per_article, per_word = rates(summary, time.perf_counter() - self.started)
        status = (
            f"{summary.articles} ingested  {summary.unchanged + summary.duplicates} skipped  "
            f"{summary.failures} failed  {per_article:.1f} articles/s  {per_word:,.0f} words/s"
        )
        self.progress.update(self.task, completed=summary.seen, status=status)

    def close(self, summary: IngestSummary) -> None:
        self.update(summary)
        self.progress.stop()


def reporter_for(
    out: TextIO | None = None, interval: float = 10.0, bar: bool | None = None, total: Callable[[], int | None] = None
) -> Reporter:
    """A progress bar when ``out`` (stderr) is a terminal, else log lines every ``interval`` seconds.

    ``total`` is called only for the bar: it counts the articles to come (None when unknown).
    """
    out = out or sys.stderr
    if bar is None:
        bar = out.isatty()
    return BarReporter(total() if total else None) if bar else LogReporter(out, interval)
