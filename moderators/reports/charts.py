"""Bar charts as inline SVG, drawn on the server: no script, no CDN, readable in print.

Each chart has role="img" and a <title>; the page puts the same numbers in a table beside it,
which is the text alternative. Every bar carries its value in print, and the series of a grouped
chart differ by pattern as well as by colour, so black-and-white copies stay readable. Charts
scale with their viewBox; in right-to-left locales they are mirrored and the text runs right to
left (the direction is always set, because inline SVG would otherwise inherit the page's).
"""

import math
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from moderators.i18n import current_locale, text_direction
from moderators.reports.demand import DemandRow
from moderators.reports.formats import ReaderFormats
from moderators.reports.statistics import Row

WIDTH = 400  # viewBox units; the figure is as wide as its column, at most about 32rem
PAD = 4
VALUE_SPACE = 44  # room after the longest bar for its printed value
CHAR_WIDTH = 6.5  # about the width of a character at 11 units, for fitting labels
LABEL_CHARS = 46  # longer labels are cut in the chart; the table beside it has them in full


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # the value as printed; by default the number in the reader's locale
    title: str = ""  # a longer label for the tooltip, where `label` is short


@dataclass(frozen=True)
class Series:
    label: str
    fill: str
    stroke: str
    pattern: str = ""  # "", "hatch" or "dots"


def bars(pairs) -> list[Bar]:
    """Bars from (label, count) pairs."""
    count = ReaderFormats().count
    return [Bar(label, value, count(value)) for label, value in pairs]


def bar_chart(chart_id: str, title: str, data: list[Bar]) -> Markup:
    """Horizontal bars, each with its label above it and its value at its end."""
    row, top, count = 38, PAD, ReaderFormats().count
    scale = _scale(max((b.value for b in data), default=0), WIDTH - 2 * PAD - VALUE_SPACE)
    canvas = _Canvas(chart_id, title, WIDTH, top + row * len(data) + PAD)
    for i, bar in enumerate(data):
        y = top + i * row
        canvas.text(PAD, y + 14, bar.label, size=14, title=bar.title)
        length = bar.value * scale
        canvas.rect(PAD, y + 19, length, 14, "#0b5c8a", "#0b5c8a")
        canvas.text(PAD + length + 5, y + 31, bar.text or count(bar.value), size=13)
    return canvas.svg()


def column_chart(chart_id: str, title: str, data: list[Bar], values: bool = True) -> Markup:
    """Vertical bars in time order, e.g. months. A label may have two lines ("Aug\n2026"); bars
    with an empty label stay unlabelled; `values` prints each bar's value above it."""
    plot_top, plot_height, labels = 20, 150, 34
    count = ReaderFormats().count
    slot = (WIDTH - 2 * PAD) / max(len(data), 1)
    scale = _scale(max((b.value for b in data), default=0), plot_height)
    baseline = plot_top + plot_height
    canvas = _Canvas(chart_id, title, WIDTH, baseline + labels)
    canvas.line(PAD, baseline, WIDTH - PAD, baseline)
    for i, bar in enumerate(data):
        x = PAD + i * slot
        height = bar.value * scale
        canvas.rect(
            x + slot * 0.15, baseline - height, slot * 0.7, height, "#0b5c8a", "#0b5c8a", bar.title
        )
        middle = x + slot / 2
        if values:
            value = bar.text or count(bar.value)
            canvas.text(middle, baseline - height - 4, value, size=11, anchor="middle")
        first, _sep, second = bar.label.partition("\n")
        for line, text in enumerate((first, second)):
            if text:
                at, anchor = _inside(middle, len(text) * CHAR_WIDTH)
                canvas.text(at, baseline + 14 + 14 * line, text, size=11, anchor=anchor)
    return canvas.svg()


