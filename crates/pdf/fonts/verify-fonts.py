#!/usr/bin/env python3
"""Check the committed font subsets (run by build-fonts.sh).

    python3 crates/pdf/fonts/verify-fonts.py [--source-dir /usr/share/fonts/opentype/noto]
                                  [--core-dir /usr/share/fonts/truetype/noto]

Noto Sans CJK SC (the main faces): fails (exit 1) if a subset does not open,
lacks a GB 2312 hanzi, lacks a requested code point that the source face has,
has fullwidth ASCII digits, or has 65535 glyphs or more.

Noto Sans and Noto Sans Symbols 2 (the companion faces): fails if a subset
does not open or is not TrueType (glyf), lacks a requested code point that
the source font has, or if Noto Sans' quotes, ellipsis, bullet and middle dot
are not proportional (narrower than 0.9 em, same advance as in the source).

All five: fails if a character of COMPANION_SAMPLE is in none of the faces
of a weight (CJK face, then Noto Sans, then Noto Sans Symbols 2, the order
in which dealguard falls back), or if the OpenType Sanitizer rejects a file
(only when the pip package opentype-sanitizer is installed). Code points that
the source fonts themselves do not have are only reported.
"""
import argparse
import os
import re
import sys

from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = ("Regular", "Bold")
SAMPLE = ("不锈钢锅具套装，12,000 套 宁波恒力厨具有限公司 铆钉 每周生产进度报告 本周无 "
          "★☆✓✗→•±–— Lindqvist “Deep drawing” №1 € ¥")
# What the reports need beyond the sample: accented names and trade symbols.
EXTRA = "Sundberg Müller Łukasz £₩₹×÷°µ™©←↑↓✔✘、。「」『』【】〔〕《》〈〉啰瞭铆拉抛锅钉"

# Companion faces: (file, source file in --core-dir, code point list).
COMPANIONS = (
    ("NotoSans-Regular.ttf", "NotoSans-Regular.ttf", "unicodes-notosans.txt"),
    ("NotoSans-Bold.ttf", "NotoSans-Bold.ttf", "unicodes-notosans.txt"),
    ("NotoSansSymbols2-Regular.ttf", "NotoSansSymbols2-Regular.ttf", "unicodes-symbols2.txt"),
)
# Fallback order per weight, as in dealguard: main face first, then companions.
CHAINS = {
    "Regular": ("NotoSansCJKsc-Regular.otf", "NotoSans-Regular.ttf", "NotoSansSymbols2-Regular.ttf"),
    "Bold": ("NotoSansCJKsc-Bold.otf", "NotoSans-Bold.ttf", "NotoSansSymbols2-Regular.ttf"),
}
# Every character must be in at least one face of each chain.
COMPANION_SAMPLE = ("Łukasz Šťastný Dvořák Ærøskøbing Nguyễn ₹ ‽ “quoted” ‘single’ … • "
                    "✓ ✔ ✗ ✘ ☐ ☑ ★ ☆ ⚠")
# dealguard draws these from Noto Sans in Latin text: must be proportional.
PROPORTIONAL = "\u2018\u2019\u201C\u201D\u2026\u2022\u00B7"  # ‘ ’ “ ” … • ·


def gb2312_hanzi():
    out = []
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                out.append(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def requested_codepoints(path):
    """(section title, [code points]) from unicodes.txt."""
    sections, title = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"# --- (.*): \d+ code points", line)
            if m:
                title = m.group(1)
                sections.append((title, []))
            elif line.startswith("U+"):
                sections[-1][1].append(int(line.split()[0][2:], 16))
    return sections


def source_face(source_dir, weight):
    path = os.path.join(source_dir, "NotoSansCJK-%s.ttc" % weight)
    if not os.path.exists(path):
        return None
    for font in TTCollection(path, lazy=True).fonts:
        if font["name"].getDebugName(6) == "NotoSansCJKsc-" + weight:
            return font
    return None


def invisible(cp):
    """Blank, control and format characters: not printed, only their number."""
    return (cp <= 0x20 or 0x7F <= cp <= 0xA0 or cp == 0xAD
            or 0x2000 <= cp <= 0x200F or 0x2028 <= cp <= 0x202F
            or 0x205F <= cp <= 0x206F or cp == 0x3000)


def fmt(cps):
    return " ".join("U+%04X" % cp if invisible(cp) else "U+%04X %s" % (cp, chr(cp)) for cp in cps)


def feature_tags(font, tag):
    if tag not in font:
        return []
    return sorted({r.FeatureTag for r in font[tag].table.FeatureList.FeatureRecord})


