"""The review page at / in a real browser (Playwright driving Debian's chromium): loads without console errors,
translates with highlighted names, shows an entry on click, looks up, checks, and reads on a narrow screen."""

from __future__ import annotations

import os
import shutil

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright")

from serving import serving  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
TEXT = "俄總統普丁在阿斯塔纳会见托卡耶夫。\n\n哈萨克斯坦总统托卡耶夫表示欢迎。"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download is not reachable here: the system's chromium is used.
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="module")
def server(test_model, glossary):
    with serving(test_model.path, glossary) as running:
        yield running.url


@pytest.fixture()
def errors(page):
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def test_translate_highlight_entry_lookup_and_check(server, page, errors, tmp_path):
    page.goto(server + "/")
    assert page.title() == "zhen — review"
    page.fill("#source", TEXT)
    page.click("#run")
    page.wait_for_selector("#rows .row")
    rows = page.locator("#rows .row")
    assert rows.count() == 2
    source_names = rows.nth(0).locator("[lang=zh] .term").all_inner_texts()
    assert {"普丁", "阿斯塔纳", "托卡耶夫"} <= set(source_names)
    english_names = rows.nth(0).locator("[lang=en] .term")
    assert english_names.count() >= 2
    classes = english_names.evaluate_all("nodes => nodes.map(n => n.className)")
    assert all(c.split()[1] in ("model", "forced") for c in classes if "check-only" not in c)
    page.screenshot(path=str(tmp_path / "review-page.png"), full_page=True)
    assert (tmp_path / "review-page.png").stat().st_size > 1000

    rows.nth(0).locator("[lang=zh] .term", has_text="普丁").click()
    page.wait_for_selector("#entry .hit")
    entry = page.inner_text("#entry")
    assert "普京 · Vladimir Putin" in entry and "Putin — preferred" in entry and "普丁" in entry

    page.fill("#lookup", "tuokayefu")
    page.press("#lookup", "Enter")
    page.wait_for_function("document.querySelector('#entry h2') && document.querySelector('#entry h2').textContent.startsWith('托卡耶夫')")

    page.click("#tab-check")
    assert page.is_hidden("#translate") and page.is_visible("#check")
    page.fill("#check-source", "普京会见托卡耶夫。")
    page.fill("#check-target", "Putin met the president.")
    page.click("#check-run")
    page.wait_for_selector("#findings .finding.error")
    assert "T101" in page.inner_text("#findings")
    assert errors == []


def test_the_page_reads_on_a_narrow_screen_and_with_the_keyboard(server, page, errors):
    page.set_viewport_size({"width": 380, "height": 800})
    page.goto(server + "/")
    page.fill("#source", TEXT)
    page.focus("#run")
    page.keyboard.press("Enter")
    page.wait_for_selector("#rows .row")
    columns = page.eval_on_selector("#rows .row", "row => getComputedStyle(row).gridTemplateColumns.split(' ').length")
    assert columns == 1
    page.locator("#rows .term").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#entry .hit")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    assert errors == []
