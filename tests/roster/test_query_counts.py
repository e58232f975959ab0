"""Pages of the pool do not send more SQL as the pool grows."""

from tests.conftest import count_queries


def pool_page_queries(client, make_moderator, how_many):
    for n in range(how_many):
        make_moderator(f"P{n}", languages=(("tr", "native"), ("ar", "fluent")))
    with count_queries() as statements:
        response = client.get("/moderators")
    assert response.status_code == 200
    return len(statements)


def test_moderator_list_costs_the_same_queries_for_5_and_50(client, coordinator, make_moderator):
    few = pool_page_queries(client, make_moderator, 5)
    many = pool_page_queries(client, make_moderator, 45)
    assert few == many
