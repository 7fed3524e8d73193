"""The HTML explorer: generated from the package, self-contained, and working in a real headless
Chromium (Debian's `chromium`): the DOM its script builds and the pixels it paints are checked."""

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from pipeline import REPO_ROOT, explorer
from pipeline.publish import EXPLORER_FILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def page(built_package, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    path.write_text(explorer.render(built_package), encoding="utf-8")
    return path


def _chromium(tmp_path, *args):
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_explorer_is_up_to_date_and_self_contained():
    html = explorer.render(REPO_ROOT)
    assert (REPO_ROOT / EXPLORER_FILE).read_text(encoding="utf-8") == html, "docs/explorer.html is stale: run make"
    assert "http://" not in html.split("<script", 1)[0] and "<link" not in html and " src=" not in html


@needs_chromium
def test_search_and_deal_timeline_in_the_dom(page, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", f"{page.as_uri()}?tab=deals&q=s-400-sale&open=2")
    assert "4 deals" in dom
    assert "<h2>russia-turkey-s-400-sale</h2>" in dom
    assert dom.count('class="event"') >= 10  # the timeline rows
    assert "<mark>First deliveries of the system component parts were carried out this month" in dom


@needs_chromium
def test_statement_shown_inside_its_source_with_speaker(page, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", f"{page.as_uri()}?tab=statements&q=possession&open=0")
    assert "<h2>Alexei Podberezkin</h2>" in dom
    assert "<mark>The possession of such systems means, in fact, total political and military sovereignty.</mark>" in dom


@needs_chromium
def test_screenshot_shows_header_active_tab_and_highlights(page, tmp_path):
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, "--window-size=1200,800", f"--screenshot={shot}", f"{page.as_uri()}?tab=deals&q=hovercraft&open=0")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 800)
    pixels = image.load()
    assert pixels[5, 5] == (0x26, 0x32, 0x38)  # the dark header bar
    colours = {pixels[x, y] for x in range(0, 1200, 3) for y in range(60, 800, 3)}
    assert (0xff, 0xeb, 0x3b) in colours  # evidence highlighted in the source text
    header = {pixels[x, 25] for x in range(200, 700)}
    assert (0xff, 0x98, 0x00) in header  # the active tab
