"""The overview's charts as SVG drawn on the server with matplotlib (object API, SVG backend, no
pyplot), ready to inline in a page that works without JavaScript.

Deterministic: a fixed hash salt, no date or creator in the metadata, DejaVu Sans (shipped with
matplotlib), text kept as text. The page's Content-Security-Policy refuses inline styles, so
every `style` of matplotlib's output becomes presentation attributes; ids get the chart's own
prefix, so several charts share a page. A chart is drawn once per content (a small cache), so
a page shown again after no change draws nothing; a bar chart whose values changed is drawn
again from its kept figure.
"""

from __future__ import annotations

import io
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ACCENT = "#154273"
INK = "#1a1a1a"
GRID = "#ccccdd"
WIDTH_IN = 6.4
MAX_LABEL = 36  # characters of a label on the chart; the table beside it has the whole name
CHAR_PT = 6.2  # about the widest average width of a DejaVu Sans character at 10 px, for the label margin
RC = {
    "svg.hashsalt": "vraagwijzer",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "text.parse_math": False,  # an organisation called "$x$" is text, not a formula
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
}
_drawing = threading.Lock()  # rcParams are process-wide; one chart at a time


def bar_chart(key: str, title: str, labels: tuple[str, ...], values: tuple[float, ...], decimals: int = 0) -> str:
    """Horizontal bars, one per label, top to bottom, the value at the end of each bar."""
    return _cached_bars(key, title, labels, values, decimals)


def column_chart(key: str, title: str, labels: tuple[str, ...], values: tuple[int, ...]) -> str:
    """Vertical columns in time order (months), with at most about twelve labels under them."""
    return _cached_columns(key, title, labels, values)


@dataclass
class _Bars:
    """A drawn bar chart kept to be drawn again with other values (same labels): changing the
    bars and texts costs a fraction of building the figure anew."""

    figure: Figure
    axes: Axes
    bars: list[Rectangle]
    values: list[Text]


_kept: dict[tuple[str, tuple[str, ...], int], _Bars] = {}
MAX_KEPT = 64


@lru_cache(maxsize=256)
def _cached_bars(key: str, title: str, labels: tuple[str, ...], values: tuple[float, ...], decimals: int) -> str:
    with _drawing, matplotlib.rc_context(cast(Any, RC)):
        kept = _kept.get((key, labels, decimals))
        if kept is None:
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            kept = _kept[key, labels, decimals] = _bars(labels, len(values))
        for bar, text, value in zip(kept.bars, kept.values, values, strict=True):
            bar.set_width(value)
            text.set_x(value)
            text.set_text(f" {value:.{decimals}f}".replace(".", ","))
        kept.axes.set_xlim(0, max(values, default=0) or 1)
        return _svg(kept.figure, key, title)


def _bars(labels: tuple[str, ...], count: int) -> _Bars:
    """An empty bar chart for `labels`. Labels and values are plain texts, not axis ticks: the
    table beside the chart carries the scale, and ticks (each a handful of artists) would make
    drawing several times slower."""
    height = 0.3 * max(1, len(labels)) + 0.2
    shown = [_short(label) for label in labels]
    left = min(0.5, max(0.12, (max(map(len, shown), default=0) * CHAR_PT + 8) / (WIDTH_IN * 72)))
    figure = Figure(figsize=(WIDTH_IN, height))
    axes = figure.add_axes((left, 0.1 / height, 0.9 - left, 1 - 0.2 / height))
    positions = list(range(count))
    bars = list(axes.barh(positions, [0] * count, color=ACCENT, height=0.7))
    axes.set_ylim(count - 0.5, -0.5)
    axes.set_xticks([])
    axes.set_yticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    to_left = axes.get_yaxis_transform()  # x in axes fractions, y in bar positions
    texts = []
    for position, label in zip(positions, shown, strict=True):
        axes.text(-0.015, position, label, transform=to_left, ha="right", va="center")
        texts.append(axes.text(0, position, "", va="center", clip_on=False))
    return _Bars(figure, axes, bars, texts)


@lru_cache(maxsize=64)
def _cached_columns(key: str, title: str, labels: tuple[str, ...], values: tuple[int, ...]) -> str:
    with _drawing, matplotlib.rc_context(cast(Any, RC)):
        figure = Figure(figsize=(WIDTH_IN, 2.8))
        axes = figure.add_axes((0.08, 0.12, 0.9, 0.84))
        positions = list(range(len(labels)))
        axes.bar(positions, values, color=ACCENT, width=0.75)
        every = max(1, -(-len(labels) // 8))
        axes.set_xticks(positions[::every], list(labels[::every]))
        axes.set_xlim(-0.6, max(len(labels), 1) - 0.4)
        axes.set_ylim(0, (max(values, default=0) or 1) * 1.1)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.set_axisbelow(True)
        axes.grid(axis="y", color=GRID, linewidth=0.8)
        axes.tick_params(length=0)
        return _svg(figure, key, title)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _svg(figure: Figure, key: str, title: str) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return inline(buffer.getvalue(), key, title)


def inline(svg: bytes, key: str, title: str) -> str:
    """matplotlib's SVG document as an element to put in a page: role img, named by its <title>,
    no metadata or <style>, styles as attributes, ids prefixed with `key`, sized by the page."""
    root = ET.fromstring(svg)
    for child in list(root):
        if child.tag in (f"{{{SVG_NS}}}metadata",):
            root.remove(child)
    for parent in root.iter():
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}style":
                parent.remove(child)
    for element in root.iter():
        _restyle(element, key)
    for size in ("width", "height"):
        root.attrib.pop(size, None)
    root.set("role", "img")
    root.set("aria-labelledby", f"{key}-title")
    root.set("class", "chart")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("focusable", "false")
    name = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{key}-title"})
    name.text = title
    root.insert(0, name)
    _plain_names(root)
    return ET.tostring(root, encoding="unicode")  # escapes every text, the title too


def _plain_names(root: ET.Element) -> None:
    """Namespaces as plain attributes, not through ElementTree's prefix registry, which is global
    to the process (the catalogue's Atom feeds serialise in it too): `svg` with its xmlns,
    `xlink:href` with xmlns:xlink."""
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
        for attribute in [a for a in element.attrib if a.startswith(f"{{{XLINK_NS}}}")]:
            element.set("xlink:" + attribute.split("}", 1)[1], element.attrib.pop(attribute))
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)


def _restyle(element: ET.Element, key: str) -> None:
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name or not value:
            continue
        if name == "font-family":
            value = value.replace("'", "") + ", sans-serif"
        element.set(name, value)
    if "id" in element.attrib:
        element.set("id", f"{key}-{element.attrib['id']}")
    for attribute, value in list(element.attrib.items()):
        if "url(#" in value:
            element.set(attribute, value.replace("url(#", f"url(#{key}-"))
        elif attribute == f"{{{XLINK_NS}}}href" and value.startswith("#"):
            element.set(attribute, f"#{key}-{value[1:]}")
