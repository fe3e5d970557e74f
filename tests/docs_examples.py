"""Run the commands the docs show and compare what they print with what the docs say they print.

Every ```console block of README.md and docs/*.md is a list of ``$ command`` lines, each followed by its output.
A page runs as one session, in order, in a scratch folder that sees the repository's ``seeds/``, ``tests/`` and
``bench/`` and ``../shared``, with ``KG_STORE`` a fresh store holding the seed article. ``kg`` commands run in
this process (the spaCy model loads once); the rest of a pipeline (``| jq …``, ``| head``), ``curl`` and
``python`` run in bash. ``curl`` talks to a real ``kg serve --update-token s3cret --query-timeout 5`` on the
page's store, started at the first ``curl`` (and stopped before a ``kg`` command that writes), at the address
the docs use (``http://127.0.0.1:8000``) rewritten to a free port.

A shown output passes when each of its lines (durations and rates masked) is among the lines printed; a line
``…`` marks a cut. A command fails only where the docs show an ``Error:``. Commands that cannot run in a test
(``make``, the benchmarks, ``kg serve`` itself) are listed by :data:`NOT_RUN`.

``python -m tests.docs_examples [FILE …]`` rewrites the shown outputs with what the commands print now.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DOCS_URL = "http://127.0.0.1:8000"
TOKEN = "s3cret"
CUT = "…"
# (prefix, why it is not run here)
NOT_RUN = {
    "make ": "installs, builds or serves for minutes; `make test` is this run and CI runs `make docs`",
    ".venv/bin/python bench/": "a benchmark: minutes of a quiet machine; its figures are dated measurements",
    "python bench/": "a benchmark: minutes of a quiet machine; its figures are dated measurements",
    "kg serve": "the server the curl examples talk to is started by the test itself",
    ". .venv/bin/activate": "changes the shell, which the test does not have",
    "kg ingest ~/": "stands for your own folder",
}
WRITES = ("ingest", "load", "delete", "correct")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
_MASK = [(re.compile(r"in \d[\d.,]*s \(\d[\d,]* words/s\)"), "in _s (_ words/s)")]


@dataclass
class Command:
    page: Path
    line: int  # 1-based, of the `$ ` line
    text: str
    shown: list[str]
    span: tuple[int, int]  # of the shown output in the page text

    @property
    def skipped(self) -> str | None:
        return next((why for prefix, why in NOT_RUN.items() if self.text.startswith(prefix)), None)

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}: $ {self.text.splitlines()[0]}"


def commands(page: Path) -> list[Command]:
    """The ``$`` commands of a page's console blocks, with their shown outputs."""
    text = page.read_text(encoding="utf-8")
    found = []
    for block in _BLOCK.finditer(text):
        body, offset = block.group(1), block.start(1)
        lines = body.splitlines(keepends=True)
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                raise ValueError(f"{page}:{text.count(chr(10), 0, offset) + 1}: output without a command")
            start = offset + sum(map(len, lines[:i]))
            cmd = lines[i][2:]
            i += 1
            while not _complete(cmd):  # a quoted argument over several lines
                cmd += lines[i]
                i += 1
            out_start = offset + sum(map(len, lines[:i]))
            j = i
            while j < len(lines) and not lines[j].startswith("$ "):
                j += 1
            shown = [ln.rstrip("\n") for ln in lines[i:j]]
            out_end = offset + sum(map(len, lines[:j]))
            found.append(Command(page, text.count("\n", 0, start) + 1, cmd.rstrip("\n"), shown, (out_start, out_end)))
            i = j
    return found


def _complete(cmd: str) -> bool:
    try:
        shlex.split(cmd.replace("$'", "'"))
        return True
    except ValueError:
        return False


