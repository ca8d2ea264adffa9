#!/usr/bin/env bash
# Regenerate the Noto Sans CJK SC subsets that dealguard compiles into its
# binary, and the Noto Sans / Noto Sans Symbols 2 subsets it falls back to
# (see README.md in this directory).
#
#   crates/pdf/fonts/build-fonts.sh          # writes the unicodes*.txt lists and all five fonts, then verifies
#
# Inputs (installed, never downloaded by this script):
#   Debian package fonts-noto-cjk 1:20220127+repack1-1
#     /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
#     (the "Noto Sans CJK SC" face is picked out of each collection by its
#     PostScript name, not by index)
#   Debian package fonts-noto-core 20201225-1
#     /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold}.ttf
#     /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf
#   Python 3 with fontTools. Pinned: fonttools 4.68.0 (the version that produced
#   the committed files). Any other version still works but may produce files
#   that are not byte-identical to the committed ones.
#   Optional: opentype-sanitizer (pip; the OpenType Sanitizer, run by
#   verify-fonts.py on all five fonts when it is installed).
#
# Outputs (all committed):
#   unicodes.txt                  the code points requested from Noto Sans CJK SC (generated)
#   NotoSansCJKsc-Regular.otf     CID-keyed CFF OpenType subsets
#   NotoSansCJKsc-Bold.otf
#   unicodes-notosans.txt         the code points requested from Noto Sans (generated)
#   NotoSans-Regular.ttf          TrueType (glyf) subsets: Latin, Vietnamese,
#   NotoSans-Bold.ttf             combining marks, proportional punctuation, currency
#   unicodes-symbols2.txt         the code points requested from Noto Sans Symbols 2 (generated)
#   NotoSansSymbols2-Regular.ttf  TrueType (glyf) subset: check marks, ballot boxes, shapes
#
# Deterministic: the head.modified date is copied from the source fonts
# (--no-recalc-timestamp), Python's hash seed is fixed and fontTools' pure
# Python table packer is used (not the optional HarfBuzz repacker), so two
# runs with the same inputs give byte-identical files.
set -euo pipefail

FONTTOOLS_PINNED="4.68.0"
NOTO_DEB_PINNED="1:20220127+repack1-1"
NOTO_CORE_DEB_PINNED="20201225-1"
SRC_DIR="${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}"
CORE_DIR="${NOTO_CORE_DIR:-/usr/share/fonts/truetype/noto}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

die() { echo "build-fonts.sh: error: $*" >&2; exit 1; }
warn() { echo "build-fonts.sh: warning: $*" >&2; }

# ---------------------------------------------------------------- prerequisites
command -v python3 >/dev/null 2>&1 \
    || die "python3 not found (Debian: apt-get install python3 python3-pip)"

ft_version="$(python3 -c 'import fontTools; print(fontTools.version)' 2>/dev/null)" \
    || die "Python module fontTools not found: pip install fonttools==${FONTTOOLS_PINNED} (or apt-get install python3-fonttools)"
if [[ "$ft_version" != "$FONTTOOLS_PINNED" ]]; then
    warn "fontTools ${ft_version} found, the committed files were made with ${FONTTOOLS_PINNED};"
    warn "the result may differ byte-wise (pip install fonttools==${FONTTOOLS_PINNED})"
fi

for w in Regular Bold; do
    [[ -r "$SRC_DIR/NotoSansCJK-$w.ttc" ]] \
        || die "$SRC_DIR/NotoSansCJK-$w.ttc not found: apt-get install fonts-noto-cjk"
done
if command -v dpkg-query >/dev/null 2>&1; then
    deb_version="$(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || true)"
    if [[ -n "$deb_version" && "$deb_version" != "$NOTO_DEB_PINNED" ]]; then
        warn "fonts-noto-cjk ${deb_version} installed, the committed files come from ${NOTO_DEB_PINNED}"
    fi
fi
for f in NotoSans-Regular NotoSans-Bold NotoSansSymbols2-Regular; do
    [[ -r "$CORE_DIR/$f.ttf" ]] \
        || die "$CORE_DIR/$f.ttf not found: apt-get install fonts-noto-core"