def check_companion(name, src_path, list_name, cmaps, errors):
    """A Noto Sans / Noto Sans Symbols 2 subset against its source font."""
    path = os.path.join(HERE, name)
    try:
        font = TTFont(path)
        cmap = font.getBestCmap()
        font["glyf"]  # decompile
    except Exception as e:  # noqa: BLE001 - report anything that breaks loading
        errors.append("%s: does not open (or has no glyf table): %s" % (name, e))
        return
    cmaps[name] = cmap
    tables = sorted(t.strip() for t in font.keys() if t != "GlyphOrder")
    print("%s: %d bytes, %d glyphs, %d code points, TrueType, family %r, PostScript %r"
          % (name, os.path.getsize(path), font["maxp"].numGlyphs, len(cmap),
             font["name"].getDebugName(1), font["name"].getDebugName(6)))
    print("  tables: %s; post format %s" % (" ".join(tables), font["post"].formatType))
    print("  GSUB: %s; GPOS: %s" % (" ".join(feature_tags(font, "GSUB")) or "-",
                                    " ".join(feature_tags(font, "GPOS")) or "-"))
    if "CFF " in font or "CFF2" in font:
        errors.append("%s: has CFF outlines, expected TrueType" % name)
    for nid in (0, 1, 2, 4, 6, 13):
        if not font["name"].getDebugName(nid):
            errors.append("%s: name ID %d missing" % (name, nid))

    src = TTFont(src_path, lazy=True) if os.path.exists(src_path) else None
    src_cmap = src.getBestCmap() if src is not None else None
    if src is not None and src["head"].modified != font["head"].modified:
        errors.append("%s: head.modified differs from the source" % name)

    not_in_source = []
    for title, cps in requested_codepoints(os.path.join(HERE, list_name)):
        absent = [cp for cp in cps if cp not in cmap]
        if src_cmap is not None:
            lost = [cp for cp in absent if cp in src_cmap]
            if lost:
                errors.append("%s: %s: lost in subsetting: %s" % (name, title, fmt(lost)))
            absent = [cp for cp in absent if cp not in src_cmap]
        if absent:
            not_in_source.append((title, absent))
    if not_in_source:
        print("  requested but not in the source font:" if src_cmap is not None
              else "  requested but not in this font (source font not found, not compared):")
        for title, absent in not_in_source:
            print("    %s: %d: %s" % (title, len(absent), fmt(absent)))

    if name.startswith("NotoSans-"):
        upm = font["head"].unitsPerEm
        widths = []
        for ch in PROPORTIONAL:
            cp = ord(ch)
            if cp not in cmap:
                errors.append("%s: %s missing" % (name, fmt([cp])))
                continue
            adv = font["hmtx"][cmap[cp]][0]
            widths.append("%s %d" % (ch, adv))
            if adv >= upm * 0.9:
                errors.append("%s: %s is not proportional (advance %d/%d)" % (name, fmt([cp]), adv, upm))
            if src is not None and adv != src["hmtx"][src_cmap[cp]][0]:
                errors.append("%s: %s advance %d differs from the source" % (name, fmt([cp]), adv))
        print("  advance widths (em %d): %s" % (upm, ", ".join(widths)))


def check_fallback(cmaps, errors):
    """Each character of COMPANION_SAMPLE is in some face of each weight's chain."""
    sample = []
    for ch in COMPANION_SAMPLE:
        if not ch.isspace() and ch not in sample:
            sample.append(ch)
    for weight, chain in CHAINS.items():
        if not all(n in cmaps for n in chain):
            errors.append("fallback %s: not checked, a font did not open" % weight)
            continue
        used = {n: [] for n in chain}
        for ch in sample:
            face = next((n for n in chain if ord(ch) in cmaps[n]), None)
            if face is None:
                errors.append("fallback %s: %s is in none of %s" % (weight, fmt([ord(ch)]), ", ".join(chain)))
            else:
                used[face].append(ch)
        print("fallback %s, sample characters taken from: %s"
              % (weight, "; ".join("%s %s" % (n, "".join(u) or "-") for n, u in used.items())))


