"""Builds the four TTF files in this folder from the npm package's WOFF subsets.

Run once when updating the font, not by the app (see README.md here):

    npm pack @fontsource/atkinson-hyperlegible-next && tar xzf fontsource-*.tgz
    pip install fonttools
    python resources/fonts/build_fonts.py package/files

Each style ships as two subsets, `latin` and `latin-ext`. Qt falls back to
another face for characters in the second one (ŵ, ŷ), so they are merged into
one face. fontTools' merger keeps a second copy of every glyph both subsets
hold (`A.1`, `space.1`) and adds a Latin `locl` lookup that swaps them in; the
copies have no character mapping, so PDF text made with them copies as
gibberish. The copies are the same drawings, so those lookups are removed and
the merged face subset again, which drops the unreachable copies.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

HERE = Path(__file__).parent
STYLES = {
    "Regular": (400, "normal"),
    "Bold": (700, "normal"),
    "Italic": (400, "italic"),
    "BoldItalic": (700, "italic"),
}
DUPLICATE = re.compile(r"^(.+)\.(\d+)$")


def renaming_lookups(font: TTFont) -> set[int]:
    """GSUB lookups that only swap glyphs for their merger-made copies (X -> X.1)."""
    found = set()
    for index, lookup in enumerate(font["GSUB"].table.LookupList.Lookup):
        if lookup.LookupType != 1:
            continue
        pairs = [pair for table in lookup.SubTable for pair in table.mapping.items()]
        is_copy = [
            (m := DUPLICATE.match(new)) is not None and m.group(1) == old for old, new in pairs
        ]
        if pairs and all(is_copy):
            found.add(index)
    return found


def build(source: Path, style: str) -> Path:
    weight, slant = STYLES[style]
    parts = [
        source / f"atkinson-hyperlegible-next-{sub}-{weight}-{slant}.woff"
        for sub in ("latin", "latin-ext")
    ]
    font = Merger().merge([str(p) for p in parts])
    drop = renaming_lookups(font)
    for record in font["GSUB"].table.FeatureList.FeatureRecord:
        record.Feature.LookupListIndex = [
            i for i in record.Feature.LookupListIndex if i not in drop
        ]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.flavor = None
    leftover = [
        g
        for g in font.getGlyphOrder()
        if DUPLICATE.match(g) and DUPLICATE.match(g).group(1) in font.getGlyphOrder()
    ]
    target = HERE / f"AtkinsonHyperlegibleNext-{style}.ttf"
    font.save(target)
    print(f"{target.name}: {len(font.getBestCmap())} characters, {len(leftover)} copies left")
    return target


if __name__ == "__main__":
    for name in STYLES:
        build(Path(sys.argv[1]), name)