done
if command -v dpkg-query >/dev/null 2>&1; then
    deb_version="$(dpkg-query -W -f='${Version}' fonts-noto-core 2>/dev/null || true)"
    if [[ -n "$deb_version" && "$deb_version" != "$NOTO_CORE_DEB_PINNED" ]]; then
        warn "fonts-noto-core ${deb_version} installed, the committed files come from ${NOTO_CORE_DEB_PINNED}"
    fi
fi

export PYTHONHASHSEED=0
# Only read by fontTools when it recalculates head.modified, which it does not
# here (--no-recalc-timestamp); fixed anyway so that flipping that flag stays
# reproducible. 1643241600 = 2022-01-27, the upstream release date.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1643241600}"

# ---------------------------------------------------------- code point lists
python3 - unicodes.txt unicodes-notosans.txt unicodes-symbols2.txt <<'PY'
import sys

sections = []

def block(title, first, last):
    sections.append((title, list(range(first, last + 1))))

def chars(title, s):
    sections.append((title, [ord(c) for c in s]))

# Characters not shown after '#' in the comments (blank, control, format).
def invisible(cp):
    return (cp <= 0x20 or 0x7F <= cp <= 0xA0 or cp == 0xAD
            or 0x2000 <= cp <= 0x200F or 0x2028 <= cp <= 0x202F
            or 0x205F <= cp <= 0x206F or cp == 0x3000)

def write(path, header, sections):
    seen = set()
    lines = list(header)
    for title, cps in sections:
        new = [cp for cp in cps if cp not in seen]
        seen.update(new)
        lines.append("")
        lines.append("# --- %s: %d code points (%d new)" % (title, len(cps), len(new)))
        for cp in new:
            lines.append("U+%04X" % cp if invisible(cp) else "U+%04X  # %s" % (cp, chr(cp)))
    lines.append("")
    lines.append("# total: %d code points" % len(seen))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d code points" % (path, len(seen)))

# ---- Noto Sans CJK SC (unicodes.txt)
block("Basic Latin", 0x0020, 0x007E)
block("Latin-1 Supplement", 0x00A0, 0x00FF)
block("Latin Extended-A", 0x0100, 0x017F)
block("General Punctuation", 0x2000, 0x206F)
# Whole blocks taken for what the font has of them ("where available": the
# font has only a few of each, and verify-fonts.py only counts the rest).
block("where available: Currency Symbols (EUR U+20AC, KRW U+20A9, INR U+20B9)", 0x20A0, 0x20CF)
block("where available: Letterlike Symbols (U+2103, U+2116, U+2122, ...)", 0x2100, 0x214F)
block("where available: Number Forms (Roman numerals)", 0x2150, 0x218F)
block("where available: Arrows (U+2190-2193 and more)", 0x2190, 0x21FF)
block("where available: Mathematical Operators (U+2212 minus, U+2264, U+2265, ...)", 0x2200, 0x22FF)
chars("Stars and check marks", "\u2605\u2606\u2713\u2717\u2714\u2718")
block("CJK Symbols and Punctuation", 0x3000, 0x303F)
block("Halfwidth and Fullwidth Forms", 0xFF00, 0xFFEF)

# GB 2312, decoded with Python's gb2312 codec (EUC-CN: row r is lead byte
# 0xA0 + r, cells 1-94 are trail bytes 0xA1-0xFE).
def gb2312_rows(rows):
    out = []
    for row in rows:
        for cell in range(1, 95):
            try:
                ch = bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(ord(ch))
    return out

# Rows 1-3 symbols, numerals, fullwidth ASCII; 6 Greek; 7 Cyrillic; 8 pinyin
# letters and bopomofo. Rows 4-5 (kana) and 9 (box drawing) are not wanted.
sections.append(("GB 2312 non-hanzi rows 1-3, 6-8", gb2312_rows([1, 2, 3, 6, 7, 8])))
hanzi = gb2312_rows(range(16, 88))
assert len(hanzi) == 6763, len(hanzi)
sections.append(("GB 2312 hanzi, rows 16-87 (6763)", hanzi))

