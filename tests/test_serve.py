"""The live preview an editor uses (`mkdocs serve`), driven with the real server and Chromium:
one save makes one build and one reload; broken data keeps the last good pages up and
shows the generator's file:line messages in the browser until it is fixed; an edit to the
generator's own templates counts without a restart."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, copy_project, run_generator

MKDOCS = Path(sys.executable).with_name("mkdocs")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` on a project copy, its log collected as it runs."""

    def __init__(self, project: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [str(MKDOCS), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: any("Serving on" in line for line in self.log), 120, "the server to start")

    def _read(self):
        for line in self.process.stdout:
            self.log.append(line.rstrip())

    def count(self, text: str) -> int:
        return sum(text in line for line in self.log)

    def wait_for(self, condition, timeout: float, what: str):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; log:\n" + "\n".join(self.log[-40:]))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    assert run_generator(project).returncode == 0
    server = Server(project)
    yield project, server
    server.stop()


def _builds_settle(server: Server, builds: int):
    """Wait for the n-th build to finish, then make sure no other follows it."""
    server.wait_for(lambda: server.count("Reloading browsers") >= builds, 90, f"build {builds}")
    time.sleep(4)  # longer than the server's polling interval and build delay
    assert server.count("Reloading browsers") == builds, "\n".join(server.log[-30:])


@pytest.mark.site
def test_the_preview_shows_data_errors_in_the_browser_and_keeps_serving(served, browser):
    project, server = served
    page = browser.new_page()
    page.goto(server.url + "events/first-event-1948/")
    assert page.locator("h1").inner_text().startswith("Relations established")
    events = project / "data" / "events.yaml"
    good = events.read_text(encoding="utf-8")

    # A save that breaks the data: one build, the last good page, the messages on it.
    events.write_text(good.replace("  title: Relations established\n", ""), encoding="utf-8")
    _builds_settle(server, 1)
    banner = page.locator(".preview-problems")
    banner.wait_for(timeout=30_000)  # the page reloaded itself
    assert re.search(r"data/events\.yaml:2: event \"first-event-1948\", field \"title\": missing required field", banner.inner_text())
    assert page.locator("h1").inner_text().startswith("Relations established")  # the last good page
    started = time.monotonic()
    with urllib.request.urlopen(server.url + "timeline/", timeout=10) as response:  # no request hangs
        assert response.status == 200 and b"preview-problems" in response.read()
    assert time.monotonic() - started < 10
    for edition in ("ru/", "ur/"):  # the other editions, built in processes of their own, show it too
        with urllib.request.urlopen(server.url + edition + "events/first-event-1948/", timeout=10) as response:
            body = response.read().decode("utf-8")
        assert "preview-problems" in body and 'field "title": missing required field' in html.unescape(body), edition

    # The fix: one more build, the message gone, the new text shown, without a restart.
    events.write_text(good.replace("Relations established", "Relations established anew"), encoding="utf-8")
    _builds_settle(server, 2)
    page.locator("h1", has_text="Relations established anew").wait_for(timeout=30_000)
    assert page.locator(".preview-problems").count() == 0
    for edition in ("ru/", "ur/"):
        with urllib.request.urlopen(server.url + edition + "events/first-event-1948/", timeout=10) as response:
            assert b"preview-problems" not in response.read(), edition
    page.close()


@pytest.mark.site
def test_an_edit_to_the_generator_counts_without_a_restart(served, browser):
    project, server = served
    template = project / "scripts" / "templates" / "event.md.j2"
    template.write_text(template.read_text().replace('## {{ _("What happened") }}', "## What happened, as edited"), encoding="utf-8")
    _builds_settle(server, 1)
    with urllib.request.urlopen(server.url + "events/first-event-1948/", timeout=10) as response:
        assert "What happened, as edited" in response.read().decode("utf-8")
