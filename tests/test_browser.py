"""The Dagster UI as a person uses it, in a real browser: `dagster dev` (webserver and daemon) on
loopback, Debian's Chromium headless. Open the asset graph, launch the `main` job from the UI, wait for
the run to succeed on its page, then see the timeline asset's preview rows and the timeline picture.

Screenshots of every step go to build/screenshots/ (DATELINE_SCREENSHOTS names another folder).
Skipped when /usr/bin/chromium or /usr/bin/chromedriver is absent, unless DATELINE_REQUIRE_BROWSER=1
(CI sets it), where that is a failure."""
from __future__ import annotations

import json
import os
import re
import struct
import time
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.browser_support import chromium, dagster_dev, missing_browser, processes_marked

REPO_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = Path(os.environ.get("DATELINE_SCREENSHOTS") or REPO_ROOT / "build" / "screenshots")
RUN_SECONDS = 180
PAGE_SECONDS = 60
TERMINAL_STATUSES = ("Success", "Failure", "Canceled")


def _require_browser() -> None:
    reason = missing_browser()
    try:
        import selenium  # noqa: F401
    except ImportError:
        reason = reason or "selenium is not installed (pip install -e '.[test]')"
    if reason and os.environ.get("DATELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"DATELINE_REQUIRE_BROWSER=1 but {reason}")
    if reason:
        pytest.skip(reason)


def _assets_and_groups() -> tuple[list[str], list[str]]:
    """The names of the project's assets and of their groups, from its Dagster definitions."""
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    return (sorted(key.to_user_string() for key in keys),
            sorted({graph.get(key).group_name for key in keys}))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


class Page:
    """The browser on one Dagster webserver: load, wait, look, screenshot."""

    def __init__(self, driver, base_url: str, screenshots: Path):
        from selenium.webdriver.common.by import By

        self.driver, self.base_url, self.screenshots, self.by = driver, base_url, screenshots, By

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def shoot(self, name: str) -> Path:
        path = self.screenshots / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def text(self) -> str:
        return self.driver.find_element(self.by.TAG_NAME, "body").text

    def dismiss_welcome(self) -> None:
        """Dagster's first-visit dialog (newsletter sign-up) covers the page: skip it."""
        for button in self.driver.find_elements(
                self.by.XPATH, "//*[@role='dialog' or contains(@class,'dialog')]//button[normalize-space()='Skip']"):
            if button.is_displayed():
                button.click()

    def wait_for(self, what: str, found, seconds: float = PAGE_SECONDS):
        """Poll the page until `found()` returns something truthy; that value."""
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

        deadline = time.monotonic() + seconds
        while True:
            try:
                self.dismiss_welcome()
                value = found()
                if value:
                    return value
            except StaleElementReferenceException:
                pass  # the page re-rendered under us: look again
            except WebDriverException as error:
                if "stale element" not in str(error):
                    raise
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds} s for {what} on {self.driver.current_url}; "
                                     f"the page shows:\n{self.text()[:2000]}")
            time.sleep(0.5)

    def click(self, what: str, find) -> None:
        """Click the first element `find()` returns, again until no dialog (the welcome one appears
        late, over whatever is on the page) intercepts the click."""
        from selenium.common.exceptions import ElementClickInterceptedException

        def clicked() -> bool:
            elements = find()
            if not elements:
                return False
            try:
                elements[0].click()
            except ElementClickInterceptedException:
                return False
            return True

        self.wait_for(what, clicked)

    def buttons(self, label: str):
        return [b for b in self.driver.find_elements(self.by.TAG_NAME, "button")
                if b.is_displayed() and b.text.strip() == label]

    def exact_text(self, texts) -> list:
        condition = " or ".join(f"normalize-space(text())='{text}'" for text in texts)
        return [e for e in self.driver.find_elements(self.by.XPATH, f"//*[{condition}]") if e.is_displayed()]

    def tables_with_columns(self, columns) -> list[tuple[list[str], list[list[str]]]]:
        """(header, rows, table) of the tables (not those nested in them) whose header holds all of `columns` and that have rows."""
        tables = []
        for table in self.driver.find_elements(self.by.TAG_NAME, "table"):
            header = [cell.text.strip() for cell in table.find_elements(self.by.XPATH, "./thead/tr/th")]
            if not set(columns) <= set(header):
                continue
            rows = [[cell.text.strip() for cell in row.find_elements(self.by.XPATH, "./td")]
                    for row in table.find_elements(self.by.XPATH, "./tbody/tr")]
            if rows:
                tables.append((header, rows, table))
        return tables


def _run_status_by_graphql(base_url: str, run_id: str) -> str:
    """The run's status from the webserver's GraphQL API: a second opinion, not the test's way of waiting."""
    query = {"query": "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
             "variables": {"id": run_id}}
    request = urllib.request.Request(f"{base_url}/graphql", data=json.dumps(query).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]["runOrError"]["status"]


