import pytest

from kg.relations.time import normalise


@pytest.mark.parametrize("expr,published,expected", [
    ("Tuesday", "2021-04-08", "2021-04-06"),  # a Thursday article: the Tuesday before
    ("Thursday", "2021-04-08", "2021-04-08"),
    ("on Monday", "2021-04-08", "2021-04-05"),
    ("last year", "2021-04-08", "2020"),
    ("earlier this year", "2021-04-08", "2021"),
    ("last month", "2021-01-15", "2020-12"),
    ("yesterday", "2021-03-01", "2021-02-28"),
    ("in 2019", None, "2019"),
    ("the first three months of 2021", None, "2021"),
    ("March 2021", None, "2021-03"),
    ("March 3, 2021", None, "2021-03-03"),
    ("March", "2021-04-08", "2021-03"),
    ("November", "2021-04-08", "2020-11"),
    ("Tuesday", None, "Tuesday"),
    ("for months", None, "for months"),
])
def test_normalise(expr, published, expected):
    assert normalise(expr, published) == expected


# the time of an event: its own, its clause's (coordination, adverbial clauses), or the one point in time its
# sentence names; none when the sentence names something else too
@pytest.mark.parametrize("text,mentions,triple,expected", [
    ("Troops stormed the town on Monday and arrested Ali Khan.",
     {"Troops": "Organization", "Ali Khan": "Person"}, ("Troops", "arrest", "Ali Khan"), "2021-04-05"),
    # the day a report was made is not the day of what it reports
    ("On Sunday, police said they had arrested Ali Khan.",
     {"police": "Organization", "they": "Organization:police", "Ali Khan": "Person"}, ("police", "arrest", "Ali Khan"),
     None),
    ("Police arrested Ali Khan in a raid, and on Sunday he was charged.",
     {"Police": "Organization", "Ali Khan": "Person"}, ("Police", "arrest", "Ali Khan"), None),
    ("Police arrested Ali Khan, an eight-year-old boy's uncle.",
     {"Police": "Organization", "Ali Khan": "Person"}, ("Police", "arrest", "Ali Khan"), None),
    ("Police arrested Ali Khan on Sunday after watching him for months.",
     {"Police": "Organization", "Ali Khan": "Person"}, ("Police", "arrest", "Ali Khan"), "2021-04-04"),
    ("Police, who have hunted him since 2019, arrested Ali Khan as he left a mosque on Sunday.",
     {"Police": "Organization", "Ali Khan": "Person"}, ("Police", "arrest", "Ali Khan"), None),
])
def test_event_time(text, mentions, triple, expected):
    from .relations_fixture import load_parser, relate

    rows = {(r["subject"], r["predicate"], r["object"]): r for r in relate(load_parser(), text, mentions, "2021-04-08")}
    assert rows[triple]["time"] == expected
