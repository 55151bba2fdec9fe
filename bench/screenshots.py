"""Screenshots of the planner's pages: ``.venv/bin/python bench/screenshots.py URL AGENCY YEAR [--out DIR]``.

Logs in to a running site (``make run``) as the demo planner and saves a full-page PNG of the dashboard and of
each page of the year at a 1366×768 laptop and at a 390×844 phone, to be looked at after a layout change.
It drives Debian's chromium through Playwright, as the browser tests do; no browser is downloaded.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"laptop": (1366, 768), "phone": (390, 844)}
PAGES = ["", "realisations/", "targets/", "budget/", "narratives/", "findings/", "evidence/", "files/", "settings/"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the site, e.g. http://127.0.0.1:8000")
    parser.add_argument("agency", help="an agency code the user may see")
    parser.add_argument("year", type=int)
    parser.add_argument("--user", default="perencana")
    parser.add_argument("--password", default="lakip-demo")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
            page = context.new_page()
            page.goto(f"{args.url}/masuk/")
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("button[type=submit], input[type=submit]")
            for path in PAGES:
                page.goto(f"{args.url}/agencies/{args.agency}/{args.year}/{path}")
                slug = path.strip("/") or "dashboard"
                page.screenshot(path=args.out / f"{slug}-{name}.png", full_page=True)
                print(args.out / f"{slug}-{name}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
