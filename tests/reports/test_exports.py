"""CSV and XLSX downloads: open in German Excel, carry the counted figures, run no formulas."""

import csv
import io
from datetime import datetime

from openpyxl import load_workbook

from moderators.extensions import db
from moderators.reports.statistics import Period
from moderators.topics.models import Topic


def period_args(period: Period) -> dict:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.data))


# Statistics as CSV --------------------------------------------------------------------------


def test_a_breakdown_as_csv_for_german_excel(counted, client):
    period = counted["period"]
    response = client.get("/statistics.csv", query_string={"by": "language", **period_args(period)})
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="statistik-{period.start}-{period.end}-sprache.csv"'
    )
    header, *rows = read_csv(response)
    assert header == ["Sprache", "Veranstaltungen", "Eltern erreicht", "Stunden"]
    assert sorted(rows) == [
        ["Arabisch", "1", "12", "1,0"],
        ["Kurmandschi", "1", "25", "1,7"],
        ["Türkisch", "1", "25", "1,7"],
    ]


def test_totals_activities_and_demand_as_csv(counted, client):
    period = counted["period"]

    def table(by):
        return read_csv(
            client.get("/statistics.csv", query_string={"by": by, **period_args(period)})
        )

    header, row = table("totals")
    assert header[:3] == ["Beginn", "Ende", "Veranstaltungen"]
    assert row == [period.start.isoformat(), period.end.isoformat(), "2", "37", "2,7", "2", "3"]
    assert table("activities")[1] == ["Einzelberatung", "1", "3", "0,8"]
    demand = {row[1]: row for row in table("demand")[1:]}
    assert demand["ar"][2:] == ["0", "2", "0", "0", "1"]
    months = table("month")
    assert sum(int(row[1]) for row in months[1:]) == 2


def test_ten_years_by_month_in_one_file(coordinator, client):
    ten_years = {"from": "2016-08-01", "to": "2026-07-31"}
    response = client.get("/statistics.csv", query_string={"by": "month", **ten_years})
    header, *months = read_csv(response)
    assert len(months) == 120
    assert months[0] == ["August 2016", "0", "0", "0,0"]
    book = read_xlsx(client.get("/statistics.xlsx", query_string=ten_years))
    assert book["Nach Monat"].max_row == 121


def test_unknown_tables_are_not_found(coordinator, client):
    assert client.get("/statistics.csv", query_string={"by": "school"}).status_code == 404
    assert client.get("/statistics.csv").status_code == 404


def test_text_that_looks_like_a_formula_is_neutralised(counted, client):
    topic = db.session.scalar(db.select(Topic).order_by(Topic.position))
    topic.name_de = "=cmd|' /C calc'!A0"
    db.session.commit()
    response = client.get(
        "/statistics.csv", query_string={"by": "topic", **period_args(counted["period"])}
    )
    assert read_csv(response)[1][0] == "'=cmd|' /C calc'!A0"


# Statistics as XLSX -------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_with_headers_and_number_formats(counted, client):
    period = counted["period"]
    response = client.get("/statistics.xlsx", query_string=period_args(period))
    assert response.headers["Content-Disposition"].endswith(
        f"statistik-{period.start}-{period.end}.xlsx"
    )
    book = read_xlsx(response)
    assert book.sheetnames == [
        "Kennzahlen",
        "Tätigkeiten",
        "Nach Sprache",
        "Nach Bezirk",
        "Nach Thema",
        "Nach Art der Einrichtung",
        "Nach Monat",
        "Bedarf",
    ]
    totals = book["Kennzahlen"]
    assert totals.freeze_panes == "A2"
    assert totals["A1"].value == "Beginn" and totals["A1"].font.b
    assert totals["A2"].value == datetime(period.start.year, period.start.month, period.start.day)
    assert [c.value for c in totals[2][2:]] == [2, 37, 2.7, 2, 3]
    languages = {row[0].value: row for row in book["Nach Sprache"].iter_rows(min_row=2)}
    turkish = languages["Türkisch"]
    assert [c.value for c in turkish[1:]] == [1, 25, 1.7]
    assert [c.number_format for c in turkish[1:]] == ["0", "0", "0.0"]
    assert book["Nach Sprache"].column_dimensions["A"].width == 36


# Allowances ---------------------------------------------------------------------------------


def test_the_allowance_list_as_csv(paid, client):
    month = f"{paid['month']:%Y-%m}"
    response = client.get("/allowances.csv", query_string={"month": month})
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="aufwandsentschaedigung-{month}.csv"'
    )
    header, *rows, total = read_csv(response)
    assert header == [
        "Nr.",
        "Name",
        "Veranstaltungen",
        "Tätigkeiten",
        "Stunden (mit Fahrzeit)",
        "Betrag",
    ]
    by_name = {row[1]: row for row in rows}
    # both names begin like formulas; the apostrophe keeps Excel from running them
    eva = by_name['\'=HYPERLINK("http://example.org"), Eva']
    assert eva == [str(paid["eva"].id), eva[1], "1", "0", "2,0", "44,00"]
    assert by_name["'@SUM(A1), Sam"][2:] == ["0", "1", "0,8", "27,00"]
    assert total == ["", "Summe", "1", "1", "2,8", "71,00"]


def test_the_allowance_list_as_xlsx(paid, client):
    month = f"{paid['month']:%Y-%m}"
    book = read_xlsx(client.get("/allowances.xlsx", query_string={"month": month}))
    (sheet,) = book.worksheets
    assert sheet.title == f"Aufwandsentschädigung {month}"
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    eva = rows['\'=HYPERLINK("http://example.org"), Eva']
    assert eva[1].data_type == "s"
    assert eva[5].value == 44 and eva[5].number_format == '#,##0.00 "€"'
    assert eva[4].value == 2.0 and eva[4].number_format == "0.0"
    assert rows["Summe"][5].value == 71


def test_an_english_reader_gets_decimal_points(paid, client, login_as):
    login_as("coordinator", locale="en")
    response = client.get("/allowances.csv", query_string={"month": f"{paid['month']:%Y-%m}"})
    assert read_csv(response)[-1][-1] == "71.00"


# A moderator's own overview -----------------------------------------------------------------


def test_the_own_overview_as_csv(paid, client, login_as, make_user):
    login_as(user=make_user("moderator", moderator=paid["eva"]))
    year = paid["month"].year
    response = client.get("/me/overview.csv", query_string={"year": year})
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="meine-uebersicht-{year}.csv"'
    )
    header, *months, total = read_csv(response)
    assert header == [
        "Monat",
        "Veranstaltungen",
        "Eltern erreicht",
        "Tätigkeiten",
        "Aufwandsentschädigung",
    ]
    assert len(months) == 12
    assert total == ["Summe", "1", "18", "0", "44,00"]
