#!/usr/bin/env python3
"""Drives `dealguard serve` in headless Chromium as a merchandiser would, and saves screenshots.

Not part of CI (it needs Chromium and the CJK fonts). For each interface language (en, zh) and
each width (1280 px desktop, 390 px phone emulation through the DevTools protocol), on a copy of
the example deals: the portfolio; the deal page; "New week" (pass 1) and the week's form; every
FILL IN input filled; an inspection's lot size typed (the sampling plan must update as typed);
two photos dropped onto the page (a synthetic drop event with real JPEG files, which is what the
page's script receives from a file manager) and a HEIC refused; Save; Preview (the PDF fetched,
must start with %PDF); Finish (the PDF and the .eml listed); a mail checked (the bank-change
mail must warn). It prints each page's scrollWidth (at most 390 at the phone width) and fails on
a page wider than the phone, a step that did not do what it should, or a request to another
host.

Usage:
  cargo build && scripts/serve-check.py [--bin target/debug/dealguard] [--out /tmp/dealguard-serve-check]
Then look at OUT/*.png.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("html_check", os.path.join(HERE, "html-check.py"))
html_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(html_check)
Chromium = html_check.Chromium

BANK_MAIL = """From: "Anna Lindqvist" <anna.lindqvist@nordic-home-trading.com>
To: chen.jing@hengli-kitchen.com
Subject: Updated bank details for the balance
Date: Mon, 07 Dec 2026 09:00:00 +0100
Message-ID: <x1@nordic-home-trading.com>
Content-Type: text/plain; charset=utf-8

