"""A language that many speak: the candidate lists show the first of the ranking and lead to
the rest, on the request page and on the session page."""

import re

import pytest

from moderators.scheduling.shortlists import SHOWN
from tests.conftest import next_weekday_at

FREE, PAUSED = SHOWN + 3, SHOWN + 2


@pytest.fixture
def crowd(make_moderator):
    """FREE Turkish speakers free on Monday evenings (the first two work in Bergedorf, the rest
    in Altona, where the request is), and PAUSED who are not active."""
    free = [
        make_moderator(
            f"Frei{n:02d}", "Kandidat", districts=("Bergedorf",) if n < 2 else ("Altona",)
        )
        for n in range(FREE)
    ]
    paused = [make_moderator(f"Pause{n:02d}", "Ruhend", status="paused") for n in range(PAUSED)]
    return {"free": free, "paused": paused}


def candidate_rows(page: str) -> list[str]:
    table = page[page.index('<table class="stack candidates">') : page.index("</table>")]
    return re.findall(r"<bdi>(Kandidat, Frei\d+)</bdi>", table)


def near_miss_names(page: str) -> list[str]:
    return re.findall(r"<bdi>(Ruhend, Pause\d+)</bdi>", page[page.index("Sprechen die") :])


def test_the_request_page_shows_the_first_candidates_and_leads_to_all(
    client, coordinator, make_request, crowd
):
    request = make_request()
    slot_id = request.slots[0].id

    page = client.get(f"/requests/{request.id}").text

    assert f"{FREE} Personen sind zu dieser Zeit frei." in page
    shown = candidate_rows(page)
    assert len(shown) == SHOWN
    assert "Kandidat, Frei00" not in shown and "Kandidat, Frei01" not in shown  # not in Altona
    assert f'href="/requests/{request.id}?all=1#slot-{slot_id}">Alle {FREE} zeigen</a>' in page
    assert len(near_miss_names(page)) == SHOWN
    assert f'<span class="muted">({PAUSED})</span>' in page  # how many are out, all of them
    assert f"und {PAUSED - SHOWN} weitere Personen</a>" in page


def test_all_candidates_and_near_misses_on_request(client, coordinator, make_request, crowd):
    request = make_request()

    page = client.get(f"/requests/{request.id}?all=1").text

    assert len(candidate_rows(page)) == FREE
    assert candidate_rows(page)[-2:] == ["Kandidat, Frei00", "Kandidat, Frei01"]
    assert len(near_miss_names(page)) == PAUSED and "weitere Personen" not in page
    assert f'href="/requests/{request.id}#slot-{request.slots[0].id}">Weniger zeigen</a>' in page
    assert f'action="/requests/{request.id}/schedule?all=1#slot-' in page


def test_a_refused_pick_from_the_whole_list_comes_back_with_the_whole_list(
    client, coordinator, make_request, crowd
):
    request = make_request()
    last = crowd["free"][1]  # ranked last: only the whole list shows them

    page = client.post(
        f"/requests/{request.id}/schedule?all=1",
        data={"slot": request.slots[0].id, "moderator_ids": [last.id], "mode": "nonsense"},
    ).text

    assert len(candidate_rows(page)) == FREE
    assert re.search(rf'value="{last.id}"[^>]*checked', page)


def test_few_speakers_are_all_listed_without_a_link(client, coordinator, make_request, crowd):
    request = make_request(language_code="ar")  # nobody speaks it

    page = client.get(f"/requests/{request.id}").text

    assert "zeigen</a>" not in page and "weitere Person" not in page


def test_the_session_page_shows_the_first_candidates_and_leads_to_all(
    client, coordinator, make_session, crowd
):
    session = make_session(starts_at=next_weekday_at(0, 17, weeks_ahead=2))

    page = client.get(f"/sessions/{session.id}").text

    assert f"{FREE} weitere Personen sind zu dieser Zeit frei." in page
    assert len(candidate_rows(page)) == SHOWN
    assert f'href="/sessions/{session.id}?all=1#candidates">Alle {FREE} zeigen</a>' in page
    everyone = client.get(f"/sessions/{session.id}?all=1").text
    assert len(candidate_rows(everyone)) == FREE
    assert len(near_miss_names(everyone)) == PAUSED
