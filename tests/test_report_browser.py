"""The HTML report in a real browser: headless Chromium loads it at 1280 and 400 px, prints it, takes screenshots.

Marked ``browser``: skipped where Chromium is not installed (``apt-get install
chromium``), unless VARDMEDEL_REQUIRE_TOOLS=1 (set by ``.ci/run``) makes its
absence a failure. Screenshots and the printed PDF go to pytest's temporary
folder, or to VARDMEDEL_SCREENSHOTS when that names a folder.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from chromium import Browser, executable
from conftest import require_tool
from report_html import compare_with_csv

pytestmark = pytest.mark.browser

CHROMIUM = executable()
WIDTHS = (1280, 400)
#: What a visible chart is in the page: laid out, not hidden, inside the window's width.
CHARTS = """
[...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect(), style = getComputedStyle(svg);
  return {id: svg.id, width: box.width, height: box.height, left: box.left, right: box.right,
          shown: style.display !== 'none' && style.visibility === 'visible' && style.opacity !== '0',
          label: svg.getAttribute('role') === 'img' && svg.querySelector('title').textContent.length > 0};
})
"""
#: The allocation table as a person reads it: [id, name, cells…] per recipient, and the CSV key of each column.
TABLE = """
({headers: [...document.querySelectorAll('#allocation-table thead th[data-key]')].map(th => th.dataset.key),
  rows: [...document.querySelectorAll('#allocation-table tbody tr[data-recipient]')]
        .map(tr => [...tr.cells].map(cell => cell.innerText.trim()))})
"""
#: Tables printed on A4 must not be wider than the paper: the captions of tables wider than the body.
PRINT_OVERFLOW = """
[...document.querySelectorAll('%s')].filter(t => t.getClientRects().length)
  .filter(t => t.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1)
  .map(t => t.querySelector('caption').textContent)
"""
#: CSS pixels across A4 inside the print margins of 12 mm a side: portrait 186 mm, landscape 273 mm.
PORTRAIT, LANDSCAPE = 703, 1032


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    require_tool(CHROMIUM, "Chromium", "apt-get install chromium")
    started = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium"))
    yield started
    started.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The 2022 report and the 2019-2022 report, each with the CSV of the same numbers."""
    from typer.testing import CliRunner

    from vardmedel.cli import app

    folder = tmp_path_factory.mktemp("reports")
    runner = CliRunner()
    made = {}
    for name, args in {"2022": ["2022"], "years": ["--years", "2019-2022"]}.items():
        target = folder / f"{name}.html"
        assert runner.invoke(app, ["report", *args, "-o", str(target)], catch_exceptions=False).exit_code == 0
        csv_text = runner.invoke(app, ["allocate", *args, "--format", "csv"], catch_exceptions=False).stdout
        made[name] = (target, csv_text)
    return made


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    wanted = os.environ.get("VARDMEDEL_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screenshots")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["2022", "years"])
def test_the_report_renders_cleanly_with_every_chart_visible(browser, reports, shots, name, width):
    path, csv_text = reports[name]
    url = path.as_uri()
    page = browser.page(url, width)
    try:
        assert page.errors() == []
        assert page.requests() == [url]  # the page itself and nothing else
        charts = page.evaluate(CHARTS)
        expected = 3 + (31 if name == "years" else 0)
        assert len(charts) == expected
        for chart in charts:
            assert chart["shown"] and chart["label"], chart
            assert chart["width"] > 100 and chart["height"] > 50, chart
            assert chart["left"] >= 0 and chart["right"] <= width, chart  # inside the window, not cut
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
        table = page.evaluate(TABLE)
        compared = compare_with_csv(table["headers"], table["rows"], csv_text)
        assert compared == 31 * len(table["headers"])
        shot = page.screenshot(shots / f"report-{name}-{width}.png")
        shot_width, shot_height = png_size(shot)
        assert shot_width == width and shot_height > 2000
    finally:
        page.close()


def test_the_report_prints_on_a4_without_cut_tables(browser, reports, shots):
    path, _ = reports["2022"]
    page = browser.page(path.as_uri(), 1280)
    try:
        browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
        for width, tables in ((PORTRAIT, "table:not(#allocation-table)"), (LANDSCAPE, "#allocation-table")):
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
                session=page.session,
            )
            assert page.evaluate(PRINT_OVERFLOW % tables) == [], width
        assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
        printed = page.pdf(shots / "report-2022.pdf")
    finally:
        page.close()
    assert printed.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):  # poppler-utils
        info = subprocess.run(["pdfinfo", "-l", "99", str(printed)], capture_output=True, text=True, check=True).stdout
        sizes = [
            line.split("size:")[1].strip() for line in info.splitlines() if line.startswith("Page ") and "size:" in line
        ]
        assert sizes and all(size.endswith("(A4)") for size in sizes), sizes
        assert any(_landscape(size) for size in sizes) and not _landscape(sizes[0])  # the table on landscape pages
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True).stdout
        text = text.replace("\u00a0", " ")
        assert "384 000 000" in text
        dalarna = next(line for line in text.splitlines() if "Region Dalarna" in line)
        assert "3 104 294*" in dalarna and dalarna.rstrip().endswith("10,77")  # the whole row, on one line


def _landscape(size: str) -> bool:
    width, _, height = size.split()[:3]
    return float(width) > float(height)
