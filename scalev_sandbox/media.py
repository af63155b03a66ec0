"""Product pictures for the demo store, drawn as SVG so the sandbox needs no image files.

Each seed image name maps to a palette and a simple pictogram; unknown names get a neutral
placeholder. Served from the sandbox origin, so previews and tests load nothing from elsewhere.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

PICTURES: dict[str, tuple[str, str, str]] = {
    # name: (background, accent, pictogram path on a 200x200 canvas)
    "bottle": ("#dff3ee", "#1f7a63", "M85 40h30v18l10 14v88a10 10 0 0 1-10 10H85a10 10 0 0 1-10-10V72l10-14z"),
    "tshirt": ("#f3e9df", "#8a4b1f", "M60 55l25-15h30l25 15 20 30-22 12-8-10v83H70V87l-8 10-22-12z"),
    "backpack": (
        "#e3e8f4",
        "#2f4a8a",
        "M70 60a30 30 0 0 1 60 0v5a20 20 0 0 1 15 19v76H55V84a20 20 0 0 1 15-19zm15 0h30a15 15 0 0 0-30 0z",
    ),
    "digital": ("#ece3f6", "#5e2f8a", "M45 55h110v75H45zm40 85h30v10H85zM60 70v45h80V70z"),
    "course": ("#fdf1d8", "#a06a00", "M100 45l70 30-70 30-70-30zm-45 45v35c20 20 70 20 90 0V90l-45 20z"),
    "ads": ("#fde2e4", "#b0263a", "M50 85h25l50-30v90l-50-30H50zm15 25h15l8 35H73z"),
    "ebook": ("#e0f0fb", "#1f5f8a", "M40 50c25-8 45-5 60 8 15-13 35-16 60-8v100c-25-8-45-5-60 8-15-13-35-16-60-8z"),
    "video": ("#e4f5e0", "#2f7a1f", "M45 60h80v80H45zm85 25l30-18v66l-30-18z"),
    "tshirt-white": ("#c9d3da", "#fbfbfb", "M60 55l25-15h30l25 15 20 30-22 12-8-10v83H70V87l-8 10-22-12z"),
    "tshirt-fold": ("#f3e9df", "#8a4b1f", "M45 70h110v70H45zm30-25h50l15 25H60z"),
    "backpack-navy": (
        "#e3e8f4",
        "#1c2a4a",
        "M70 60a30 30 0 0 1 60 0v5a20 20 0 0 1 15 19v76H55V84a20 20 0 0 1 15-19zm15 0h30a15 15 0 0 0-30 0z",
    ),
    "backpack-open": ("#e3e8f4", "#2f4a8a", "M55 80h90v80H55zm10-20h80l10 20H55z"),
    "bottle-night": ("#1f2a33", "#5fd0b0", "M85 40h30v18l10 14v88a10 10 0 0 1-10 10H85a10 10 0 0 1-10-10V72l10-14z"),
    "bundle": (
        "#fff0e0",
        "#c25e00",
        "M52 92h42v68H52zm54 0h42v68h-42zM42 66h52v20H42zm64 0h52v20h-52zM99 62c-8-24-42-26-36-6 3 8 20 8 36 6zm2 0c8-24 42-26 36-6-3 8-20 8-36 6z",
    ),
}
PLACEHOLDER = ("#eeeeee", "#888888", "M60 60h80v80H60z")


def picture_svg(name: str, label: str = "") -> str:
    background, accent, path = PICTURES.get(name, PLACEHOLDER)
    title = f"<title>{escape(label)}</title>" if label else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="600" height="600">'
        f'{title}<rect width="200" height="200" fill="{background}"/>'
        f'<path d="{path}" fill="{accent}" fill-rule="evenodd"/></svg>'
    )
