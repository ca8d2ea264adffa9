#!/usr/bin/env python3
"""Renders dealguard's HTML outputs in headless Chromium, as a reader would see them.

Not part of CI (it needs Chromium and the CJK fonts); run it by hand after changing the HTML
of the letter or the schedule (src/render/markup/write.rs, src/render/contract/html.rs).

For the contract (en, zh, en+zh), the letter (en+zh), the letter's `.eml` HTML part, a
"Gmail" copy of the letter (<head>, <style> and <body> attributes stripped, as Gmail does) and
the HTML part of the latest week's report mail,
it loads each page at 1280 px and at 390 px phone emulation through the DevTools protocol
(--remote-debugging-pipe), prints `document.documentElement.scrollWidth` (at most 390 at the
phone width, or the page scrolls sideways), saves screenshots, and prints each contract to PDF
(the CSS @page margin boxes carry the contract number and "page n / N") with its page count
and any page that ends with a heading.

Usage:
  cargo build && scripts/html-check.py [--bin target/debug/dealguard]
      [--deal examples/nordic-home/deal.yaml] [--out /tmp/dealguard-html-check]
Then look at OUT/*.png (each page in tiles 1500 px tall), and at the printed pages: pdftoppm -png -r 60 OUT/contract-en+zh.pdf OUT/page
Exit code 1 if any page is wider than the phone viewport, or a printed page ends with a
clause or part heading (pdftotext -layout: its last line above the footer).
"""

import argparse
import base64
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PHONE = 390
DESKTOP = 1280


class Chromium:
    """One headless Chromium spoken to over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, binary, profile_dir):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # The child sees our pipe ends as its fds 3 and 4.
        def fds():
            # Via fresh descriptors, so that neither dup2 clobbers the other's source, and
            # inheritable (pipes are close-on-exec, and dup2 onto itself keeps that flag).
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        self.proc = subprocess.Popen(
            [binary, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
             "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--user-data-dir=" + profile_dir, "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name):
        while True:
            for k, m in enumerate(self.events):
                if m.get("method") == name:
                    del self.events[k]
                    return m
            self.events.append(self._read())

    def load(self, path, width, mobile):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 844 if mobile else 900,
                   "deviceScaleFactor": 1, "mobile": mobile}, session=True)
        self.events.clear()
        self.call("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=True)
        self.wait_event("Page.loadEventFired")

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True},
                      session=True)
        return r["result"].get("value")

    def screenshots(self, stem, tile=1500, most=40):
        """The whole page in tiles of `tile` px (a viewer shrinks one tall image to nothing):
        STEM-01.png, STEM-02.png, …"""
        w = self.eval("document.documentElement.scrollWidth")
        h = self.eval("document.documentElement.scrollHeight")
        for k, y in enumerate(range(0, min(h, tile * most), tile)):
            clip = {"x": 0, "y": y, "width": w, "height": min(tile, h - y), "scale": 1}
            r = self.call("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                     "captureBeyondViewport": True},
                          session=True)
            with open(f"{stem}-{k + 1:02d}.png", "wb") as f:
                f.write(base64.b64decode(r["data"]))

    def pdf(self, out):
        r = self.call("Page.printToPDF", {"displayHeaderFooter": False,
                                          "preferCSSPageSize": True,
                                          "printBackground": True}, session=True)
        with open(out, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=20)


HEADING = re.compile(r"(^|\s{2,})(\d+\. [A-Z]|第\d+条 |Part [IVXL]+ |第[一二三四五六七八九十]+部分)")


def lonely_headings(pdf):
    """Pages whose last line of text (above the footer) is a clause or part heading."""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    found = []
    for n in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                              capture_output=True, text=True).stdout
        lines = [l for l in text.splitlines() if l.strip()]
        # The last line is the page-number footer.
        body = [l for l in lines if not re.search(r"Page \d+ / \d+|第\d+页", l)]
        if body and HEADING.search(body[-1]):
            found.append(n)
    return pages, found


def gmail(html):
    """What Gmail keeps: no <head>, no <style>, <body> without attributes. The mail app
    supplies the phone's viewport itself, so a device-width viewport goes back in."""
    html = re.sub(r"(?is)<head>.*?</head>", "", html)
    html = re.sub(r"(?is)<style.*?</style>", "", html)
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    return re.sub(r"(?is)<body[^>]*>", viewport + "<body>", html)


