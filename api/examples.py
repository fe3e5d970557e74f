"""Real responses (from the seed article) shown as examples in the OpenAPI document."""

from __future__ import annotations

SEARCH_EXAMPLE = {'q': 'ira',
 'type': None,
 'limit': 20,
 'offset': 0,
 'entities': [{'id': 'location/iraq',
               'iri': 'https://w3id.org/kg/id/location/iraq',
               'label': 'Iraq',
               'type': 'Location',
               'matched': 'Iraq'}]}

ENTITY_EXAMPLE = {'id': 'location/iraq',
 'iri': 'https://w3id.org/kg/id/location/iraq',
 'label': 'Iraq',
 'type': 'Location',
 'aliases': [],
 'subtype': None,
 'country': None,
 'mentions': 11,
 'statements': {'as_agent': 2, 'as_target': 0},
 'articles': ['000_7c71ae8a3147dccc']}

NEIGHBOURS_EXAMPLE = {'entity': {'id': 'location/iraq', 'label': 'Iraq', 'type': 'Location'},
 'total': 2,
 'limit': 2,
 'offset': 0,
 'neighbours': [{'id': 'location/daesh',
                 'label': 'Daesh',
                 'type': 'Location',
                 'depth': 1,
                 'edges': [{'statement': 'e1e81d350c42bc35a6e7',
                            'direction': 'out',
                            'relation': 'capture',
                            'event_types': ['Capture'],
                            'confidence': 0.6,
                            'time': None,
                            'sentence': 'article/000_7c71ae8a3147dccc/sentence/0-312',
                            'article': '000_7c71ae8a3147dccc',
                            'source': 'location/iraq',
                            'target': 'location/daesh'}]},
                {'id': 'organization/daesh',
                 'label': 'Daesh',
                 'type': 'Organization',
                 'depth': 1,
                 'edges': [{'statement': '8293fd5eeca7ec69f532',
                            'direction': 'out',
                            'relation': 'capture',
                            'event_types': ['Capture'],
                            'confidence': 0.6,
                            'time': None,
                            'sentence': 'article/000_7c71ae8a3147dccc/sentence/0-312',
                            'article': '000_7c71ae8a3147dccc',
                            'source': 'location/iraq',
                            'target': 'organization/daesh'}]}]}

PATHS_EXAMPLE = {'from': 'location/iraq',
 'to': 'location/syria',
 'length': 2,
 'paths': [{'entities': [{'id': 'location/iraq', 'label': 'Iraq', 'type': 'Location'},
                         {'id': 'organization/daesh', 'label': 'Daesh', 'type': 'Organization'},
                         {'id': 'location/syria', 'label': 'Syria', 'type': 'Location'}],
            'edges': [{'statement': '8293fd5eeca7ec69f532',
                       'direction': 'out',
                       'relation': 'capture',
                       'event_types': ['Capture'],
                       'confidence': 0.6,
                       'time': None,
                       'sentence': 'article/000_7c71ae8a3147dccc/sentence/0-312',
                       'article': '000_7c71ae8a3147dccc',
                       'source': 'location/iraq',
                       'target': 'organization/daesh'},
                      {'statement': '4171d45fc519a7326923',
                       'direction': 'out',
                       'relation': 'span',
                       'event_types': [],
                       'confidence': 0.6,
                       'time': None,
                       'sentence': 'article/000_7c71ae8a3147dccc/sentence/4323-4446',
                       'article': '000_7c71ae8a3147dccc',
                       'source': 'organization/daesh',
                       'target': 'location/syria'}]}]}

STATEMENT_EXAMPLE = {'id': 'e1e81d350c42bc35a6e7',
 'iri': 'https://w3id.org/kg/id/statement/e1e81d350c42bc35a6e7',
 'agent': {'id': 'location/iraq', 'label': 'Iraq', 'type': 'Location'},
 'target': {'id': 'location/daesh', 'label': 'Daesh', 'type': 'Location'},
 'relation': 'capture',
 'event_types': ['Capture'],
 'confidence': 0.6,
 'negated': False,
 'time': None,
 'place': None,
 'attributed_to': None,
 'modality': None,
 'quantity': None,
 'sentence': {'id': 'article/000_7c71ae8a3147dccc/sentence/0-312',
              'text': 'Turkish intelligence helped Iraq capture Daesh leader: Report\n'
                      '\n'
                      'Turkish intelligence helped Iraq capture a senior Daesh terrorist leader who had been '
                      'hiding out in northwestern Syria, three security sources said Tuesday, in an operation that '
                      'points to closer cooperation against remnants of the terrorist group.',
              'start': 0,
              'end': 312,
              'article': '000_7c71ae8a3147dccc'}}

ARTICLES_EXAMPLE = {'total': 1,
 'limit': 50,
 'offset': 0,
 'articles': [{'id': '000_7c71ae8a3147dccc',
               'title': 'Turkish intelligence helped Iraq capture Daesh leader: Report',
               'source': 'seeds/000_7c71ae8a3147dccc.txt'}]}

ARTICLE_EXAMPLE = {'id': '000_7c71ae8a3147dccc',
 'iri': 'https://w3id.org/kg/id/article/000_7c71ae8a3147dccc',
 'title': 'Turkish intelligence helped Iraq capture Daesh leader: Report',
 'source': 'seeds/000_7c71ae8a3147dccc.txt',
 'content_hash': 'c3b633bcdbebb6ebde6589566367a0482ef6665f73f2eee7f600dc0e4077ba62',
 'entities': [{'id': 'person/abu-bakr-al-baghdadi', 'label': 'Abu Bakr al-Baghdadi', 'type': 'Person'},
              {'id': 'person/abu-ibrahim-al-hashemi-al-quraishi',
               'label': 'Abu Ibrahim al-Hashemi al-Quraishi',
               'type': 'Person'},
              {'id': 'location/afghanistan', 'label': 'Afghanistan', 'type': 'Location'}],
 'statements': ['3bcd2ea6d5529040067e', '4171d45fc519a7326923', '8293fd5eeca7ec69f532']}

INGEST_EXAMPLE = {
    "id": "basra-arrests", "title": "Arrests in Basra", "ingested": True, "unchanged": False,
    "entities": 2, "statements": 1, "triples_added": 41,
}


def not_found(what: str) -> dict:
    """The OpenAPI entry of a 404 answer for ``what``."""
    return {404: {"description": f"No such {what}",
                  "content": {"application/json": {"example": {"detail": f"no {what} with id 'x'"}}}}}
