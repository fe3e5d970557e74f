"""Each input kind -> Articles with metadata; bad inputs -> InputErrors naming file and line."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kg.errors import InputError
from kg.readers import Fields, ReadOptions, iter_inputs, read_sources, sniff_kind
from kg.readers.dates import iso_date
from kg.readers.feed import html_to_text

from .conftest import SEED

STORY = "French police arrested Jean Dupont in Paris on Monday, officials said.\n\nHe was charged on Tuesday."
HTML_PAGE = """<!DOCTYPE html><html><head><title>Police arrest suspect | Example News</title>
<meta property="og:title" content="Police arrest suspect">
<meta property="og:url" content="https://news.example.org/2024/03/arrest">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Police arrest suspect</h1>
<p>French police arrested Jean Dupont in Paris on Monday, officials said. The arrest followed a long investigation
into an armed group that had planned attacks in the capital.</p>
<p>Prosecutors said he would appear before a judge on Friday and faced charges of terrorist conspiracy.</p>
</article><footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example.org</link>
<item><title>Bomb kills five in Baghdad</title><link>https://wire.example.org/5</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;A bomb killed five people in Baghdad on Tuesday.&lt;/p&gt;&lt;p&gt;Police said ISIS claimed it.&lt;/p&gt;</description></item>
<item><title>No text here</title><link>https://wire.example.org/6</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Security Desk</title><id>urn:desk</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Troops clash near Mosul</title><id>urn:desk:1</id><link href="https://desk.example.org/1"/>
<updated>2024-03-06T09:30:00Z</updated>
<content type="html">&lt;p&gt;Iraqi troops clashed with militants near Mosul on Wednesday.&lt;/p&gt;</content></entry>
</feed>"""


def read_all(paths, **options):
    return list(read_sources(paths, ReadOptions(**options)))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_text_file_title_and_id(tmp_path):
    art = only(read_all([SEED]))
    assert art.id == "000_7c71ae8a3147dccc"
    assert art.title == "Turkish intelligence helped Iraq capture Daesh leader: Report"


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "arrest.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    art = only(read_all([path]))
    assert art.id == "arrest"
    assert "French police arrested Jean Dupont" in art.text and "Prosecutors said" in art.text
    assert "Subscribe" not in art.text and "Sport" not in art.text
    assert art.title == "Police arrest suspect"
    assert (art.url, art.published, art.publisher) == (
        "https://news.example.org/2024/03/arrest", "2024-03-05", "Example News"
    )


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    err = only(read_all([path]))
    assert isinstance(err, InputError) and err.reason == "no article text found in the HTML"


def test_jsonl_records_fields_and_bad_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        {"title": "Raid in Kabul", "text": "Afghan forces raided a compound in Kabul.", "url": "https://x.org/1",
         "publishedAt": "2024-03-05T10:00:00Z", "source": {"id": None, "name": "Example News"}},
        "{not json",
        {"content": "Troops clashed with militants near Mosul.", "date": "March 7, 2024", "publisher": "Wire"},
        "",
        {"title": "no text"},
        ["a", "list"],
    ]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    items = read_all([path])
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article", "InputError", "InputError"]
    first, bad, third, no_text, not_object = items
    assert (first.title, first.url, first.published, first.publisher) == (
        "Raid in Kabul", "https://x.org/1", "2024-03-05", "Example News"
    )
    assert first.id.startswith("url-") and first.source == f"{path}:1"
    assert bad.source == f"{path}:2" and bad.reason.startswith("malformed JSON")
    assert (third.published, third.publisher, third.source) == ("2024-03-07", "Wire", f"{path}:3")
    assert no_text.source == f"{path}:5" and no_text.reason.startswith("no text")
    assert not_object.source == f"{path}:6" and "expected a JSON object" in not_object.reason


def test_configurable_field_names(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"story": STORY, "meta": {"when": "2023-12-01", "outlet": "Desk"}}) + "\n")
    fields = Fields.parse(["text=story", "published=meta.when", "publisher=meta.outlet"])
    art = only(read_all([path], fields=fields))
    assert (art.text, art.published, art.publisher) == (STORY, "2023-12-01", "Desk")
    with pytest.raises(ValueError, match="bad field mapping"):
        Fields.parse(["colour=red"])


def test_what_a_record_loses_is_heard_and_given_ids_are_kept(tmp_path):
    """The warnings POST /articles answers with come from here; so does the rule for the ids it is given."""
    path = tmp_path / "export.jsonl"
    records = [{"text": STORY, "date": "next week", "title": ["a", "list"], "id": "story-1"},
               {"text": "Second story.", "guid": "tag:x.org,2024:2", "published": 99999999999999999}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    heard = []
    first, second = read_all([path], warn=lambda where, message: heard.append((where, message)))
    assert heard == [(f"{path}:1", "field 'title': a list, not a value; dropped"),
                     (f"{path}:1", "field 'date': 'next week' is not a date; dropped"),
                     (f"{path}:2", "field 'published': 99999999999999999 is not a date; dropped")]
    assert (first.id, first.title, first.published, second.id) == ("id-story-1", None, None, "id-tag-x.org-2024-2")
    heard.clear()
    first, second = read_all([path], given_ids=True, warn=lambda where, message: heard.append((where, message)))
    assert (first.id, second.id) == ("story-1", "id-tag-x.org-2024-2")
    assert heard[-2] == (f"{path}:2", "field 'guid': 'tag:x.org,2024:2' cannot be an article id (letters, digits, "
                                      "'_', '.' and '-', at most 100); the id is derived instead")


def test_json_nesting_too_deep_and_a_line_cut_short_are_reported(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "cut.jsonl").write_text('{"text": \n')
    deep, cut = read_all([tmp_path / "deep.json", tmp_path / "cut.jsonl"])
    assert (deep.source, deep.reason) == (str(tmp_path / "deep.json"), "it nests too deeply")
    assert (cut.source, cut.reason) == (f"{tmp_path / 'cut.jsonl'}:1", "malformed JSON: Expecting value at column 10")


def test_json_list_and_wrapped_list(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": STORY}, {"body": "Second story about Kabul."}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": [{"text": "Third story."}]}))
    (tmp_path / "broken.json").write_text('{\n  "text": "x",\n  oops\n}')
    items = read_all([tmp_path])
    broken, first, second, third = items
    assert isinstance(broken, InputError) and broken.source.endswith("broken.json:3")
    assert [a.text for a in (first, second, third)] == [STORY, "Second story about Kabul.", "Third story."]
    assert second.source.endswith("list.json[2]")


@pytest.mark.parametrize("name, feed, publisher", [("wire.rss", RSS, "World Wire"), ("desk.atom", ATOM, "Security Desk")])
def test_feeds(tmp_path, name, feed, publisher):
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    items = read_all([path])
    art = items[0]
    assert art.publisher == publisher and art.url.startswith("https://") and art.published in ("2024-03-05", "2024-03-06")
    assert art.title in ("Bomb kills five in Baghdad", "Troops clash near Mosul")
    assert "<p>" not in art.text
    if name == "wire.rss":
        assert art.text == "A bomb killed five people in Baghdad on Tuesday.\n\nPolice said ISIS claimed it."
        assert isinstance(items[1], InputError) and items[1].source == f"{path}[entry 2]"


def test_folders_recurse_by_extension_sorted(tmp_path):
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY + " More.")
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"text": "Story C."}) + "\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden")
    assert [i.path.name for i in iter_inputs([tmp_path])] == ["b.txt", "a.txt", "c.jsonl"]
    assert [a.id for a in read_all([tmp_path])][:2] == ["b", "sub-a"]  # ids from the path below the folder


def test_stdin_is_sniffed(monkeypatch):
    data = (json.dumps({"text": STORY}) + "\n" + json.dumps({"text": "Second."}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    items = read_all(["-"])
    assert [a.text for a in items] == [STORY, "Second."]
    assert items[0].source == "<stdin>:1"


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(STORY.encode()))))
    art = only(read_all(["-"]))
    assert art.text == STORY and art.source == "<stdin>" and art.id == art.sha256[:16]


@pytest.mark.parametrize(
    "head, kind",
    [(b'{"text": "x"}\n{"text": "y"}', "jsonl"), (b'{\n "articles": []}', "json"), (b"[{}]", "json"),
     (b"<?xml version='1.0'?><rss>", "feed"), (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
     (b"<!DOCTYPE html><html>", "html"), (b"Police arrest man\n\nText.", "text")],
)
def test_sniff_kind(head, kind):
    assert sniff_kind(head) == kind


def test_size_limit_applies_to_files_and_records(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 400)
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": "word " * 400}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    big_jsonl_line, ok, big_txt = read_all([tmp_path], max_bytes=1000)
    assert "too large" in big_jsonl_line.reason and big_jsonl_line.source.endswith("big.jsonl:1")
    assert ok.text == "ok"
    assert "too large" in big_txt.reason


def test_missing_file_is_reported(tmp_path):
    err = only(read_all([tmp_path / "nope.txt"]))
    assert isinstance(err, InputError) and "No such file" in err.reason


@pytest.mark.parametrize(
    "value, expected",
    [("2024-03-05", "2024-03-05"), ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05"), ("March 5, 2024", "2024-03-05"),
     ("2024-03-05T23:30:00-05:00", "2024-03-05"), (1709632800, "2024-03-05"), ("1709632800000", "2024-03-05"),
     ("yesterday", None), ("Monday", None), ("", None), ("12", None), (None, None)],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_html_fragment_to_text():
    assert html_to_text("<p>One <b>two</b></p><p>Three</p>") == "One two\n\nThree"


def test_count_articles_for_the_progress_bar(tmp_path):
    from kg.readers import count_articles

    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n')
    assert count_articles([tmp_path]) == 4
    (tmp_path / "c.rss").write_text(RSS)
    assert count_articles([tmp_path]) is None  # entries are not counted without parsing
    assert count_articles(["-"]) is None


def test_undecodable_jsonl_line_and_binary_html_are_reported(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b'{"text": "caf\xe9 bombing"}\n{"text": "fine"}\n')
    (tmp_path / "b.html").write_bytes(b"\x00\x01\x02binary" * 50)
    bad_line, fine, binary = read_all([tmp_path])
    assert (bad_line.source, bad_line.reason) == (f"{tmp_path / 'a.jsonl'}:1", "not UTF-8")
    assert fine.text == "fine"
    assert (binary.source, binary.reason) == (str(tmp_path / "b.html"), "binary data, not text")