def eml_html(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    part = msg.get_body(preferencelist=("html",))
    return part.get_content()


def generate(args, work):
    """Runs dealguard for every output checked; returns [(name, html path)]."""
    pages = []
    for lang in ["en", "zh", "en+zh"]:
        out = os.path.join(work, f"contract-{lang}.html")
        subprocess.run([args.bin, "--deal", args.deal, "contract", "--lang", lang,
                        "--format", "html", "-o", out], check=True)
        pages.append((f"contract-{lang}", out))
    letter = os.path.join(work, "letter")
    subprocess.run([args.bin, "--deal", args.deal, "letter", "--lang", "en+zh",
                    "--format", "html,eml", "-o", letter], check=True)
    html = next(os.path.join(letter, f) for f in sorted(os.listdir(letter)) if f.endswith(".html"))
    eml = next(os.path.join(letter, f) for f in sorted(os.listdir(letter)) if f.endswith(".eml"))
    pages.append(("letter", html))
    part = os.path.join(work, "letter-eml.html")
    with open(part, "w", encoding="utf-8") as f:
        f.write(eml_html(eml))
    pages.append(("letter-eml", part))
    with open(html, encoding="utf-8") as f:
        stripped = gmail(f.read())
    g = os.path.join(work, "letter-gmail.html")
    with open(g, "w", encoding="utf-8") as f:
        f.write(stripped)
    pages.append(("letter-gmail", g))
    # The report mail of the deal's latest week, in the buyer's languages (as `report` picks them).
    reports = os.path.join(os.path.dirname(os.path.abspath(args.deal)), "reports")
    weeks = sorted(f for f in os.listdir(reports) if f.endswith(".yaml")) if os.path.isdir(reports) else []
    if weeks:
        eml = os.path.join(work, "report.eml")
        subprocess.run([args.bin, "--deal", args.deal, "report", os.path.join(reports, weeks[-1]),
                        "--format", "eml", "-o", eml], check=True)
        part = os.path.join(work, "report-eml.html")
        with open(part, "w", encoding="utf-8") as f:
            f.write(eml_html(eml))
        pages.append(("report-eml", part))
    return pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/debug/dealguard")
    ap.add_argument("--deal", default="examples/nordic-home/deal.yaml")
    ap.add_argument("--out", default="/tmp/dealguard-html-check")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pages = generate(args, args.out)
    bad = []
    with tempfile.TemporaryDirectory() as profile:
        c = Chromium(args.chromium, profile)
        try:
            print(f"{'page':<16}{'1280 px':>9}{'390 px':>9}  pdf pages")
            for name, path in pages:
                widths = []
                for width, mobile in [(DESKTOP, False), (PHONE, True)]:
                    c.load(path, width, mobile)
                    widths.append(c.eval("document.documentElement.scrollWidth"))
                    c.screenshots(os.path.join(args.out, f"{name}-{width}"))
                pdf = ""
                if name.startswith("contract"):
                    c.load(path, DESKTOP, False)
                    out = os.path.join(args.out, f"{name}.pdf")
                    c.pdf(out)
                    n_pages, lonely = lonely_headings(out)
                    pdf = f"{n_pages}" + (f", heading alone at the foot of {lonely}" if lonely else "")
                    if lonely:
                        bad.append(f"{name}: lonely headings")
                if widths[1] > PHONE:
                    bad.append(f"{name}: wider than the phone")
                print(f"{name:<16}{widths[0]:>9}{widths[1]:>9}  {pdf}")
        finally:
            c.close()
    print(f"screenshots and PDFs in {args.out}")
    if bad:
        print("problems:", "; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