def _split(cmd: str, sep: str) -> list[str]:
    """``cmd`` split at ``sep`` outside quotes."""
    parts, quote, current, i = [], None, "", 0
    while i < len(cmd):
        ch = cmd[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif cmd.startswith(sep, i):
            parts.append(current.strip())
            current, i = "", i + len(sep)
            continue
        current += ch
        i += 1
    return [*parts, current.strip()]


def mask(line: str) -> str:
    for pattern, replacement in _MASK:
        line = pattern.sub(replacement, line)
    return line.rstrip()


@dataclass
class Session:
    """One page's run: a scratch folder, a store, a kg serve when curl needs one."""

    folder: Path
    seed_store: Path
    env: dict = field(default_factory=dict)
    server: object = None
    base: str = DOCS_URL

    def __post_init__(self):
        self.work = self.folder / "work"
        self.work.mkdir(parents=True)
        for name in ("seeds", "tests", "bench"):
            (self.work / name).symlink_to(ROOT / name)
        if SHARED.is_dir():
            (self.folder / "shared").symlink_to(SHARED)
        self.store = self.folder / "store"
        shutil.copytree(self.seed_store, self.store)
        self.env = {**os.environ, "KG_STORE": str(self.store), "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}

    def run(self, cmd: str) -> tuple[int, str]:
        """Exit code and printed text (standard output and error) of one shown command."""
        code, out = 0, ""
        for part in _split(cmd, "&&"):
            code, printed = self._run_one(part)
            out += printed
            if code:
                break
        return code, out

    def _run_one(self, cmd: str) -> tuple[int, str]:
        stages = _split(cmd, "|")
        first = stages[0]
        if first.startswith("kg "):
            code, text = self._kg(first)
            if len(stages) == 1:
                return code, text
            rest = " | ".join(stages[1:])
            done = subprocess.run(["bash", "-c", rest], input=text, capture_output=True, text=True,
                                  cwd=self.work, env=self.env)
            return done.returncode, done.stdout + done.stderr
        if first.startswith("curl "):
            self._serve()
            cmd = cmd.replace(DOCS_URL, self.base)
        done = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=self.work, env=self.env,
                              timeout=300)
        return done.returncode, (done.stdout + done.stderr).replace(self.base, DOCS_URL)

    def _kg(self, cmd: str) -> tuple[int, str]:
        from typer.testing import CliRunner

        from kg.cli import app

        argv = shlex.split(cmd)[1:]
        target = None
        if ">" in argv:
            at = argv.index(">")
            argv, target = argv[:at], argv[at + 1]
        if any(a in WRITES for a in argv[:3]):
            self.stop()
        here = os.getcwd()
        os.chdir(self.work)
        try:
            result = CliRunner().invoke(app, argv, env={"KG_STORE": str(self.store)})
        finally:
            os.chdir(here)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if target:
            (self.work / target).write_text(result.stdout)
            return result.exit_code, result.stderr
        return result.exit_code, result.output

    def _serve(self) -> None:
        if self.server is not None:
            return
        from .serve_process import kg_serve

        self.server = kg_serve(self.store, "--update-token", TOKEN, "--query-timeout", "5",
                               env={"KG_QUERY_WORKERS": "2"})
        _, self.base = self.server.__enter__()

    def stop(self) -> None:
        if self.server is not None:
            self.server.__exit__(None, None, None)
            self.server, self.base = None, DOCS_URL


def problem(command: Command, code: int, printed: str) -> str | None:
    """What is wrong with a command's run, or None."""
    shown = [mask(s) for s in command.shown if s.strip() != CUT]
    lines = {mask(p) for p in printed.splitlines()}
    missing = [s for s in shown if s not in lines]
    expects_error = any(s.startswith("Error:") for s in command.shown)
    if code and not expects_error:
        return f"{command} exited with {code}:\n{printed}"
    if missing:
        return (f"{command} printed other lines than the docs show (refresh: python -m tests.docs_examples "
                f"{command.page.relative_to(ROOT)}); not printed:\n" + "\n".join(missing) + "\nprinted:\n" + printed)
    return None


def seed_store(folder: Path) -> Path:
    """An on-disk store holding the seed article, made once and copied for each page."""
    from kg.ingest import ingest_paths
    from kg.store import open_store

    path = folder / "seed-store"
    here = os.getcwd()
    os.chdir(ROOT)  # ingest `seeds/` as `make serve` does: sources read seeds/…, not this checkout's path
    try:
        with open_store(path) as store:
            ingest_paths(["seeds/"], store)
    finally:
        os.chdir(here)
    return path


def refreshed(page: Path, folder: Path, seed: Path) -> str:
    """The page's text with each run command's shown output replaced by what it prints now."""
    text = page.read_text(encoding="utf-8")
    session = Session(folder, seed)
    outputs = []
    try:
        for command in commands(page):
            if command.skipped:
                continue
            _, printed = session.run(command.text)
            lines = printed.splitlines()
            if CUT in [s.strip() for s in command.shown]:
                keep = [s.strip() for s in command.shown].index(CUT)
                lines = lines[:keep] + [CUT]
            outputs.append((command.span, "".join(f"{ln.rstrip()}\n" for ln in lines)))
    finally:
        session.stop()
    for (a, b), out in reversed(outputs):
        text = text[:a] + out + text[b:]
    return text


def main(argv: list[str]) -> None:
    import tempfile

    pages = [Path(a).resolve() for a in argv] or PAGES
    with tempfile.TemporaryDirectory() as tmp:
        seed = seed_store(Path(tmp))
        for n, page in enumerate(pages):
            page.write_text(refreshed(page, Path(tmp) / f"page{n}", seed), encoding="utf-8")
            print(f"refreshed {page.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
