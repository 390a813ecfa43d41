"""Take the README's two screenshots of the seeds briefing (desktop 1400 px, phone 400 px).

Needs Debian's chromium and chromium-driver and the test extra (selenium). Run from the
repository: ``python docs/make_screenshots.py``; it writes docs/briefing-{desktop,phone}.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

DOCS = Path(__file__).resolve().parent
SEEDS = DOCS.parent / "seeds"
SHOTS = {"desktop": (1400, 900), "phone": (400, 860)}
SECTION = "divergence"  # where the screenshot starts: the figures and contested statements


def main() -> None:
    page = Path(tempfile.mkdtemp()) / "briefing.html"
    command = [sys.executable, "-m", "summarizer", "brief", str(SEEDS), "-o", str(page), "-q"]
    subprocess.run(command, check=True)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        for name, (width, height) in SHOTS.items():
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            )
            driver.get(f"{page.as_uri()}#{SECTION}")
            driver.save_screenshot(str(DOCS / f"briefing-{name}.png"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
