"""Pages of the pool do not send more SQL as the pool grows."""


def pool_page_queries(client, count_queries, make_moderator, how_many):
    for n in range(how_many):
        make_moderator(f"P{n}", languages=(("tr", "native"), ("ar", "fluent")))
    with count_queries() as counter:
        response = client.get("/moderators")
    assert response.status_code == 200
    return counter.count


def test_moderator_list_costs_the_same_queries_for_5_and_50(
    client, coordinator, count_queries, make_moderator
):
    few = pool_page_queries(client, count_queries, make_moderator, 5)
    many = pool_page_queries(client, count_queries, make_moderator, 45)
    assert few == many
