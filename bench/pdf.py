"""The PDF's cost: build time and size with the whole-site PDF next to the plain build, on the site as
written and on a copy with ten times the directory entries. `python -m bench.pdf` prints the table;
`pdf_rows()` gives the rows to a larger report.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from bench.builds import build
from bench.report import table
from bench.synthetic import copy_project, make_synthetic_site

ROOT = Path(__file__).resolve().parent.parent
BOOK = Path("downloads/healing-in-connection.pdf")
ENTRY_FACTOR = 10
HEADER = ["Site", "Site build (s)", "Build with PDFs (s)", "PDFs add (s)", "PDF pages", "PDF size (MB)"]


def pdf_pages(pdf: Path) -> str:
    """Pages of a PDF, as poppler's pdfinfo reads them ('?' without poppler-utils)."""
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)


def measure(label: str, project: Path, work: Path) -> list[str]:
    plain = build(project, work / "plain")
    with_pdf = build(project, work / "pdf", BUILD_PDF="1")
    book = work / "pdf" / BOOK
    return [label, f"{plain.seconds:.1f}", f"{with_pdf.seconds:.1f}", f"{with_pdf.seconds - plain.seconds:.1f}",
            pdf_pages(book), f"{book.stat().st_size / 1e6:.2f}"]


def pdf_rows() -> list[list[str]]:
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as temporary:
        work = Path(temporary)
        real = copy_project(ROOT, work / "real")
        scaled = make_synthetic_site(ROOT, work / "scaled", entry_factor=ENTRY_FACTOR, tag_factor=1)
        return [measure("as written", real, work), measure(f"{ENTRY_FACTOR}x entries", scaled, work)]


if __name__ == "__main__":
    print(table(HEADER, pdf_rows()))