Dear Chen, our bank has changed. Please pay the balance to our new account
IBAN GB33BUKB20201555555555 at Barclays. Urgent, today.
Anna
"""


class Page:
    def __init__(self, chrome, base, out):
        self.c, self.base, self.out = chrome, base, out
        self.failures = []
        self.foreign = []

    def size(self, width):
        self.width = width
        self.c.call("Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": 844 if width < 600 else 900,
                     "deviceScaleFactor": 1, "mobile": width < 600}, session=True)

    def drain(self):
        """Notes requests to other hosts among the events so far, then forgets the events."""
        for e in self.c.events:
            if e.get("method") == "Network.requestWillBeSent":
                u = e["params"]["request"]["url"]
                if not u.startswith((self.base, "data:", "blob:", "about:", "chrome-extension:", "chrome:")):
                    self.foreign.append(u)
        self.c.events.clear()

    def go(self, path):
        self.drain()
        self.c.call("Page.navigate", {"url": self.base + path}, session=True)
        self.c.wait_event("Page.loadEventFired")

    def wait_load(self):
        self.c.wait_event("Page.loadEventFired")

    def js(self, expr):
        return self.c.eval(expr)

    def js_await(self, expr):
        r = self.c.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                             "awaitPromise": True}, session=True)
        return r["result"].get("value")

    def shot(self, name):
        w = self.js("document.documentElement.scrollWidth")
        stem = os.path.join(self.out, name)
        self.c.screenshots(stem)
        ok = w <= self.width
        print(f"{name}: scrollWidth {w} at {self.width} px{'' if ok else '  <-- wider than the viewport'}")
        if not ok:
            self.failures.append(f"{name} is {w} px wide at {self.width}")

    def expect(self, cond, what):
        if not cond:
            print("FAILED:", what)
            self.failures.append(what)

    def submit(self, selector, button=None):
        self.drain()
        if button:
            self.js(f"document.querySelector({selector!r}).requestSubmit(document.querySelector({button!r}))")
        else:
            self.js(f"document.querySelector({selector!r}).requestSubmit()")
        self.wait_load()


def fill_week(p, lang):
    """Every FILL IN input gets a value; the actual % of a stage; an inspection typed."""
    zh = lang == "zh"
    n = p.js("""(() => { let n = 0;
      document.querySelectorAll('.is-fill input, .is-fill textarea').forEach(el => {
        const zh = /\\.zh$/.test(el.name);
        el.value = zh ? '已完成本周工作（测试）' : 'Work of the week done (browser check)'; n++; });
      return n; })()""")
    print(f"  filled {n} FILL IN inputs")
    # The blank inspection row: typed as a person would, the plan must follow.
    p.js("""(() => {
      const row = document.querySelector('.row.blank[data-list="inspections"]');
      const set = (s, v) => { const el = row.querySelector('[name$="' + s + '"]'); el.value = v;
        el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };
      set('item.en', 'Handle rivet pull test'); const z = row.querySelector('[name$="item.zh"]'); if (z) z.value = '手柄铆钉拉力测试';
      set('stage', 'cutting'); set('standard', '≥ 500 N'); set('aql.level', 'II');
      set('aql.critical', '0'); set('aql.major', '2.5'); set('aql.minor', '4.0');
      set('defects.critical', '0'); set('defects.major', '0'); set('defects.minor', '1');
      set('lot_size', '3000'); })()""")


def live_plan(p):
    """After a save, the inspection rows show their plan; typing a lot size changes it."""
    before = p.js("""(() => { const r = [...document.querySelectorAll('.row[data-list="inspections"]')].filter(r => !r.classList.contains('blank'));
      const last = r[r.length - 1]; return last.querySelector('.plan').textContent.trim(); })()""")
    p.js("""(() => { const r = [...document.querySelectorAll('.row[data-list="inspections"]')].filter(r => !r.classList.contains('blank'));
      const el = r[r.length - 1].querySelector('[name$=".lot_size"]'); el.value = '150';
      el.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    time.sleep(0.8)
    after = p.js("""(() => { const r = [...document.querySelectorAll('.row[data-list="inspections"]')].filter(r => !r.classList.contains('blank'));
      return r[r.length - 1].querySelector('.plan').textContent.trim(); })()""")
    print(f"  plan at 3000: {before!r}\n  plan at 150 as typed: {after!r}")
    p.expect("125" in before and "20" in after and before != after, "the sampling plan follows the lot size as typed")
    # Back to what was saved, so the page's state is the file's.
    p.js("""(() => { const r = [...document.querySelectorAll('.row[data-list="inspections"]')].filter(r => !r.classList.contains('blank'));
      r[r.length - 1].querySelector('[name$=".lot_size"]').value = '3000'; })()""")


def drop_photos(p, deal):
    """Two JPEGs (fetched from the deal's own photos) and a HEIC dropped onto the page."""
    p.drain()
    said = p.js_await(f"""(async () => {{
      const get = async (f) => new Uint8Array(await (await fetch('/photo?d={deal}&f=' + f)).arrayBuffer());
      const a = await get('photos/w49-cutting-line.jpg'), b = await get('photos/w49-thickness-check.jpg');
      const heic = new DataTransfer(); heic.items.add(new File([new Uint8Array([0,0,0,24,102,116,121,112,104,101,105,99])], 'IMG_0001.HEIC', {{type: 'image/heic'}}));
      const form = document.querySelector('form#photos');
      form.dispatchEvent(new DragEvent('drop', {{dataTransfer: heic, bubbles: true, cancelable: true}}));
      const said = (form.querySelector('.drop-message') || {{}}).textContent || '';
      const dt = new DataTransfer();
      dt.items.add(new File([a], 'site-line.jpg', {{type: 'image/jpeg'}}));
      dt.items.add(new File([b], 'site-check.jpg', {{type: 'image/jpeg'}}));
      setTimeout(() => form.dispatchEvent(new DragEvent('drop', {{dataTransfer: dt, bubbles: true, cancelable: true}})), 10);
      return said; }})()""")
    p.expect("HEIC" in (said or ""), f"a dropped HEIC is refused with a message ({said!r})")
    p.wait_load()
    added = p.js("(document.querySelector('p.ok') || {}).textContent || ''")
    print(f"  dropped: {added!r}")
    p.expect(bool(re.search(r"2", added or "")), "two photos added by drop")


def run(args):
    work = tempfile.mkdtemp(prefix="dealguard-serve-")
    deals = os.path.join(work, "deals")
    shutil.copytree("examples/nordic-home", os.path.join(deals, "nordic-home"),
                    ignore=shutil.ignore_patterns("out"))
    shutil.copytree("tests/fixtures/valid/shenzhen-zh", os.path.join(deals, "shenzhen-zh"))
    with open(os.path.join(work, "bank.eml"), "w") as f:
        f.write(BANK_MAIL)
    server = subprocess.Popen([args.bin, "serve", deals, "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    url = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\w+)", line)
    base, token = url.group(1), url.group(2)
    os.makedirs(args.out, exist_ok=True)
    chrome = Chromium(args.chromium, os.path.join(work, "profile"))
    p = Page(chrome, base, args.out)
    chrome.call("Network.enable", session=True)
    p.go(f"/?token={token}")
    deal = "nordic-home"
    first = True
    for lang in ["en", "zh"]:
        for width in [1280, 390]:
            tag = f"{lang}-{width}"
            print(f"== {tag}")
            p.size(width)
            p.go(f"/?lang={lang}")
            p.shot(f"{tag}-1-portfolio")
            p.go(f"/deal?d={deal}")
            p.shot(f"{tag}-2-deal")
            if first:
                p.submit("form[action='/week/new']")
                first = False
                p.expect("/week?" in p.js("location.href"), "New week opens the week's form")
            else:
                p.go(f"/week?d={deal}&w=2026-W50")
            fill_week(p, lang)
            p.shot(f"{tag}-3-week-filled")
            p.submit("form#week", "button[value=save]")
            p.expect(p.js("!!document.querySelector('p.ok')"), "Save says saved")
            live_plan(p)
            drop_photos(p, deal)
            fill_week(p, lang)  # the dropped photos' captions
            p.submit("form#week", "button[value=save]")
            p.shot(f"{tag}-4-week-saved")
            pdf = p.js_await(f"""(async () => {{ const r = await fetch('/doc?d={deal}&kind=report&week=2026-W50&lang=en%2Bzh&format=pdf');
              const b = new Uint8Array(await r.arrayBuffer()); return String.fromCharCode(...b.slice(0, 4)); }})()""")
            p.expect(pdf == "%PDF", f"Preview gives the PDF ({pdf!r})")
            p.submit("form#week", "button[value=finish]")
            files = p.js("[...document.querySelectorAll('.files a')].map(a => a.textContent)")
            print(f"  finished: {files}")
            p.expect(any(f.endswith('.eml') for f in files or []) and any(f.endswith('.pdf') for f in files or []), "Finish lists the PDF and the .eml")
            p.shot(f"{tag}-5-finished")
            p.go(f"/verify?d={deal}")
            doc = chrome.call("DOM.getDocument", {}, session=True)
            node = chrome.call("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "#mail-files"}, session=True)
            chrome.call("DOM.setFileInputFiles", {"files": [os.path.join(work, "bank.eml")], "nodeId": node["nodeId"]}, session=True)
            p.submit("form.drop")
            warned = p.js("!!document.querySelector('article.mail.warn')")
            p.expect(warned, "the bank-change mail warns")
            p.shot(f"{tag}-6-verify")
    # The phone's upload page (what the QR code of `--lan` opens), at phone width, both languages.
    for lang in ["en", "zh"]:
        p.size(390)
        p.go(f"/phone?d={deal}&w=2026-W50&lang={lang}")
        p.shot(f"{lang}-390-7-phone")
    # The preview PDF, as the Preview button's tab loads it.
    p.go(f"/doc?d={deal}&kind=report&week=2026-W50&lang=en%2Bzh&format=pdf")
    p.drain()
    p.expect(not p.foreign, f"no request to another host ({p.foreign[:3]})")
    chrome.close()
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
    if p.failures:
        print("\n".join(["FAILURES:"] + p.failures))
        return 1
    print(f"all steps did what they should; screenshots in {args.out}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/debug/dealguard")
    ap.add_argument("--out", default="/tmp/dealguard-serve-check")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = ap.parse_args()
    sys.exit(run(args))


if __name__ == "__main__":
    main()
