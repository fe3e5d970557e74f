"""Export filters: parsing user input and selecting statements."""

from __future__ import annotations

from datetime import date

import pytest

from kg.errors import FilterError
from kg.export.filters import ALL, Filters, event_classes, parse_when


def test_parse_when_covers_days_months_and_years():
    assert parse_when("2019-10-27") == (date(2019, 10, 27), date(2019, 10, 27))
    assert parse_when("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert parse_when("2019-12") == (date(2019, 12, 1), date(2019, 12, 31))
    assert parse_when("2019") == (date(2019, 1, 1), date(2019, 12, 31))
    assert parse_when("2019-10-27T08:00:00Z") == (date(2019, 10, 27), date(2019, 10, 27))
    assert parse_when("last week") is None and parse_when(None) is None and parse_when("2019-13-01") is None


def test_event_classes_come_from_the_ontology():
    classes = event_classes()
    assert {"Capture", "Arrest", "Killing", "Extradition"} <= set(classes)
    assert "Event" not in classes and "Statement" not in classes


def test_parse_normalises_names_lists_and_dates():
    f = Filters.parse(["person, Location"], "capture,ARREST", "2019", "2020-02", "0.5", "person/abu-bakr", "2")
    assert f.entity_types == {"Person", "Location"}
    assert f.event_types == {"Capture", "Arrest"}
    assert (f.since, f.until) == (date(2019, 1, 1), date(2020, 2, 29))
    assert f.min_confidence == 0.5 and f.depth == 2
    assert f.ego == "https://w3id.org/kg/id/person/abu-bakr"
    assert Filters.parse(ego="https://example.org/x").ego == "https://example.org/x"


def test_empty_input_selects_everything():
    assert Filters.parse() == ALL == Filters.parse([], "", "", None, "", None, "")
    assert not ALL.filters_statements


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"entity_types": "Thing"}, "unknown entity type 'Thing'; choose from: Location, Organization, Person"),
        ({"event_types": "Picnic"}, "unknown event type 'Picnic'; choose from: "),
        ({"since": "yesterday"}, "since must be an ISO date"),
        ({"until": "2019-02-30"}, "until must be an ISO date"),
        ({"min_confidence": "high"}, "min confidence must be a number"),
        ({"min_confidence": 1.5}, "min confidence must be between 0 and 1"),
        ({"depth": "two"}, "depth must be a whole number"),
        ({"depth": 9}, "depth must be between 0 and 5"),
        ({"since": "2020", "until": "2019"}, "since (2020-01-01) is after until (2019-12-31)"),
        ({"ego": "Abu Bakr"}, "ego must be an entity IRI or a key like person/some-name"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs, message):
    with pytest.raises(FilterError) as err:
        Filters.parse(**kwargs)
    assert message in str(err.value)


def test_keeps_statement():
    f = Filters.parse(event_types="Capture", since="2019-10", until="2019-12", min_confidence=0.5)
    assert f.filters_statements
    assert f.keeps_statement({"Statement", "Capture"}, "2019-10-27", 0.6)
    assert not f.keeps_statement({"Capture"}, "2019-10-27", 0.4)  # too weak
    assert not f.keeps_statement({"Arrest"}, "2019-10-27", 0.6)  # other event
    assert not f.keeps_statement({"Capture"}, None, 0.6)  # undated when a range is asked
    assert not f.keeps_statement({"Capture"}, "2020-01-02", 0.6)  # after the range
    assert f.keeps_statement({"Capture"}, "2019", 0.6)  # a year overlapping the range
    assert ALL.keeps_statement(set(), None, 0.0)
