"""The invitation letter for parents: in the session's language and in German, on one page."""

from moderators.scheduling import services


def test_the_letter_is_in_the_sessions_language_and_in_german(client, login_as, make_session):
    login_as("coordinator")
    session = make_session(language_code="en", venue_name="Aula der Schule")
    page = client.get(f"/sessions/{session.id}/letter").text
    assert "Liebe Eltern," in page
    assert "Dear parents," in page
    assert 'lang="en"' in page and 'lang="de"' in page
    assert "letter--columns" in page  # two left-to-right texts side by side
    assert page.count("Aula der Schule") == 2


def test_a_language_without_a_catalog_gets_the_german_letter_and_a_note(
    client, login_as, make_moderator, make_session
):
    login_as("coordinator")
    session = make_session(language_code="rom")
    page = client.get(f"/sessions/{session.id}/letter").text
    assert "Liebe Eltern," in page
    assert "nur auf Deutsch" in page
    assert page.count('class="letter__part"') == 1


def test_the_school_and_the_booked_moderator_may_print_it_others_not(
    client, login_as, make_user, make_session, make_school
):
    school_user = make_user("school")
    session = make_session(school=school_user.school)
    moderator_user = make_user("moderator")
    services.add_assignment(session, moderator_user.moderator, "assign")
    login_as(user=school_user)
    assert client.get(f"/sessions/{session.id}/letter").status_code == 200
    login_as(user=moderator_user)
    assert client.get(f"/sessions/{session.id}/letter").status_code == 200
    login_as("school")  # another school
    assert client.get(f"/sessions/{session.id}/letter").status_code == 403
    login_as("moderator")  # a moderator not booked
    assert client.get(f"/sessions/{session.id}/letter").status_code == 403


def test_the_letter_names_the_topic_in_the_letters_language(client, login_as, make_session):
    login_as("coordinator")
    session = make_session(language_code="en")
    page = client.get(f"/sessions/{session.id}/letter").text
    assert session.topic.name_de in page
    assert session.topic.name_en in page
