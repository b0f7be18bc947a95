"""Timed builds of a copy of the site, and the configuration variants the benchmark compares."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HOOKS_BLOCK = re.compile(r"^hooks:[ \t]*\n(?:(?:[ \t]+\S.*|[ \t]*)\n)*", re.M)
# A page holding Material's own listing of every tag, which it offers where no hook makes topic pages.
MATERIAL_TAGS_PAGE = "---\ntitle: Topics\n---\n\n# Topics\n\n<!-- material/tags -->\n"


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class Build:
    seconds: float  # wall-clock time of the whole `mkdocs build` process
    cpu_seconds: float  # its user and system time: less disturbed by other work on the machine
    peak_kib: int  # the process's peak resident memory
    pages: int  # HTML files written
    output_bytes: int

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


def with_hooks(config_text: str, hooks: list[str]) -> str:
    """mkdocs.yml text with its `hooks:` list replaced by `hooks` (none: the block is removed)."""
    replacement = "hooks:\n" + "".join(f"  - {hook}\n" for hook in hooks) + "\n" if hooks else ""
    if not HOOKS_BLOCK.search(config_text):
        raise ValueError("mkdocs.yml has no 'hooks:' list")
    return HOOKS_BLOCK.sub(lambda _: replacement, config_text, count=1)


def set_hooks(project: Path, hooks: list[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(with_hooks(config.read_text(encoding="utf-8"), hooks), encoding="utf-8")


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def build(project: Path, site_dir: Path, **environment: str) -> Build:
    """Build `project` into `site_dir` (non-strict: variants without hooks leave links dangling)."""
    env = {name: value for name, value in os.environ.items() if name not in ("BUILD_PDF", "OFFLINE")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH="hooks", **environment)
    shutil.rmtree(site_dir, ignore_errors=True)
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
                                   cwd=project, env=env, stdout=log, stderr=log)
        # wait4 gives this child's own resource use; getrusage(RUSAGE_CHILDREN) would mix all children.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise BuildFailed(f"building {project} failed:\n{log.read().decode(errors='replace')[-3000:]}")
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, pages, folder_bytes(site_dir))
