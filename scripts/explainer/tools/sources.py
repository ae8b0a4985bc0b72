"""Are the sources still there? `make sources` asks every source address, politely.

Run by an editor with a network (never by the tests against the internet). Each address
is asked once, with a timeout, by a few threads at a time and never two at once of the
same host, with a pause between requests to one host. Redirects are followed by hand, so
that the report can give the new address. The verdicts:

- fine: the page answers (2xx);
- redirected: it answers at another address, given (consider updating the data);
- gone: 404 or 410; an archived copy's address is looked up to consider instead;
- unreachable: no answer in time, a refused or reset connection, or another error status.

Exit status: 0 when nothing is gone, 1 when a source is gone, 2 for bad data.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import ssl
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ..paths import REPO_ROOT

USER_AGENT = "pakistan-russia-explainer source check (an editor's link check; one request per page)"
WAYBACK = "https://archive.org/wayback/available?url="
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Verdict:
    url: str
    status: str  # fine, redirected, gone, unreachable
    detail: str = ""  # the new address, the archived copy, or what went wrong


class _Polite:
    """One request at a time per host, and a pause between two requests to a host."""

    def __init__(self, pause: float):
        self.pause = pause
        self.lock = threading.Lock()
        self.hosts: dict[str, tuple[threading.Lock, list[float]]] = {}

    def slot(self, host: str):
        with self.lock:
            return self.hosts.setdefault(host, (threading.Lock(), [0.0]))

    def request(self, url: str, method: str, timeout: float) -> tuple[int, str | None]:
        """(status, Location header) for one request, nothing followed."""
        parts = urlsplit(url)
        lock, last = self.slot(parts.hostname or "")
        with lock:
            wait = last[0] + self.pause - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
                kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
                connection = connection_class(parts.hostname, parts.port, timeout=timeout, **kwargs)
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                connection.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
                response = connection.getresponse()
                response.read(0)
                status, location = response.status, response.getheader("Location")
                connection.close()
                return status, location
            finally:
                last[0] = time.monotonic()


def check(url: str, polite: _Polite, timeout: float, wayback: str) -> Verdict:
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = polite.request(current, "HEAD", timeout)
            if status in (405, 501) or status == 403:  # some servers refuse HEAD: ask for the page itself
                status, location = polite.request(current, "GET", timeout)
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            if 200 <= status < 300:
                return Verdict(url, "fine") if current == url else Verdict(url, "redirected", current)
            if status in (404, 410):
                return Verdict(url, "gone", archived_copy(url, polite, timeout, wayback) or f"HTTP {status}")
            return Verdict(url, "unreachable", f"HTTP {status}")
        return Verdict(url, "unreachable", f"more than {MAX_REDIRECTS} redirects")
    except (socket.timeout, TimeoutError):
        return Verdict(url, "unreachable", f"no answer within {timeout:g} s")
    except (ConnectionError, OSError, http.client.HTTPException) as error:
        return Verdict(url, "unreachable", type(error).__name__ + (f": {error}" if str(error) else ""))


def archived_copy(url: str, polite: _Polite, timeout: float, wayback: str) -> str | None:
    """The closest archived copy's address, as the Wayback Machine's availability API gives it."""
    query = wayback + quote(url, safe="")
    parts = urlsplit(query)
    try:
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        lock, _ = polite.slot(parts.hostname or "")
        with lock:
            connection = connection_class(parts.hostname, parts.port, timeout=timeout)
            connection.request("GET", parts.path + "?" + parts.query, headers={"User-Agent": USER_AGENT})
            answer = json.loads(connection.getresponse().read(200_000) or b"{}")
            connection.close()
        closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
        return f"archived copy: {closest['url']}" if closest.get("available") and closest.get("url") else "no archived copy found"
    except (OSError, ValueError, http.client.HTTPException):
        return None


def check_all(urls: list[str], workers: int = 8, timeout: float = 15.0, pause: float = 1.0, wayback: str = WAYBACK) -> list[Verdict]:
    polite = _Polite(pause)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda u: check(u, polite, timeout, wayback), urls))


def source_urls(root: Path) -> list[str]:
    """Every source address of the data, once, in a stable order: wherever a source sits
    (an event's or a claim's sources, a perspective's source, a trade figure's source, ...)."""
    from ..cli import read_data_files
    from ..pipeline import load_dataset

    return sorted({source.url for source in load_dataset(read_data_files(root / "data")).every_source()})


def report(verdicts: list[Verdict]) -> str:
    lines = []
    for status in ("gone", "unreachable", "redirected", "fine"):
        group = [v for v in verdicts if v.status == status]
        if not group:
            continue
        lines.append(f"{status} ({len(group)}):")
        lines += [f"  {v.url}" + (f"  ->  {v.detail}" if v.detail else "") for v in group]
    counts = ", ".join(f"{sum(v.status == s for v in verdicts)} {s}" for s in ("fine", "redirected", "gone", "unreachable"))
    lines.append(f"{len(verdicts)} sources: {counts}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make sources", description="Check that every source address still answers.")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each answer (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once, to different hosts (default: %(default)s)")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between two requests to one host (default: %(default)s)")
    parser.add_argument("--wayback", default=WAYBACK, help=argparse.SUPPRESS)  # for tests: a local stand-in
    parser.add_argument("urls", nargs="*", help="check these addresses instead of the data's sources")
    args = parser.parse_args(argv)
    from ..dataset.problems import DataError

    try:
        urls = args.urls or source_urls(REPO_ROOT)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 2
    print(f"Checking {len(urls)} addresses ({args.workers} at a time, one at a time per host)...", file=sys.stderr)
    verdicts = check_all(urls, args.workers, args.timeout, args.pause, args.wayback)
    print(report(verdicts))
    return 1 if any(v.status == "gone" for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
