"""The pool read as plain rows shows each moderator as the ORM objects would."""

from datetime import date, time

from moderators.api.serializers import moderator_json
from moderators.auth.services import issue_api_token
from moderators.extensions import db
from moderators.roster.models import Absence, Moderator
from moderators.roster.pool import pool_page
from moderators.roster.queries import moderator_with_links
from tests.conftest import count_queries


def a_varied_pool(make_moderator):
    make_moderator(
        "Ayşe",
        "Yılmaz",
        languages=(("tr", "native"), ("ku", "fluent"), ("ar", "fluent")),
        districts=("Wandsbek", "Altona", "Harburg"),
        availability=((4, time(9), time(11)), (0, time(16), time(18)), (0, time(9), time(10))),
    )
    make_moderator("Olena", "Koval", languages=(("uk", "native"),), districts=(), availability=())
    reza = make_moderator("Reza", "Ahmadi", languages=(), status="paused")
    db.session.add_all(
        [
            Absence(moderator=reza, starts_on=date(2031, 3, 1), ends_on=date(2031, 3, 9)),
            Absence(moderator=reza, starts_on=date(2030, 1, 1), ends_on=date(2030, 1, 2)),
        ]
    )
    db.session.commit()
    for n in range(5):
        make_moderator(f"Weitere{n}", "Aaa")


def test_api_list_items_are_what_moderator_json_gives(client, make_user, make_moderator):
    a_varied_pool(make_moderator)
    headers = {"Authorization": f"Bearer {issue_api_token(make_user('coordinator'))}"}

    items = client.get("/api/v1/moderators?per_page=100", headers=headers).get_json()["items"]

    ids = db.session.scalars(db.select(Moderator.id)).all()
    expected = {i: moderator_json(moderator_with_links(i, times=True)) for i in ids}
    assert len(items) == len(ids) == 8
    assert items == [expected[item["id"]] for item in items]


def test_a_page_is_one_statement_with_the_total_of_all_pages(app, make_moderator):
    a_varied_pool(make_moderator)
    with app.test_request_context(), count_queries() as statements:
        page = pool_page({"q": "a"}, page=2, per_page=3, times=True)
    assert len(statements) == 1
    assert (page.total, page.pages, page.has_prev, page.next_num) == (8, 3, True, 3)
    assert [entry.last_name for entry in page.items] == ["Aaa", "Aaa", "Ahmadi"]
    reza = page.items[2]
    assert reza.absences == [
        (date(2030, 1, 1), date(2030, 1, 2)),
        (date(2031, 3, 1), date(2031, 3, 9)),
    ]
    assert (reza.languages, reza.districts) == ([], ["Altona"])


def test_past_the_last_page_the_total_is_still_counted(app, make_moderator):
    a_varied_pool(make_moderator)
    with app.test_request_context():
        page = pool_page({"status": "paused"}, page=5, per_page=3)
    assert (page.items, page.total, page.pages) == ([], 1, 1)
