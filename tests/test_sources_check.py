"""`make sources` against a local server that answers as real sites do: fine, moved, gone
(404 and 410, with an archived copy looked up), too slow, and a reset connection."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest
from explainer.tools.sources import check_all, main, report


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, float]] = []

    def log_message(self, *args):
        pass

    def _answer(self, method: str):
        Handler.requests.append((method, self.path, time.monotonic()))
        path = self.path.split("?")[0]
        if path == "/wayback":
            target = unquote(self.path.split("url=", 1)[1])
            snapshot = {"available": True, "url": f"https://web.archive.org/web/2020/{target}"} if "gone404" in target else {}
            body = json.dumps({"archived_snapshots": {"closest": snapshot} if snapshot else {}}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if path == "/slow":
            time.sleep(2.5)
        status = {"/ok": 200, "/slow": 200, "/moved": 301, "/moved-twice": 302, "/gone404": 404, "/gone410": 410,
                  "/error": 503, "/no-head": 405 if method == "HEAD" else 200}[path]
        self.send_response(status)
        if path == "/moved":
            self.send_header("Location", "/ok")
        if path == "/moved-twice":
            self.send_header("Location", "/moved")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_each_kind_of_answer_gets_its_verdict(server):
    urls = [f"{server}/{p}" for p in ("ok", "moved", "moved-twice", "gone404", "gone410", "slow", "reset", "error", "no-head")]
    verdicts = {v.url.rsplit("/", 1)[1]: v for v in check_all(urls, workers=4, timeout=1.0, pause=0.0, wayback=f"{server}/wayback?url=")}
    assert verdicts["ok"].status == "fine"
    assert (verdicts["moved"].status, verdicts["moved"].detail) == ("redirected", f"{server}/ok")
    assert (verdicts["moved-twice"].status, verdicts["moved-twice"].detail) == ("redirected", f"{server}/ok")
    assert verdicts["gone404"].status == "gone"
    assert verdicts["gone404"].detail == f"archived copy: https://web.archive.org/web/2020/{server}/gone404"
    assert (verdicts["gone410"].status, verdicts["gone410"].detail) == ("gone", "no archived copy found")
    assert verdicts["slow"].status == "unreachable" and "no answer within 1 s" in verdicts["slow"].detail
    assert verdicts["reset"].status == "unreachable"
    assert (verdicts["error"].status, verdicts["error"].detail) == ("unreachable", "HTTP 503")
    assert verdicts["no-head"].status == "fine"


def test_requests_to_one_host_are_one_at_a_time_and_spaced(server):
    Handler.requests.clear()
    check_all([f"{server}/ok?{i}" for i in range(4)], workers=4, timeout=2.0, pause=0.3)
    times = sorted(t for method, path, t in Handler.requests if path.startswith("/ok?"))
    assert len(times) == 4
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))


def test_the_report_and_exit_status(server, capsys):
    code = main(["--timeout", "1", "--pause", "0", "--wayback", f"{server}/wayback?url=", f"{server}/ok", f"{server}/gone410"])
    out = capsys.readouterr().out
    assert code == 1  # a source is gone
    assert "gone (1):" in out and "fine (1):" in out and out.strip().endswith("2 sources: 1 fine, 0 redirected, 1 gone, 0 unreachable.")
    assert main(["--timeout", "1", "--pause", "0", f"{server}/ok"]) == 0
    assert "1 sources" in report(check_all([f"{server}/ok"], pause=0))


def test_every_source_address_of_the_data_is_checked():
    """Every `url:` of the data that names a source is asked, wherever the source sits:
    perspectives, trade figures and claims as well as events (read here line by line,
    independently of the tool's own walk)."""
    import re

    from conftest import REPO
    from explainer.tools.sources import source_urls

    listed = set(source_urls(REPO))
    in_files = set()
    for path in (REPO / "data").glob("*.yaml"):
        in_files |= set(re.findall(r"^\s*(?:- )?url: (https://\S+)$", path.read_text(encoding="utf-8"), re.M))
    assert in_files, "no url: lines found"
    assert in_files <= listed, sorted(in_files - listed)[:5]
