"""The SVG charts: accessible names, printed values, labels that fit, right-to-left mirroring."""

import re
from datetime import date

import pytest

from moderators.reports import charts
from moderators.reports.demand import DemandRow
from moderators.reports.statistics import Period, Row, months


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def rows(*pairs) -> list[Row]:
    return [Row(label, label, sessions, 0, 0) for label, sessions in pairs]


def test_a_bar_chart_is_an_image_with_a_title_and_every_value_printed(request_context):
    svg = str(charts.breakdown_chart("district", rows(("Altona", 12), ("Wandsbek", 3))))
    assert svg.startswith('<svg class="chart" role="img" aria-labelledby="chart-district-title"')
    assert '<title id="chart-district-title">Veranstaltungen nach Bezirk</title>' in svg
    assert 'viewBox="0 0 400 ' in svg and 'width="100%"' in svg
    texts = re.findall(r"<text[^>]*>([^<]*)", svg)
    assert texts == ["Altona", "12", "Wandsbek", "3"]


def test_the_longest_bar_fills_the_room_and_the_others_are_in_proportion(request_context):
    svg = str(charts.bar_chart("c", "t", charts.bars([("a", 10), ("b", 5), ("c", 0)])))
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == charts.WIDTH - 2 * charts.PAD - charts.VALUE_SPACE
    assert widths[1] == widths[0] / 2
    assert widths[2] == 0


def test_labels_are_escaped_and_long_ones_cut_with_the_whole_as_tooltip(request_context):
    long = "Übergang Schule–Beruf: Ausbildung, Studium, Praktikum und was danach kommt"
    svg = str(charts.bar_chart("c", "t", charts.bars([("<b>Eltern</b>", 1), (long, 2)])))
    assert "&lt;b&gt;Eltern&lt;/b&gt;" in svg and "<b>" not in svg
    shown = re.search(r">(Übergang[^<]*)<title>([^<]*)</title>", svg)
    assert shown.group(1).endswith("…") and len(shown.group(1)) == charts.LABEL_CHARS
    assert shown.group(2) == long


def test_charts_run_left_to_right_even_inside_a_right_to_left_page(request_context):
    svg = str(charts.breakdown_chart("language", rows(("Türkisch", 2))))
    assert 'direction="ltr"' in svg  # inline SVG would otherwise inherit dir="rtl"


def test_right_to_left_charts_are_mirrored(request_context, monkeypatch):
    monkeypatch.setattr(charts, "current_locale", lambda: "ar")
    svg = str(charts.breakdown_chart("language", rows(("العربية", 4), ("Türkisch", 2))))
    assert 'direction="rtl"' in svg
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    for x, width in bars:  # every bar grows from the right edge
        assert float(x) + float(width) == charts.WIDTH - charts.PAD
    label_x = re.search(r'<text x="([\d.]+)"[^>]*>العربية', svg).group(1)
    assert float(label_x) == charts.WIDTH - charts.PAD


def test_a_school_year_of_months_has_short_names_years_and_values(request_context):
    year = Period(date(2026, 8, 1), date(2027, 7, 31))
    month_rows = [Row(f"{m:%Y-%m}", "", i % 3, 0, 0) for i, m in enumerate(months(year))]
    labels = [bar.label for bar in charts.month_bars(month_rows)]
    assert labels[0] == "Aug.\n2026" and labels[1] == "Sept." and labels[5] == "Jan.\n2027"
    svg = str(charts.breakdown_chart("month", month_rows))
    texts = re.findall(r"<text[^>]*>([^<]*)", svg)
    assert texts.count("2026") == 1 and texts.count("2027") == 1
    assert len([t for t in texts if t.isdigit() and len(t) == 1]) == 12  # a value on each bar


def test_ten_years_of_months_name_only_some_years(request_context):
    ten_years = Period(date(2016, 8, 1), date(2026, 7, 31))
    month_rows = [Row(f"{m:%Y-%m}", "", 1, 0, 0) for m in months(ten_years)]
    labels = [bar.label for bar in charts.month_bars(month_rows) if bar.label]
    assert 2 <= len(labels) <= 9 and all(label.isdigit() for label in labels)
    svg = str(charts.breakdown_chart("month", month_rows))
    assert svg.count("<rect") == 120


def test_the_demand_chart_has_a_legend_and_patterns_for_black_and_white(request_context):
    demand = [
        DemandRow("ar", "Arabisch", 12, 7, 4, 1, 3),
        DemandRow("ps", "Paschtu", 0, 0, 0, 0, 0),  # nothing asked, nothing held: left out
    ]
    svg = str(charts.demand_chart(demand))
    for series in ("Anfragen", "Veranstaltungen geplant", "unbesetzt", "aktive Moderator*innen"):
        assert f">{series}</text>" in svg
    assert 'id="chart-demand-hatch"' in svg and 'fill="url(#chart-demand-hatch)"' in svg
    assert 'id="chart-demand-dots"' in svg
    assert "Arabisch" in svg and "Paschtu" not in svg
