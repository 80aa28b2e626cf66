"""The README's screenshot of the web view's front page: docs/front-page.png.

    .venv/bin/python scripts/screenshot_front_page.py

Ingests the demo corpus into a temporary database, starts `council-extract serve` on a
free port, and has Debian's Chromium (through Playwright, as the browser tests do) take
the front page at 1280 x 900. Deterministic apart from the dates "days outstanding" counts.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("council-extract")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("no Chromium: install Debian's chromium")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "council.db"
        subprocess.run([str(EXE), "ingest", str(ROOT / "corpus"), "--db", str(db), "--silent"], check=True,
                       stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([str(EXE), "serve", str(db), "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(120):
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "/")
                page.fill("input[name=q]", "circulate")
                target = ROOT / "docs" / "front-page.png"
                page.screenshot(path=str(target), full_page=True)
                browser.close()
            print(f"wrote {target}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
