"""A headless Chromium driven over the DevTools protocol through a pipe: no driver library, no port, no network.

Chromium started with ``--remote-debugging-pipe`` reads protocol messages
(JSON, each ended by a NUL byte) on file descriptor 3 and writes its answers
and events on descriptor 4. That is all the browser tests need: open a page
at a given width, record console errors and requests, run a script,
take a screenshot and print to PDF.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path


def executable() -> str | None:
    """Debian's ``chromium`` (or another name it goes by), or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class ProtocolError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with a private profile folder; ``page()`` opens a tab."""

    def __init__(self, program: str, profile: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol's descriptors 3 and 4
            reading = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 100)
            writing = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 100)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        home = profile / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8"}
        self.process = subprocess.Popen(
            [
                program,
                "--headless",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile / 'chromium'}",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def close(self) -> None:
        with contextlib.suppress(ProtocolError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for descriptor in (self._to_browser, self._from_browser):
            os.close(descriptor)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and wait for its answer; events that arrive meanwhile are kept in ``events``."""
        self._next_id += 1
        message: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, event: str, session: str) -> dict:
        """The first event *event* of *session*, among those kept or still to come."""
        deadline = time.monotonic() + self.timeout
        while True:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self._receive(deadline))

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise ProtocolError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ProtocolError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def page(self, url: str, width: int, height: int = 900) -> Page:
        """A new tab *width* pixels wide with *url* loaded and console, log and network recorded."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            session=session,
        )
        page = Page(self, session, target)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return page


class Page:
    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target

    def evaluate(self, expression: str) -> object:
        """The value of a JavaScript expression in the page (returned by value, as JSON)."""
        result = self.browser.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=self.session
        )
        if "exceptionDetails" in result:
            raise ProtocolError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _mine(self, method: str) -> list[dict]:
        return [
            e["params"] for e in self.browser.events if e.get("sessionId") == self.session and e["method"] == method
        ]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and log entries of level error, as text."""
        found = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in e["args"])
            for e in self._mine("Runtime.consoleAPICalled")
            if e["type"] in ("error", "assert")
        ]
        found += [e["exceptionDetails"].get("text", "exception") for e in self._mine("Runtime.exceptionThrown")]
        found += [e["entry"]["text"] for e in self._mine("Log.entryAdded") if e["entry"]["level"] == "error"]
        return found

    def requests(self) -> list[str]:
        """Every URL the page asked for, its own included."""
        return [e["request"]["url"] for e in self._mine("Network.requestWillBeSent")]

    def screenshot(self, path: Path) -> Path:
        """The whole page, not just the window, as PNG."""
        width, height = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.browser.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            },
            session=self.session,
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def pdf(self, path: Path) -> Path:
        """The page printed as the print stylesheet asks (A4)."""
        printed = self.browser.call(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=self.session
        )
        path.write_bytes(base64.b64decode(printed["data"]))
        return path

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})
