"""`iss serve`: save codes, the player cap, and a real browser playing a choice.

The browser test drives Debian's Chromium with selenium. When Chromium or
its driver is missing it installs them (`apt-get`, as CI runs as root) and
skips, saying why, where that can't be done.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from iss.engine.save_codes import code_folder, new_code, read_code, show_code
from iss.serve import StoryServer, is_loopback
from tests.conftest import ROOT

TINY = ROOT / "tests" / "fixtures" / "tiny"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_save_codes_name_only_a_folder_inside_the_saves_folder(tmp_path: Path) -> None:
    code = new_code()
    assert read_code(code) == code and len(code) == 16
    assert len({new_code() for _ in range(1000)}) == 1000
    shown = show_code(code)
    assert shown.count("-") == 3 and read_code(shown.lower()) == code
    assert read_code(" k7qd-9xtr m2wb-4hno ") == "K7QD9XTRM2WB4HN0"  # O read as 0
    for bad in ("../../etc/passwd", "abc", "K7QD9XTRM2WB4HN/", "K" * 17, "", "K7QD9XTRM2WB4HNU"):
        assert read_code(bad) is None and code_folder(tmp_path, bad) is None
    assert code_folder(tmp_path, shown) == tmp_path / code
    server = StoryServer(TINY, tmp_path, public=True)
    assert f"--saves {tmp_path} --save-code {code}" in server.command_for(code)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    saves = tmp_path / "saves"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "iss", "serve", "--story", str(TINY), "--saves", str(saves)),
            *("--port", str(port), "--public", "--max-players", "1"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        yield url, saves / "visitors"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_visitor_without_a_code_is_sent_to_a_new_one(served: tuple[str, Path]) -> None:
    url, _ = served
    with urllib.request.urlopen(url) as page:
        code = page.url.split("code=", 1)[1]
        html = page.read().decode()
    assert read_code(code) == code
    assert f"/ws/{code}" in html


def test_a_code_typed_by_hand_is_sent_to_its_folder_form(served: tuple[str, Path]) -> None:
    url, _ = served
    with urllib.request.urlopen(f"{url}/?code=k7qd-9xtr-m2wb-4hne") as page:
        assert page.url.endswith("?code=K7QD9XTRM2WB4HNE")


def _chrome() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if (browser is None or driver is None) and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"]
        if subprocess.run(install, capture_output=True, env=env, timeout=900).returncode:
            # A fresh machine may not have read the package lists yet.
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=600)
            subprocess.run(install, capture_output=True, env=env, timeout=900)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return None
    return browser, driver


def test_a_browser_plays_a_choice_and_the_autosave_lands_in_its_folder(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.wait import WebDriverWait

    found = _chrome()
    if found is None:
        pytest.skip("Chromium and chromedriver are missing and could not be installed here")
    browser, driver = found
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chrome'}",
        "--window-size=1000,700",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=driver)
    chrome = webdriver.Chrome(options=options, service=service)
    url, visitors = served
    try:
        chrome.get(url)
        code = chrome.current_url.split("code=", 1)[1]
        folder = visitors / code
        deadline = time.monotonic() + 90

        def autosaves() -> list[Path]:
            return sorted(folder.rglob("auto-*.save.json"))

        def press(key: str, until: Callable[[], bool]) -> bool:
            """Press `key` in the page until `until()` (a busy machine starts games slowly)."""
            while time.monotonic() < deadline:
                ActionChains(chrome).send_keys(key).perform()
                for _ in range(25):
                    if until():
                        return True
                    time.sleep(0.2)
            return False

        WebDriverWait(chrome, 60).until(
            lambda c: c.find_element("css selector", ".xterm-helper-textarea")
        )
        # Keys go to xterm's hidden text area; a click could land on a menu entry.
        chrome.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
        assert press("n", lambda: len(autosaves()) == 1), "New game made no autosave"
        assert press("1", lambda: len(autosaves()) >= 2), "a choice made no autosave"
        saved = json.loads(autosaves()[-1].read_text())
        assert saved["scene"]["id"] == "the_key"
        chrome.save_screenshot(str(tmp_path / "serve.png"))
    finally:
        chrome.quit()


def test_plain_mode_keeps_a_codes_saves_in_its_folder(tmp_path: Path) -> None:
    code = new_code()
    done = subprocess.run(
        [
            *(sys.executable, "-m", "iss", "play", "--plain", "--story", str(TINY)),
            *("--saves", str(tmp_path), "--save-code", show_code(code).lower()),
        ],
        input="1\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )
    assert done.returncode == 3, done.stderr  # the input ran out before an ending
    assert list((tmp_path / code).rglob("auto-*.save.json"))
    bad = subprocess.run(
        [sys.executable, "-m", "iss", "play", "--plain", "--save-code", "../etc"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )
    assert bad.returncode == 2 and "--save-code" in bad.stderr
