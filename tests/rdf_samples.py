"""Hand-made extractions for mapping and shape tests."""

from kg.model import Article, Entity, Extraction, Statement


def full_extraction() -> Extraction:
    """A hand-made article that uses every field the mapping knows."""
    text = "Turkish intelligence helped Iraqi forces capture Sami Jasim in Syria on 2019-10-27, three sources said."
    art = Article(id="a1", text=text, source="a1.txt", title="Capture", url="https://example.org/a1",
                  published="2019-10-28", publisher="Example News")
    ents = {
        "organization/turkish-intelligence": Entity("organization/turkish-intelligence", "Turkish intelligence",
                                                     "Organization", "IntelligenceAgency", {"MIT"}, 1, "location/turkey"),
        "organization/iraqi-forces": Entity("organization/iraqi-forces", "Iraqi forces", "Organization",
                                            "SecurityForce", set(), 1),
        "person/sami-jasim": Entity("person/sami-jasim", "Sami Jasim", "Person", None, {"Jasim"}, 2),
        "location/syria": Entity("location/syria", "Syria", "Location", "Country", set(), 1),
        "location/turkey": Entity("location/turkey", "Turkey", "Location", "Country", set(), 0),
    }
    common = dict(sentence=text, start=0, end=len(text))
    sts = [
        Statement("organization/iraqi-forces", "capture", "person/sami-jasim", confidence=0.8, event_type="Capture",
                  time="2019-10-27", place="location/syria", attributed_to="three sources",
                  assisting="organization/turkish-intelligence", **common),
        Statement("organization/turkish-intelligence", "help", "organization/iraqi-forces", confidence=0.7,
                  event_type="Support", time="last week", attributed_to="Turkish intelligence", **common),
        Statement("person/sami-jasim", "kill", "location/syria", confidence=0.3, event_type="Killing", negated=True,
                  modality="possible", quantity="at least 2", time="2019", **common),
    ]
    return Extraction(art, ents, sts)