@pytest.mark.browser
def test_dagster_ui_launches_main_and_shows_the_timeline_in_chromium(tmp_path: Path):
    _require_browser()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    assets, groups = _assets_and_groups()
    assert {"timeline", "timeline_picture"} <= set(assets)

    with dagster_dev(REPO_ROOT, tmp_path) as (base_url, data, server_log), chromium(tmp_path) as driver:
        page = Page(driver, base_url, SCREENSHOTS)
        try:
            # 1. The asset graph, every group expanded (the graph's Alt+E), every asset on it.
            page.open("/asset-groups")
            page.wait_for("the asset groups", lambda: page.buttons("Materialize all"))
            def every_asset_shown() -> bool:
                return all(re.search(rf"(?m)^{re.escape(name)}$", page.text()) for name in assets)

            page.wait_for("the asset groups on the graph",
                          lambda: all(re.search(rf"(?m)^{re.escape(g)}$", page.text()) for g in groups))
            for attempt in range(4):  # groups collapsed: the graph's Alt+E expands them all
                if every_asset_shown():
                    break
                page.dismiss_welcome()  # a dialog would take the key press
                ActionChains(driver).key_down(Keys.ALT).send_keys("e").key_up(Keys.ALT).perform()
                try:
                    page.wait_for("every asset on the graph", every_asset_shown, seconds=8)
                except AssertionError:
                    if attempt == 3:
                        raise
            page.shoot("01-asset-graph")

            # 2. The main job's page: "Materialize all" launches a run of `main`.
            page.open("/locations/dateline/jobs/main")
            page.click("the job's Materialize all button",
                       lambda: [b for b in page.buttons("Materialize all") if b.is_enabled()])
            run_link = page.wait_for("the launched run's link", lambda: [
                a for a in driver.find_elements(page.by.CSS_SELECTOR, "a[href*='/runs/']")
                if re.search(r"/runs/[0-9a-f-]{36}$", a.get_attribute("href") or "")])
            run_url = run_link[0].get_attribute("href")
            run_id = run_url.rsplit("/", 1)[1]
            page.shoot("02-main-launched")

            # 3. The run's page, polled until the run ends: it must succeed.
            driver.get(run_url)
            status = page.wait_for("the run to end", lambda: page.exact_text(TERMINAL_STATUSES), RUN_SECONDS)
            page.shoot("03-run-ended")
            assert status[0].text.strip() == "Success", f"the run of main ended {status[0].text!r}"
            assert _run_status_by_graphql(base_url, run_id) == "SUCCESS"

            # 4. The timeline asset: its row count and its preview table, rows from the published file.
            published = pq.read_table(data / "processed" / "timeline", columns=["earliest"])
            assert published.num_rows > 0
            page.open("/assets/timeline")
            previews = page.wait_for("the timeline's preview table",
                                     lambda: page.tables_with_columns(["earliest", "latest", "trigger"]))
            header, rows, table = previews[0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", table)
            time.sleep(0.3)
            page.shoot("04-timeline-preview")
            earliest_days = {day.isoformat() for day in published.column("earliest").to_pylist()}
            shown_days = [row[header.index("earliest")] for row in rows]
            assert shown_days and set(shown_days) <= earliest_days, shown_days
            row_count = re.search(r"Row count\s+([\d,]+)", page.text())
            assert row_count and int(row_count.group(1).replace(",", "")) == published.num_rows

            # 5. The timeline picture: its PNG, opened from the asset's metadata, drawn in the page.
            page.open("/assets/timeline_picture")

            def picture_row_button():
                for row in driver.find_elements(page.by.TAG_NAME, "tr"):
                    cells = row.find_elements(page.by.TAG_NAME, "td")
                    if cells and cells[0].text.strip() == "picture":
                        return [e for e in row.find_elements(page.by.XPATH, ".//*[normalize-space(text())='[Show Markdown]']")]
                return []

            page.click("the picture in the metadata", picture_row_button)
            image = page.wait_for("the PNG drawn in the page", lambda: [
                img for img in driver.find_elements(page.by.CSS_SELECTOR, "img[src^='data:image/png;base64,']")
                if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)])[0]
            time.sleep(0.3)
            page.shoot("05-timeline-picture")
            shown = driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", image)
            assert tuple(shown) == _png_size(data / "processed" / "picture" / "timeline.png")
        except BaseException:
            page.shoot("99-failure")
            print(f"dagster dev's log ({server_log}), last lines:\n{server_log.read_text()[-4000:]}")
            raise

    # Everything the test started has stopped: no process carries its DAGSTER_HOME or browser profile.
    assert processes_marked(str(tmp_path / "dagster_home")) == []
    assert processes_marked(str(tmp_path / "chromium-profile")) == []


def test_leftover_processes_are_found_by_their_mark_and_killed(tmp_path: Path):
    """The clean-up the browser test relies on: a process carrying the mark in its environment (as
    dagster's run workers carry DAGSTER_HOME) is found and killed; one without it is left alone."""
    import subprocess
    import sys

    from tests.browser_support import kill_marked

    mark = str(tmp_path / "dagster_home")
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    marked = subprocess.Popen(sleeper, env={**os.environ, "DAGSTER_HOME": mark})
    unmarked = subprocess.Popen(sleeper)
    try:
        assert processes_marked(mark) == [marked.pid]
        assert kill_marked(mark) == [marked.pid]
        assert marked.wait(timeout=10) != 0
        assert processes_marked(mark) == []
        assert unmarked.poll() is None
    finally:
        for child in (marked, unmarked):
            child.kill()
            child.wait()