def check_ots(names, errors):
    """The OpenType Sanitizer (as in Chrome and Firefox), if installed."""
    try:
        import ots
    except ImportError:
        print("ots-sanitize: not run (pip install opentype-sanitizer)")
        return
    for name in sorted(set(names)):
        r = ots.sanitize(os.path.join(HERE, name), capture_output=True)
        out = (r.stdout + r.stderr).decode("utf-8", "replace").strip()
        print("ots-sanitize %s: %s" % (name, out.replace("\n", " / ") or "rc %d" % r.returncode))
        if r.returncode != 0:
            errors.append("%s: rejected by ots-sanitize %s" % (name, ots.__version__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-dir", default="/usr/share/fonts/opentype/noto",
                    help="where NotoSansCJK-{Regular,Bold}.ttc are (fonts-noto-cjk)")
    ap.add_argument("--core-dir", default="/usr/share/fonts/truetype/noto",
                    help="where NotoSans-*.ttf and NotoSansSymbols2-*.ttf are (fonts-noto-core)")
    args = ap.parse_args()
    cmaps = {}  # file name -> cmap of the subset, for the fallback check

    errors = []
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    sections = requested_codepoints(os.path.join(HERE, "unicodes.txt"))
    checks = sorted({ord(c) for c in SAMPLE + EXTRA if not c.isspace()})

    for weight in WEIGHTS:
        name = "NotoSansCJKsc-%s.otf" % weight
        path = os.path.join(HERE, name)
        try:
            font = TTFont(path)
            cmap = font.getBestCmap()
            font["CFF "].cff[0]  # decompile
        except Exception as e:  # noqa: BLE001 - report anything that breaks loading
            errors.append("%s: does not open: %s" % (name, e))
            continue
        cmaps[name] = cmap
        n_glyphs = font["maxp"].numGlyphs
        top = font["CFF "].cff.topDictIndex[0]
        gsub = sorted({r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}) if "GSUB" in font else []
        gpos = sorted({r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}) if "GPOS" in font else []
        print("%s: %d bytes, %d glyphs, %d code points, CFF %s, family %r, PostScript %r"
              % (name, os.path.getsize(path), n_glyphs, len(cmap),
                 "CID-keyed %s-%s-%d" % top.ROS if hasattr(top, "ROS") else "name-keyed",
                 font["name"].getDebugName(1), font["name"].getDebugName(6)))
        print("  tables: %s" % " ".join(sorted(t.strip() for t in font.keys() if t != "GlyphOrder")))
        print("  GSUB: %s; GPOS: %s" % (" ".join(gsub), " ".join(gpos)))

        if n_glyphs >= 65535:
            errors.append("%s: %d glyphs" % (name, n_glyphs))
        for nid in (1, 2, 4, 6):
            if not font["name"].getDebugName(nid):
                errors.append("%s: name ID %d missing" % (name, nid))
        missing = [cp for cp in hanzi if cp not in cmap]
        if missing:
            errors.append("%s: %d GB 2312 hanzi missing: %s" % (name, len(missing), fmt(missing[:50])))

        # ASCII digits must be proportional-width Latin digits, not fullwidth.
        hmtx = font["hmtx"]
        digits = [hmtx[cmap[ord(d)]][0] for d in "0123456789"]
        upm = font["head"].unitsPerEm
        print("  advance widths: digits %s (em %d), space %d, fullwidth 0 %d"
              % (sorted(set(digits)), upm, hmtx[cmap[0x20]][0], hmtx[cmap[0xFF10]][0]))
        if max(digits) >= upm * 0.9:
            errors.append("%s: ASCII digits are fullwidth (%s)" % (name, digits))

        src = source_face(args.source_dir, weight)
        src_cmap = src.getBestCmap() if src is not None else None
        if src is not None and src["head"].modified != font["head"].modified:
            errors.append("%s: head.modified differs from the source" % name)

        # Requested code points that are absent: fine if the source lacks them.
        not_in_source = []
        for title, cps in sections:
            absent = [cp for cp in cps if cp not in cmap]
            if src_cmap is not None:
                lost = [cp for cp in absent if cp in src_cmap]
                if lost:
                    errors.append("%s: %s: lost in subsetting: %s" % (name, title, fmt(lost)))
                absent = [cp for cp in absent if cp not in src_cmap]
            if absent:
                not_in_source.append((title, absent))
        absent_checks = [cp for cp in checks if cp not in cmap]
        if src_cmap is not None:
            lost = [cp for cp in absent_checks if cp in src_cmap]
            if lost:
                errors.append("%s: sample characters lost in subsetting: %s" % (name, fmt(lost)))
        print("  sample/extra characters not in the font: %s" % (fmt(absent_checks) or "none"))
        if not_in_source:
            print("  requested but not in the source font:" if src_cmap is not None
                  else "  requested but not in this font (source font not found, not compared):")
            for title, absent in not_in_source:
                if title.startswith("where available"):
                    total = len(dict(sections)[title])
                    print("    %s: %d of %d (not listed)" % (title, len(absent), total))
                else:
                    print("    %s: %d: %s" % (title, len(absent), fmt(absent)))

    for name, src_name, list_name in COMPANIONS:
        check_companion(name, os.path.join(args.core_dir, src_name), list_name, cmaps, errors)

    check_fallback(cmaps, errors)
    check_ots([n for chain in CHAINS.values() for n in chain], errors)

    for e in errors:
        print("ERROR: " + e, file=sys.stderr)
    print("verify-fonts: %s" % ("FAILED" if errors else "ok"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
