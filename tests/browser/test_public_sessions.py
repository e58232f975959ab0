"""A parent reading Arabic finds the sessions in their language, in a real browser."""

from tests.conftest import next_weekday_at


def test_the_public_list_in_arabic_reads_right_to_left_and_filters(
    live_server, browser, artifacts, make_session, make_school
):
    make_session(language_code="ar", public=True, venue_name="Aula Altona")
    other = make_school(name="Schule Wandsbek", district_name="Wandsbek")
    make_session(language_code="tr", public=True, school=other, starts_at=next_weekday_at(1, 17))
    page = browser.new_page(locale="ar", extra_http_headers={"Accept-Language": "ar"})
    page.goto(f"{live_server}/info-sessions")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".public-session").count() == 2
    # The list is laid out right to left: a card's heading starts at its right edge.
    card = page.locator(".public-session").first.bounding_box()
    heading = page.locator(".public-session h2").first.bounding_box()
    assert abs((card["x"] + card["width"]) - (heading["x"] + heading["width"])) < 40

    page.select_option("#language", "ar")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".public-session").count() == 1
    assert "Aula Altona" in page.locator(".public-session").inner_text()
    page.screenshot(path=str(artifacts / "public-sessions-ar.png"), full_page=True)
    assert (artifacts / "public-sessions-ar.png").stat().st_size > 1000
