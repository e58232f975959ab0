"""The candidate lists of a request page are written once per kept match and language: a
second look reads them, a change to the pool or another language writes them anew, and the
ticks of a form sent back with an error stay that reader's own."""

import re

import pytest

from moderators.common.timezone import to_local
from moderators.roster import services as roster
from moderators.scheduling import slot_lists
from moderators.scheduling.request_rows import pool_labels
from tests.conftest import count_queries
from tests.scheduling.test_pages_shortlists import (  # noqa: F401 (crowd: a fixture)
    candidate_rows,
    crowd,
    near_miss_names,
)


@pytest.fixture
def pool(make_moderator):
    near = make_moderator("Ayla", "Nah", districts=("Altona",))
    far = make_moderator("Ferhat", "Fern", districts=("Harburg",))
    paused = make_moderator("Pia", "Pause", status="paused")
    return {"near": near, "far": far, "paused": paused}


def lists_of(page: str) -> str:
    """The page from the first candidate table to the end of the near-misses."""
    start = page.index('<table class="stack candidates">')
    return page[start : page.index("</dl>", start)]


def test_a_second_look_reads_the_lists_written_at_the_first(
    client, coordinator, make_request, pool, monkeypatch
):
    writings = []

    def labels(shortlists):
        writings.append(len(shortlists))
        return pool_labels(shortlists)

    monkeypatch.setattr(slot_lists, "pool_labels", labels)
    url = f"/requests/{make_request().id}"
    first = client.get(url).text
    with count_queries() as statements:
        again = client.get(url).text
    assert lists_of(again) == lists_of(first)
    assert re.findall(r"<bdi>([^<]+)</bdi></a>", lists_of(again)) == [
        "Nah, Ayla",
        "Fern, Ferhat",
        "Pause, Pia",
    ]
    # Written once, for the one preferred time; neither the pool nor the districts of the
    # candidates were read again.
    assert writings == [1]
    assert not any("moderator_district" in statement for statement in statements)


def test_a_change_to_the_pool_writes_the_lists_anew(client, coordinator, make_request, pool):
    request = make_request()
    client.get(f"/requests/{request.id}")
    day = to_local(request.slots[0].starts_at).date()

    roster.add_absence(pool["near"], day, day)

    page = client.get(f"/requests/{request.id}").text
    assert "Nah, Ayla" not in candidate_rows_of(page)
    absent = page[page.index("near-misses__group--absent") :]
    assert "Nah, Ayla" in absent[: absent.index("</dd>")]


def test_a_reader_in_another_language_gets_lists_in_theirs(
    client, login_as, make_user, make_request, pool
):
    request = make_request()
    login_as("coordinator")
    german = client.get(f"/requests/{request.id}").text
    assert "im Bezirk" in lists_of(german)

    login_as(user=make_user("coordinator", locale="en"))
    english = client.get(f"/requests/{request.id}").text

    assert "In the district" in lists_of(english) and "im Bezirk" not in lists_of(english)
    assert "Not active (paused, in training or left the programme)" in lists_of(english)
    # The German reader still gets the German lists kept for them.
    login_as("coordinator")
    assert lists_of(client.get(f"/requests/{request.id}").text) == lists_of(german)


def test_the_ticks_of_a_refused_form_are_not_kept(client, coordinator, make_request, pool):
    request = make_request()
    client.get(f"/requests/{request.id}")
    picked = pool["far"].id

    refused = client.post(
        f"/requests/{request.id}/schedule",
        data={"slot": request.slots[0].id, "moderator_ids": [picked], "mode": "nonsense"},
    ).text
    assert re.search(rf'value="{picked}"[^>]*checked', refused)

    again = client.get(f"/requests/{request.id}").text
    assert f'value="{picked}"' in again
    assert not re.search(rf'value="{picked}"[^>]*checked', again)


@pytest.mark.usefixtures("crowd")
def test_the_whole_list_and_the_first_of_it_are_kept_apart(client, coordinator, make_request):
    request = make_request()
    first = client.get(f"/requests/{request.id}").text
    everyone = client.get(f"/requests/{request.id}?all=1").text
    assert len(candidate_rows(everyone)) > len(candidate_rows(first))
    assert len(near_miss_names(everyone)) > len(near_miss_names(first))
    assert candidate_rows(client.get(f"/requests/{request.id}").text) == candidate_rows(first)


def candidate_rows_of(page: str) -> str:
    return page[page.index('<table class="stack candidates">') : page.index("</table>")]