def grouped_bar_chart(
    chart_id: str, title: str, series: list[Series], groups: list[tuple[str, list[float]]]
) -> Markup:
    """Per group (e.g. a language) one thin bar for each series, with a legend on top."""
    legend_row, bar, gap = 20, 11, 3
    count = ReaderFormats().count
    top = PAD + legend_row * len(series) + 8
    row = 20 + len(series) * (bar + gap) + 8
    largest = max((v for _label, values in groups for v in values), default=0)
    scale = _scale(largest, WIDTH - 2 * PAD - VALUE_SPACE)
    canvas = _Canvas(chart_id, title, WIDTH, top + row * len(groups) + PAD)
    canvas.patterns(series)
    for i, one in enumerate(series):
        y = PAD + i * legend_row
        canvas.rect(PAD, y + 2, 22, 13, *canvas.paint(one))
        canvas.text(PAD + 30, y + 13, one.label, size=13)
    for g, (label, values) in enumerate(groups):
        y = top + g * row
        canvas.text(PAD, y + 14, label, size=14, bold=True)
        for i, (one, value) in enumerate(zip(series, values, strict=True)):
            y_bar = y + 20 + i * (bar + gap)
            length = value * scale
            canvas.rect(PAD, y_bar, length, bar, *canvas.paint(one), title=one.label)
            canvas.text(PAD + length + 5, y_bar + bar - 1, count(value), size=11)
    return canvas.svg()


# The charts of the report pages -------------------------------------------------------------

BREAKDOWN_TITLES = {
    "language": _l("Veranstaltungen nach Sprache"),
    "district": _l("Veranstaltungen nach Bezirk"),
    "topic": _l("Veranstaltungen nach Thema"),
    "school_type": _l("Veranstaltungen nach Art der Einrichtung"),
    "month": _l("Veranstaltungen nach Monat"),
}
FEW_MONTHS = 14  # up to this many columns, each gets its value printed above it


def breakdown_chart(by: str, rows: list[Row]) -> Markup:
    """Sessions held per group of a breakdown (statistics.BREAKDOWNS)."""
    title = str(BREAKDOWN_TITLES[by])
    if by == "month":
        return column_chart(f"chart-{by}", title, month_bars(rows), len(rows) <= FEW_MONTHS)
    return bar_chart(f"chart-{by}", title, bars((row.label, row.sessions) for row in rows))


def month_bars(rows: list[Row]) -> list[Bar]:
    """Columns for months (rows keyed "YYYY-MM"), named short ("Aug.") or by number where the
    names do not fit under their columns, with the year under each January; with too many
    months for either, only some years are named."""
    firsts = [date.fromisoformat(f"{row.key}-01") for row in rows]
    names = _month_names(firsts)
    step = math.ceil(len(rows) / 12 / 8)  # at most about eight years named
    count = ReaderFormats().count
    result = []
    for i, (row, first) in enumerate(zip(rows, firsts, strict=True)):
        new_year = i == 0 or first.month == 1
        if names:
            label = names[i] + (f"\n{first.year}" if new_year else "")
        else:
            shown = new_year and (first.year - firsts[0].year) % step == 0
            label = str(first.year) if shown else ""
        result.append(Bar(label, row.sessions, count(row.sessions), row.label))
    return result


def _month_names(firsts: list[date]) -> list[str] | None:
    room = (WIDTH - 2 * PAD) / max(len(firsts), 1) / CHAR_WIDTH  # characters under a column
    day = ReaderFormats().day
    for pattern in ("MMM", "L"):  # "Aug.", else "8" (in the reader's digits)
        names = [day(first, pattern) for first in firsts]
        if max((len(name) for name in names), default=0) <= room:
            return names
    return None