# Tongyong Guifan Hanzi Biao (2013) level 1 = kTGH index 1-3500 in Unihan
# (Debian unicode-data 15.0.0, Unihan_OtherMappings.txt). Of those 3500, only
# these two are not in GB 2312; they are listed here so that the build does
# not need Unihan.
chars("Tongyong Guifan level 1, not in GB 2312", "\u5570\u77AD")  # 啰 瞭
# Words from dealguard's reports, kept here explicitly (all in GB 2312 today).
chars("Required by dealguard reports", "铆拉抛锅钉")

def header(font, role):
    return [
        "# Code points requested from %s for dealguard's %s." % (font, role),
        "# GENERATED by build-fonts.sh - do not edit; change the script instead.",
        "# Format: pyftsubset --unicodes-file (anything after '#' is a comment).",
        "# Code points the source font does not have are skipped by pyftsubset;",
        "# build-fonts.sh prints them.",
    ]

write(sys.argv[1], header("Noto Sans CJK SC", "embedded fonts"), sections)

# ---- Noto Sans (unicodes-notosans.txt): the Latin companion. dealguard falls
# back to it, character by character, for what the CJK face lacks (most of
# Latin Extended-A, thin spaces, INR ...), and takes its proportional quotes,
# ellipsis and bullet in Latin text (the CJK face's are fullwidth).
sections = []
block("Basic Latin", 0x0020, 0x007E)
block("Latin-1 Supplement", 0x00A0, 0x00FF)
block("Latin Extended-A", 0x0100, 0x017F)
block("Latin Extended-B", 0x0180, 0x024F)
block("Combining Diacritical Marks", 0x0300, 0x036F)
block("Latin Extended Additional (Vietnamese)", 0x1E00, 0x1EFF)
block("General Punctuation", 0x2000, 0x206F)
block("Currency Symbols", 0x20A0, 0x20C0)
chars("Signs", "\u00B1\u00D7\u00F7\u00B0\u00B5\u2116\u2122\u2103")  # ± × ÷ ° µ № ™ ℃
block("Arrows U+2190-2199", 0x2190, 0x2199)
write(sys.argv[2], header("Noto Sans", "Latin companion fonts"), sections)

# ---- Noto Sans Symbols 2 (unicodes-symbols2.txt): check marks, ballot boxes
# and geometric shapes for status columns.
sections = []
chars("Check marks and crosses", "\u2713\u2714\u2717\u2718")  # ✓ ✔ ✗ ✘
chars("Ballot boxes", "\u2610\u2611\u2612")  # ☐ ☑ ☒
chars("Stars", "\u2605\u2606")  # ★ ☆
chars("Geometric shapes",  # ● ○ ◆ ◇ ■ □ ▲ △ ▼ ▽ ► ◄
      "\u25CF\u25CB\u25C6\u25C7\u25A0\u25A1\u25B2\u25B3\u25BC\u25BD\u25BA\u25C4")
chars("Warning sign", "\u26A0")  # ⚠
write(sys.argv[3], header("Noto Sans Symbols 2", "symbol companion font"), sections)
PY

# -------------------------------------------------------------------- subset
# Layout features: the default-on horizontal ones (ccmp liga calt mark mkmk
# kern) plus palt/halt (CJK punctuation spacing) and fwid/hwid/pwid (width
# variants; pwid gives proportional quotes and ellipsis for English text).
# Left out on purpose: locl (in the SC face it only swaps in Japanese, Korean
# and Traditional Chinese glyph forms: ~5,800 extra glyphs, +1.2 MB), aalt,
# dlig, hist, ruby and everything vertical (vert, vrt2, vkrn, vpal, vhal),
# and the vertical metrics tables vhea, vmtx and VORG.
# --no-hinting: drops the CFF stem hints (about -15 %). Subroutines are kept:
# --desubroutinize makes the files larger.
FEATURES="ccmp,liga,calt,mark,mkmk,kern,palt,halt,fwid,hwid,pwid"

tmp="$(mktemp -d "$here/.build-fonts.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

for w in Regular Bold; do
    src="$SRC_DIR/NotoSansCJK-$w.ttc"
    psname="NotoSansCJKsc-$w"
    index="$(python3 - "$src" "$psname" <<'PY'
import sys
from fontTools.ttLib import TTCollection
path, wanted = sys.argv[1], sys.argv[2]
coll = TTCollection(path, lazy=True)
hits = [i for i, font in enumerate(coll.fonts) if font["name"].getDebugName(6) == wanted]
if len(hits) != 1:
    sys.exit("%s: %d faces named %s" % (path, len(hits), wanted))
