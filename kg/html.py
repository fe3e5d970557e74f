"""HTML -> article text: the visible text of the page, one block per line, and its title."""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "nav", "footer"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote",
           "header", "pre", "ul", "ol", "table", "figcaption"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._stack: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("title", "h1"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "title":
            self.title.append(data)
        elif not self._skip:
            if self._stack and self._stack[-1] == "h1":
                self.h1.append(data)
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """(text, title) of an HTML page: paragraphs separated by blank lines; the title from <h1> or <title>."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n\n".join(line for line in lines if line)
    title = " ".join("".join(parser.h1 or parser.title).split()) or None
    return text, title
