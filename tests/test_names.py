"""Finding the contact a typed name means: exact, unique prefix, #id, then fuzzy; and the
contacts a name being typed may mean (a picker's, the command palette's)."""

import pytest

from netgarden_tui.garden import actions
from netgarden_tui.garden.names import (
    AmbiguousName, NoSuchContact, contacts_like, resolve_contact, words_could_be_one_person,
)
from netgarden_tui.store import writes
from netgarden_tui.store.merge import name_words


@pytest.fixture
def people(config):
    """A few contacts by name -> id."""
    ids = {name: actions.add_contact(name) for name in (
        "John Smith", "Jane Doe", "Robert Brown", "Johanna Smythe",
    )}
    writes.update_contact(ids["Robert Brown"], nickname="Bobby")
    return ids


def test_an_exact_name_ignoring_case(people):
    assert resolve_contact("john smith") == (people["John Smith"], "John Smith")
    assert resolve_contact("JANE DOE") == (people["Jane Doe"], "Jane Doe")


def test_spaces_in_what_was_typed_do_not_matter(people):
    assert resolve_contact("  John \t  Smith ") == (people["John Smith"], "John Smith")


def test_an_exact_name_wins_over_a_longer_name_it_is_a_prefix_of(config):
    ann = actions.add_contact("Ann Lee")
    actions.add_contact("Ann Leeds")

    assert resolve_contact("ann lee") == (ann, "Ann Lee")


@pytest.mark.parametrize("typed, name", [
    ("Jan", "Jane Doe"),  # given name
    ("smy", "Johanna Smythe"),  # family name
    ("Bob", "Robert Brown"),  # nickname
    ("Rob", "Robert Brown"),  # display name
    ("john s", "John Smith"),
])
def test_a_unique_prefix_of_any_name_part(people, typed, name):
    assert resolve_contact(typed) == (people[name], name)


def test_two_contacts_with_the_same_name_are_listed_with_their_ids(config):
    first = actions.add_contact("Alex Kim")
    second = actions.add_contact("Alex Kim")

    with pytest.raises(AmbiguousName) as caught:
        resolve_contact("alex kim")

    assert str(caught.value) == (
        f'2 contacts are named "alex kim": Alex Kim (#{first}), Alex Kim (#{second})')
    assert resolve_contact(f"#{second}") == (second, "Alex Kim")


def test_an_ambiguous_prefix_lists_the_matches_by_name(people):
    with pytest.raises(AmbiguousName) as caught:
        resolve_contact("Jo")

    assert str(caught.value) == (
        f'"Jo" matches several contacts: Johanna Smythe (#{people["Johanna Smythe"]}), '
        f'John Smith (#{people["John Smith"]})')


def test_a_long_list_of_prefix_matches_is_cut_short(config):
    ids = [actions.add_contact(f"Sam {letter}") for letter in "ABCDEFGHIJ"]

    with pytest.raises(AmbiguousName) as caught:
        resolve_contact("sam")

    listed = ", ".join(f"Sam {letter} (#{cid})" for letter, cid in zip("ABCDEFGH", ids))
    assert str(caught.value) == f'"sam" matches several contacts: {listed} ...'


def test_a_hash_and_an_id_name_a_contact(people):
    assert resolve_contact(f"#{people['Jane Doe']}") == (people["Jane Doe"], "Jane Doe")
    with pytest.raises(NoSuchContact, match=r"^no contact #999$"):
        resolve_contact("#999")


def test_a_typo_is_accepted_when_it_is_clearly_the_best_match(people):
    assert resolve_contact("Jonh Smith") == (people["John Smith"], "John Smith")
    assert resolve_contact("Robrt Brwn") == (people["Robert Brown"], "Robert Brown")


def test_a_near_miss_between_two_names_is_a_suggestion_not_a_match(people):
    with pytest.raises(NoSuchContact) as caught:
        resolve_contact("Jon Smyth")

    assert str(caught.value) == (
        f'no contact named "Jon Smyth"; did you mean "John Smith" (#{people["John Smith"]}) '
        f'or "Johanna Smythe" (#{people["Johanna Smythe"]})?')


def test_nothing_close_is_no_such_contact(people):
    with pytest.raises(NoSuchContact) as caught:
        resolve_contact("Xyzzy")

    assert str(caught.value) == 'no contact named "Xyzzy"'


def test_nothing_typed_is_no_such_contact(people):
    with pytest.raises(NoSuchContact, match="^no name given$"):
        resolve_contact("   ")


def test_percent_and_underscore_in_a_name_are_not_wildcards(config):
    club = actions.add_contact("50% Club")
    actions.add_contact("50 Cent")
    underscore = actions.add_contact("a_b Ltd")
    actions.add_contact("axb Ltd")

    # As LIKE wildcards, "50%" would match both 50s and "a_" both a?b names (ambiguous).
    assert resolve_contact("50%") == (club, "50% Club")
    assert resolve_contact("a_") == (underscore, "a_b Ltd")
    for wildcard in ("%", "_"):  # not "every contact" (ambiguous)
        with pytest.raises(NoSuchContact) as caught:
            resolve_contact(wildcard)
        assert str(caught.value) == f'no contact named "{wildcard}"'


def test_contacts_like_lists_prefixes_of_any_name_part_first_then_typos(people):
    robert = (people["Robert Brown"], "Robert Brown")
    assert contacts_like("bob", limit=8) == [robert]  # the nickname
    assert contacts_like("  jo ", limit=8) == [(people["Johanna Smythe"], "Johanna Smythe"),
                                               (people["John Smith"], "John Smith")]
    assert contacts_like("Robrt Brwn", limit=8) == [robert]
    # The name starting so ("Smythe"), then the one only like it ("Smith").
    assert contacts_like("smyth", limit=8) == [(people["Johanna Smythe"], "Johanna Smythe"),
                                               (people["John Smith"], "John Smith")]


def test_contacts_like_looks_for_typos_from_three_letters(people):
    assert contacts_like("oh", limit=8) == []
    assert contacts_like("ohn", limit=8) == [(people["John Smith"], "John Smith")]


def test_contacts_like_leaves_out_a_contact_and_stops_at_the_limit(config):
    ids = [actions.add_contact(f"Sam {letter}") for letter in "ABCDE"]

    assert contacts_like("sam", limit=3, leaving_out=ids[0]) == [
        (ids[1], "Sam B"), (ids[2], "Sam C"), (ids[3], "Sam D")]
    assert ids[0] not in {contact_id for contact_id, _ in contacts_like("sam a", limit=8,
                                                                        leaving_out=ids[0])}
    assert contacts_like("   ", limit=3) == []


@pytest.mark.parametrize("first, second, one", [
    ("G. Osei", "Grace Osei", True),
    ("Lee, Ann", "Ann Lee", True),
    ("Zoe", "Zoë Ward", True),
    ("Grace O.", "Grace Osei", True),
    ("Alice Ward", "Bob Ward", False),
    ("Person 1 Example", "Person 10 Example", False),
    ("Acme Ltd", "Alice Ward", False),
])
def test_two_names_could_be_one_persons(first, second, one):
    first, second = name_words(first), name_words(second)
    assert words_could_be_one_person(first, second) is one
    assert words_could_be_one_person(second, first) is one