print(hits[0])
PY
)" || die "could not find face $psname in $src"
    echo "subsetting $src face #$index ($psname)"
    python3 -m fontTools.subset "$src" \
        --font-number="$index" \
        --unicodes-file=unicodes.txt \
        --layout-features="$FEATURES" \
        --drop-tables+=vhea,vmtx,VORG \
        --no-hinting \
        --notdef-outline \
        --name-IDs='*' \
        --name-languages='*' \
        --no-recalc-timestamp \
        --no-harfbuzz-repacker \
        --output-file="$tmp/$psname.otf"
    mv -f "$tmp/$psname.otf" "$here/$psname.otf"
done

# ------------------------------------------------- extension faces (level 2)
# GB 18030-2022 implementation level 2, minus what the main faces above have,
# is asked of the same SC faces: NotoSansCJKscExt-{Regular,Bold}.otf. dealguard
# parses them only when a document needs a character outside the main faces,
# so a document in GB 2312 never pays for them (see README.md, Coverage).
python3 - unicodes-ext.txt NotoSansCJKsc-Regular.otf tgh-outside-bmp.txt <<'PY'
import sys
from fontTools.ttLib import TTFont

out, main_face, tgh = sys.argv[1:4]
sections = []

def block(title, first, last):
    sections.append((title, list(range(first, last + 1))))

# Every two-byte code of GB 18030 (lead 0x81-0xFE, trail 0x40-0x7E, 0x80-0xFE),
# decoded with Python's gb18030 codec; the user-defined areas and the codes
# that GB 18030-2005 mapped into the Private Use Area are left out.
two_byte = []
for lead in range(0x81, 0xFF):
    for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
        try:
            ch = bytes([lead, trail]).decode("gb18030")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and not 0xE000 <= ord(ch) <= 0xF8FF:
            two_byte.append(ord(ch))
sections.append(("GB 18030 two-byte codes (symbols, GBK hanzi, compatibility ideographs)", two_byte))
# GB 18030-2022 moved 24 two-byte codes out of the PUA (vertical forms, CJK
# radicals, 6 hanzi); these are their new code points in the BMP.
sections.append(("GB 18030-2022 codes moved out of the PUA (BMP)",
                 list(range(0xFE10, 0xFE1A)) + list(range(0x9FB4, 0x9FBC))
                 + [0x2E81, 0x2E84, 0x2E88, 0x2E8B, 0x2E8C, 0x2E97, 0x2EA7,
                    0x2EAA, 0x2EAE, 0x2EB3, 0x2EB6, 0x2EB7, 0x2EBB, 0x2ECA]))
block("CJK Unified Ideographs U+4E00-9FFF", 0x4E00, 0x9FFF)
block("CJK Unified Ideographs Extension A U+3400-4DBF", 0x3400, 0x4DBF)
with open(tgh, encoding="utf-8") as f:
    outside = [int(l.split()[0][2:], 16) for l in f if l.startswith("U+")]
assert len(outside) == 196, len(outside)
sections.append(("Tongyong Guifan Hanzi Biao, outside the BMP (tgh-outside-bmp.txt)", outside))

have = set(TTFont(main_face, lazy=True).getBestCmap())
seen = set(have)
lines = [
    "# Code points requested from Noto Sans CJK SC for dealguard's extension faces:",
    "# GB 18030-2022 implementation level 2 minus what the main faces have.",
    "# GENERATED by build-fonts.sh - do not edit; change the script instead.",
    "# Format: pyftsubset --unicodes-file (anything after '#' is a comment).",
]
level2 = set()
for title, cps in sections:
    level2.update(cps)
    new = [cp for cp in cps if cp not in seen]
    seen.update(new)
    lines.append("")
    lines.append("# --- %s: %d code points (%d new)" % (title, len(cps), len(new)))
    for cp in new:
        lines.append("U+%04X  # %s" % (cp, chr(cp)) if cp > 0x20 else "U+%04X" % cp)
lines.append("")
lines.append("# level 2 as defined above: %d code points, %d of them in the main faces"
             % (len(level2), len(level2 & have)))
