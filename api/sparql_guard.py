"""What a SPARQL request may ask of the server, decided from its tokens before the engine sees it.

* Nesting: Oxigraph parses recursively, and a query nested a few thousand brackets deep overflows its stack and
  kills the process (nested ``[ ]`` also take time that grows with the cube of the depth). Requests nesting
  ``{``, ``(`` and ``[`` deeper than :data:`MAX_NESTING` are refused.
* Length of chains: a flat chain of operators or pattern keywords (``1+1+...``, ``{..} UNION {..} ...``, a path
  ``p/p/...``) is a tree as deep as it is long to the engine, and 10,000 of them overflow its stack too. Requests
  with more than :data:`MAX_OPERATORS` such tokens (the service's ``KG_MAX_SPARQL_OPERATORS``) are refused.
* Fetches: ``SERVICE`` (a query calling another endpoint) and ``LOAD`` (an update reading a URL) make the server
  send HTTP requests to a URL the client chose. Both are refused unless the server allows them; then only to
  ``http``/``https`` hosts whose every address is public, unless the host is listed as allowed (loopback,
  link-local and private addresses otherwise stay refused). Targets are resolved as the engine resolves them:
  ``BASE`` and ``PREFIX`` declarations, prefixed names, relative IRIs against the endpoint. A variable as
  target cannot be checked and is refused. Oxigraph does not follow redirects.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Collection
from urllib.parse import urljoin, urlsplit

from .sparql_lexer import LexError, Token, iri_value, max_depth, pname_parts, tokens

MAX_NESTING = 32
MAX_OPERATORS = 1000
# tokens each of which adds a level to the tree Oxigraph parses and evaluates recursively, however flat the text:
# a chain of 10,000 of them ("1+1+...", "?a || ?b || ...", a path "p/p/...", "{..} UNION {..} ...", "FILTER(..)
# FILTER(..) ...", "!!!...") overflows its stack and kills the process (pyoxigraph 0.5, measured here)
_OPERATORS = frozenset({"+", "-", "*", "/", "|", "||", "&&", "=", "!=", "<", ">", "<=", ">=", "!", "^"})
_OPERATOR_WORDS = frozenset({"UNION", "FILTER", "OPTIONAL", "MINUS", "BIND", "VALUES", "SERVICE", "GRAPH"})
_OPERATOR_CHARS = "+-*/|&=<>!^"
_FETCHES = ("SERVICE", "LOAD")
_NETLOC = re.compile(r"(?P<host>[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")


class Refused(ValueError):
    """The request asks for something the server does not do (answered with 400 and this message)."""


def fetch_targets(text: str, base: str, max_operators: int = MAX_OPERATORS) -> list[tuple[str, str]]:
    """``(keyword, absolute IRI)`` of each SERVICE and LOAD in ``text``; Refused when it nests too deep or a
    target cannot be known before evaluation (a variable, an undeclared prefix)."""
    brackets = text.count("{") + text.count("(") + text.count("[")
    lowered = text.lower()
    operators = sum(text.count(c) for c in _OPERATOR_CHARS) + sum(lowered.count(w.lower()) for w in _OPERATOR_WORDS)
    if brackets <= MAX_NESTING and operators <= max_operators and "service" not in lowered and "load" not in lowered:
        return []  # the common case, without tokenizing
    try:
        toks = tokens(text)
    except LexError as exc:
        raise Refused(f"SPARQL syntax error: {exc}") from None
    if max_depth(toks) > MAX_NESTING:
        raise Refused(f"the request nests {{, ( and [ deeper than {MAX_NESTING} levels")
    if sum(_is_operator(t) for t in toks) > max_operators:
        raise Refused(f"the request has more than {max_operators} operators, UNIONs, FILTERs and other pattern "
                      "keywords; split it into several requests")
    return _targets(toks, base)


def _is_operator(tok: Token) -> bool:
    return (tok.kind == "punct" and tok.text in _OPERATORS) or (tok.kind == "word" and tok.text in _OPERATOR_WORDS)


def _targets(toks: list[Token], base: str) -> list[tuple[str, str]]:
    prefixes: dict[str, str] = {}
    found = []
    prologue = True  # at the start of the query or of an update operation (after a ';' outside brackets)
    i = 0
    while i < len(toks):
        tok, following = toks[i], toks[i + 1: i + 3]
        if prologue and _is_word(tok, "BASE") and following and following[0].kind == "iri":
            base = urljoin(base, iri_value(following[0]))
            i += 2
            continue
        if prologue and _is_word(tok, "PREFIX") and [t.kind for t in following] == ["pname", "iri"]:
            prefixes[pname_parts(following[0])[0]] = urljoin(base, iri_value(following[1]))
            i += 3
            continue
        if prologue and tok.kind == "pname" and tok.text.upper() == "PREFIX:" and following[:1] \
                and following[0].kind == "iri":  # PREFIX: <iri> declares the default prefix
            prefixes[""] = urljoin(base, iri_value(following[0]))
            i += 2
            continue
        prologue = tok.kind == "punct" and tok.text == ";" and tok.depth == 0
        if tok.kind == "word" and tok.text in _FETCHES:
            if following and _is_word(following[0], "SILENT"):
                following = following[1:]
            if following:
                found.append((tok.text, _resolve(tok.text, following[0], base, prefixes)))
        i += 1
    return found


def _is_word(token: Token, word: str) -> bool:
    return token.kind == "word" and token.text == word


def _resolve(keyword: str, target: Token, base: str, prefixes: dict[str, str]) -> str:
    if target.kind == "iri":
        return urljoin(base, iri_value(target))
    if target.kind == "pname":
        prefix, local = pname_parts(target)
        if prefix not in prefixes:
            raise Refused(f"{keyword} names its endpoint with the undeclared prefix {prefix + ':'!r}")
        return prefixes[prefix] + local
    raise Refused(f"{keyword} must name its endpoint with an IRI, not {target.text!r}, on this server")


def check_target(keyword: str, iri: str, allowed_hosts: Collection[str]) -> None:
    """Refused unless ``iri`` is http(s) on a listed host or on a host whose every address is public.

    Resolves host names (blocking: call it from a thread)."""
    parts = urlsplit(iri)
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused(f"{keyword} <{iri}>: only http and https endpoints")
    m = _NETLOC.fullmatch(parts.netloc)
    if m is None:
        raise Refused(f"{keyword} <{iri}>: the host must be a plain name or address (no user, no escapes)")
    host = m["host"].strip("[]").rstrip(".").lower()
    if host in allowed_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, int(m["port"] or 80), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        raise Refused(f"{keyword} <{iri}>: cannot resolve {host}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise Refused(f"{keyword} <{iri}>: {host} is a loopback, link-local or private address "
                          f"({address}); allow it with KG_SPARQL_SERVICE_HOSTS")