def demand_chart(rows: list[DemandRow]) -> Markup:
    """Requests, sessions scheduled, unfilled requests and active moderators per language that
    was asked for or held in the period."""
    series = [
        Series(_("Anfragen"), "#0b5c8a", "#0b5c8a"),
        Series(_("Veranstaltungen geplant"), "#a9c9e2", "#0b5c8a"),
        Series(_("unbesetzt"), "", "#a12828", "hatch"),
        Series(_("aktive Moderator*innen"), "", "#1e6b3a", "dots"),
    ]
    groups = [
        (row.label, [row.requests, row.sessions, row.unfilled, row.moderators])
        for row in rows
        if row.requests or row.sessions
    ]
    return grouped_bar_chart("chart-demand", _("Bedarf je Sprache"), series, groups)


class _Canvas:
    """Collects SVG elements in left-to-right coordinates and mirrors them for right-to-left."""

    def __init__(self, chart_id: str, title: str, width: float, height: float):
        self.id, self.title, self.width, self.height = chart_id, title, width, height
        self.rtl = text_direction(current_locale()) == "rtl"
        self.defs: list[str] = []
        self.parts: list[str] = []

    def _x(self, x: float, width: float = 0) -> float:
        return self.width - x - width if self.rtl else x

    def rect(self, x, y, width, height, fill, stroke, title=""):
        inner = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(
            f'<rect x="{_n(self._x(x, width))}" y="{_n(y)}" width="{_n(width)}" '
            f'height="{_n(height)}" fill="{fill}" stroke="{stroke}">{inner}</rect>'
        )

    def line(self, x1, y, x2, y2):
        self.parts.append(
            f'<line x1="{_n(self._x(x1))}" y1="{_n(y)}" x2="{_n(self._x(x2))}" y2="{_n(y2)}" '
            'stroke="#5a6573"/>'
        )

    def text(self, x, y, content, size=13, anchor="start", bold=False, title=""):
        """Long text is cut short; the whole of it, or `title`, is then its tooltip."""
        shown = _cut(content)
        tip = title or (content if shown != content else "")
        inner = escape(shown) + (Markup("<title>%s</title>") % tip if tip else "")
        # "start" follows the direction set on the svg, so mirrored text grows the right way
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{_n(self._x(x))}" y="{_n(y)}" font-size="{size}" '
            f'text-anchor="{anchor}"{weight} fill="#1d2733">{inner}</text>'
        )

    def patterns(self, series: list[Series]) -> None:
        for one in series:
            pid = f"{self.id}-{one.pattern}"
            if one.pattern == "hatch":
                self.defs.append(
                    f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                    f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
                    f'<line x1="0" y1="0" x2="0" y2="6" stroke="{one.stroke}" '
                    'stroke-width="3"/></pattern>'
                )
            elif one.pattern == "dots":
                self.defs.append(
                    f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                    f'<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.5" '
                    f'fill="{one.stroke}"/></pattern>'
                )

    def paint(self, one: Series) -> tuple[str, str]:
        fill = f"url(#{self.id}-{one.pattern})" if one.pattern else one.fill
        return fill, one.stroke

    def svg(self) -> Markup:
        direction = "rtl" if self.rtl else "ltr"
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        # Every text was escaped where it was added (text, rect, the title here); the rest are
        # numbers and this module's own ids and colours.
        return Markup(  # nosec B704
            f'<svg class="chart" role="img" aria-labelledby="{self.id}-title" '
            f'viewBox="0 0 {self.width} {_n(self.height)}" width="100%" direction="{direction}" '
            f'font-family="system-ui, sans-serif" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{self.id}-title">{escape(self.title)}</title>{defs}'
            f"{''.join(self.parts)}</svg>"
        )


def _inside(middle: float, width: float) -> tuple[float, str]:
    """Where to put a label centred under a column so that it does not run off the chart."""
    if middle - width / 2 < PAD:
        return PAD, "start"
    if middle + width / 2 > WIDTH - PAD:
        return WIDTH - PAD, "end"
    return middle, "middle"


def _scale(largest: float, room: float) -> float:
    return room / largest if largest > 0 else 0


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _n(value: float) -> str:
    """Coordinates with one decimal at most: short and stable output."""
    return f"{value:.1f}".removesuffix(".0")
