#!/usr/bin/env python3
"""Checks a dealguard DOCX by hand with python-docx (not run in CI).

Prints the styles used, every paragraph in order with its style and list numbering, and
asserts: the named styles exist, numbering.xml defines the clause lists, every clause of the
manifest properties has a numbered heading in each language, and (with --md) every clause
title of the Markdown schedule is present in order.

    pip install python-docx
    dealguard contract --lang en+zh --format docx -o /tmp/c.docx
    dealguard contract --lang en+zh --format md -o /tmp/c.md
    scripts/docx-check.py /tmp/c.docx --md /tmp/c.md
"""

import argparse
import collections
import re
import sys
import zipfile

import docx
from docx.oxml.ns import qn


def numbering(p):
    """(numId, ilvl) of a paragraph's own numbering, or None."""
    ppr = p._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    num = ppr.numPr.numId.val if ppr.numPr.numId is not None else None
    lvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
    return (num, lvl)


def paragraphs(d):
    """Body paragraphs in order, table cells row by row (merged cells once)."""
    body = d.element.body
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            yield docx.text.paragraph.Paragraph(el, d)
        elif el.tag == qn("w:tbl"):
            for p in el.iter(qn("w:p")):
                yield docx.text.paragraph.Paragraph(p, d)


def custom_props(path):
    with zipfile.ZipFile(path) as z:
        if "docProps/custom.xml" not in z.namelist():
            return {}
        xml = z.read("docProps/custom.xml").decode("utf-8")
    return dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)<', xml))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docx")
    ap.add_argument("--md", help="the same schedule as Markdown, to check titles against")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    a = ap.parse_args()
    d = docx.Document(a.docx)
    names = {s.name for s in d.styles}
    for s in ["Title", "Heading 1", "Heading 2", "Clause body", "Chinese"]:
        assert s in names, f"style {s!r} missing"
    with zipfile.ZipFile(a.docx) as z:
        num_xml = z.read("word/numbering.xml").decode("utf-8")
    # LibreOffice renumbers lists when it saves: look for a multilevel list with a `%1.%2` level.
    assert "<w:abstractNum " in num_xml and re.search(r'w:lvlText w:val="%1\.%2"', num_xml), "clause list missing"
    used = collections.Counter()
    heads = collections.Counter()
    titles = []
    counters = collections.defaultdict(lambda: [0, 0])
    for p in paragraphs(d):
        style = p.style.name if p.style is not None else "?"
        used[style] += 1
        n = numbering(p)
        label = ""
        if n is not None:
            c = counters[n[0]]
            if n[1] == 0:
                c[0] += 1
                c[1] = 0
                label = f"[list {n[0]}: {c[0]}]"
            else:
                c[1] += 1
                label = f"[list {n[0]}: {c[0]}.{c[1]}]"
        if style == "Heading 2" and n is not None and n[1] == 0:
            heads[n[0]] += 1
            titles.append(p.text.strip())
        if not a.quiet:
            text = p.text.replace("\n", " / ")
            print(f"{style:<12} {label:<16} {text[:90]}")
    print("styles used:", dict(sorted(used.items())))
    props = custom_props(a.docx)
    count = int(props.get("dealguard.clauses", "0"))
    langs = props.get("dealguard.langs", "en").split("+")
    print(f"manifest: {count} clauses, langs {'+'.join(langs)}, set {props.get('dealguard.set')}")
    print("numbered clause headings per list:", dict(heads))
    assert sum(heads.values()) == count * len(langs), "a clause heading is not numbered"
    # As written by dealguard (a re-save may renumber the lists): list 1 English, 2 Chinese.
    if set(heads) <= {1, 2}:
        for lang in langs:
            n = heads[{"en": 1, "zh": 2}[lang]]
            assert n == count, f"{lang}: {n} numbered headings, {count} clauses"
    if a.md:
        md = open(a.md, encoding="utf-8").read()
        want = []
        for line in re.findall(r"^### (.+)$", md, re.M):
            for part in line.replace("\\", "").split(" / "):
                want.append(re.sub(r"^(\d+\. |第\d+条 )", "", part).strip())
        got = iter(titles)
        for w in want:
            assert any(g == w for g in got), f"title {w!r} missing or out of order"
        print(f"all {len(want)} clause titles present in order")
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
