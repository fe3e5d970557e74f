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