lines.append("# total: %d code points" % (len(seen) - len(have)))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(lines) + "\n")
print("%s: %d code points (level 2: %d)" % (out, len(seen) - len(have), len(level2)))
PY

for w in Regular Bold; do
    src="$SRC_DIR/NotoSansCJK-$w.ttc"
    psname="NotoSansCJKsc-$w"
    index="$(python3 -c 'import sys
from fontTools.ttLib import TTCollection
c = TTCollection(sys.argv[1], lazy=True)
print([i for i, f in enumerate(c.fonts) if f["name"].getDebugName(6) == sys.argv[2]][0])' "$src" "$psname")"
    echo "subsetting $src face #$index ($psname) for the extension face"
    python3 -m fontTools.subset "$src" \
        --font-number="$index" \
        --unicodes-file=unicodes-ext.txt \
        --layout-features="$FEATURES" \
        --drop-tables+=vhea,vmtx,VORG \
        --no-hinting \
        --notdef-outline \
        --name-IDs='*' \
        --name-languages='*' \
        --no-recalc-timestamp \
        --no-harfbuzz-repacker \
        --output-file="$tmp/NotoSansCJKscExt-$w.otf"
    mv -f "$tmp/NotoSansCJKscExt-$w.otf" "$here/NotoSansCJKscExt-$w.otf"
done

# --------------------------------------------------------- subset: companions
# Noto Sans and Noto Sans Symbols 2 keep their TrueType (glyf) outlines as they
# are. Options as above, and:
# Layout features: ccmp liga mark mkmk kern, what Noto Sans uses by default
# for Latin (ligatures fi fl ..., kerning, diacritics positioned on any base
# letter). mark+mkmk cost about 13 KB, kern 6 KB, of ~94 KB per weight.
# Left out: locl (Romanian s/t comma, Catalan l.l, Dutch IJ ...: +1 KB, not
# needed with precomposed characters), aalt, case, c2sc, smcp, frac, numr,
# dnom, subs, sups, ordn, onum, lnum, pnum, tnum, zero, salt, ss03, ss04 and
# rtlm (off by default or never applied by dealguard).
# --no-hinting: drops the ttfautohint TrueType instructions and the fpgm,
# prep and cvt tables (Noto Sans Regular 145 -> 94 KB, -35 %). Noto Sans
# Symbols 2 is not hinted in the first place.
# Glyph names dropped (pyftsubset's default, post table format 3). Noto Sans
# has none in the first place (format 3; --glyph-names would write names
# that fontTools makes up from the cmap: +7.5 KB per weight); Noto Sans
# Symbols 2 has them (format 2; +0.2 KB). The PDFs do not need them.
# Noto Sans Symbols 2: its ccmp/mark/mkmk lookups concern none of the kept
# glyphs, so the GSUB and GPOS tables end up with no features.
COMPANION_FEATURES="ccmp,liga,mark,mkmk,kern"

subset_companion() {  # source file, unicodes file, output name
    echo "subsetting $1"
    python3 -m fontTools.subset "$1" \
        --unicodes-file="$2" \
        --layout-features="$COMPANION_FEATURES" \
        --no-hinting \
        --notdef-outline \
        --name-IDs='*' \
        --name-languages='*' \
        --no-recalc-timestamp \
        --no-harfbuzz-repacker \
        --output-file="$tmp/$3"
    mv -f "$tmp/$3" "$here/$3"
}
for w in Regular Bold; do
    subset_companion "$CORE_DIR/NotoSans-$w.ttf" unicodes-notosans.txt "NotoSans-$w.ttf"
done
subset_companion "$CORE_DIR/NotoSansSymbols2-Regular.ttf" unicodes-symbols2.txt NotoSansSymbols2-Regular.ttf

# -------------------------------------------------------------------- verify
python3 "$here/verify-fonts.py" --source-dir "$SRC_DIR" --core-dir "$CORE_DIR"
ls -l "$here"/NotoSansCJKsc-*.otf "$here"/NotoSansCJKscExt-*.otf "$here"/NotoSans-*.ttf "$here"/NotoSansSymbols2-*.ttf
if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$here"/NotoSansCJKsc-*.otf "$here"/NotoSansCJKscExt-*.otf "$here"/NotoSans-*.ttf "$here"/NotoSansSymbols2-*.ttf
fi
