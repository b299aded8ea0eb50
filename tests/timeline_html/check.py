"""Opens a timeline page in headless Chromium (Playwright) and checks what a reader sees.

Usage: check.py PAGE.html SCREENSHOT.png. Prints one line per check and exits non-zero on the
first failure: the page requests nothing but itself, lanes and events are in the DOM, each
lane's events are in date order, a click fills the detail panel, and the screenshot is not blank.
"""

import pathlib
import sys

from playwright.sync_api import sync_playwright

page_path = pathlib.Path(sys.argv[1]).resolve()
shot = pathlib.Path(sys.argv[2])
url = page_path.as_uri()


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        sys.exit(1)


with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1200, "height": 560})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    others = [r for r in requests if r != url]
    check(requests == [url], f"the page requests only itself (others: {others})")

    lanes = page.eval_on_selector_all(".lane[data-actor]", "ls => ls.map(l => l.dataset.actor)")
    check(len(lanes) >= 3, f"lanes: {lanes[:8]}")
    # A lane draws its bars (intervals, months, years), then its days: each in date order.
    events = page.eval_on_selector_all(
        ".lane",
        """ls => ls.flatMap(l => [':not(.day)', '.day'].map(kind =>
              Array.from(l.querySelectorAll('.event[data-date][data-path][data-line]' + kind))
                .map(e => e.dataset.date)))""",
    )
    check(sum(len(e) for e in events) >= 10, f"{sum(len(e) for e in events)} events")
    # Events sort by first day (`2014-03` is 2014-03-01), the more precise first among ties.
    def first_day(d):
        return d + "-01-01"[len(d) - 4 :]

    days = [[first_day(d) for d in lane] for lane in events]
    check(all(d == sorted(d) for d in days), "each lane's events are in date order")

    first = page.locator(".chart .event.day").first
    first.click()
    panel = page.locator("#panel .where").text_content()
    check(panel.startswith(first.get_attribute("data-path") + ":"), f"a click shows {panel}")

    page.locator("#panel").evaluate("p => p.style.display = 'none'")
    page.screenshot(path=str(shot))
    pixels = page.evaluate(
        """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            const colours = new Set(); let sum = 0, sq = 0, n = d.length / 4;
            for (let i = 0; i < d.length; i += 4) {
                const v = d[i] * 0.3 + d[i + 1] * 0.59 + d[i + 2] * 0.11;
                sum += v; sq += v * v; colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            }
            const mean = sum / n; return { colours: colours.size, variance: sq / n - mean * mean };
        }""",
        "data:image/png;base64," + __import__("base64").b64encode(shot.read_bytes()).decode(),
    )
    check(pixels["colours"] > 20 and pixels["variance"] > 50, f"the screenshot is not blank: {pixels}")
    browser.close()
print("all checks passed")
