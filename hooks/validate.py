"""Before anything is built, run the same content checks as `make check` and stop on any problem."""

from __future__ import annotations

from pathlib import Path

from content.check import check_site
from content.problems import format_problems
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_pre_build(*, config: MkDocsConfig) -> None:
    problems = check_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    if problems:
        raise PluginError(format_problems(problems))
