"""Word search over the catalogue: one interface, SQLite FTS5 or PostgreSQL full text.

Both back ends match every word as a prefix ("keuang" finds "keuangan"), ignore case,
and search a course's title, summary, tags, trainers, lesson titles and lesson text
(``CourseVersion.search_text``, filled at import). SQLite keeps an FTS5 index that
triggers maintain (migration 0005); PostgreSQL matches ``to_tsvector``, which
uses a GIN index on the same expression (migration 0018).

A query that finds nothing is tried again with each unknown word replaced by the
catalogue's word most like it (``suggest``): "phising" finds the phishing lesson.
"""

from __future__ import annotations

import html
import re

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import Session

from elearn.models import CourseVersion, SearchWord

WORD = re.compile(r"\w+", re.UNICODE)
TAG = re.compile(r"<[^>]+>")
SEARCH_INDEX = "course_search"  # SQLite: the FTS5 table and its shadow tables
MAX_TERMS = 8
MAX_TEXT = 200_000
MIN_WORD, MAX_WORD = 3, 40
SIMILAR = 0.4  # trigram similarity (Jaccard) for a misspelling to be read as a word
MAX_CANDIDATES = 5000


def search_terms(words: str) -> list[str]:
    """The words of a query, lower-cased, without operators or punctuation."""
    return [term.lower() for term in WORD.findall(words or "")][:MAX_TERMS]


def where_matches(statement: sa.Select, words: str, dialect: str) -> sa.Select:
    """``statement`` (over ``CourseVersion``) narrowed to versions matching every word."""
    terms = search_terms(words)
    if not terms:
        return statement
    if dialect == "sqlite":
        query = " ".join(f'"{term}"*' for term in terms)
        matching = sa.text(
            "SELECT rowid FROM course_search WHERE course_search MATCH :search_query"
        ).bindparams(search_query=query)
        return statement.where(CourseVersion.id.in_(matching.columns(sa.column("rowid"))))
    config = sa.literal_column("'simple'::regconfig")
    space = sa.literal_column("' '")  # a literal, so the GIN index's expression matches
    document = sa.func.to_tsvector(config, CourseVersion.title + space + CourseVersion.search_text)
    query = sa.func.to_tsquery(config, " & ".join(f"{term}:*" for term in terms))
    return statement.where(document.op("@@")(query))


def words_of(*texts: str) -> set[str]:
    """The catalogue's vocabulary in ``texts``: lower-cased words of 3 to 40 letters."""
    return {
        word
        for text in texts
        for word in (w.lower() for w in WORD.findall(text or ""))
        if MIN_WORD <= len(word) <= MAX_WORD and not word.isdigit()
    }


def remember_words(session: Session, *texts: str) -> None:
    """Add the words of a new version to the vocabulary misspellings are matched against."""
    words = words_of(*texts)
    if not words:
        return
    known = set(session.scalars(sa.select(SearchWord.word).where(SearchWord.word.in_(words))))
    session.add_all(SearchWord(word=word) for word in sorted(words - known))


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def suggest(session: Session, words: str) -> list[str] | None:
    """The query with each word the catalogue does not know replaced by the known word
    most like it (trigram similarity at least ``SIMILAR``), or None when nothing would
    change. One statement per word, over the words of about its length that start with
    its letter: bounded however large the catalogue grows."""
    terms = search_terms(words)
    changed, corrected = False, []
    for term in terms:
        if len(term) < MIN_WORD or session.get(SearchWord, term) is not None:
            corrected.append(term)
            continue
        candidates = session.scalars(
            sa.select(SearchWord.word)
            .where(
                SearchWord.word >= term[0],
                SearchWord.word < chr(ord(term[0]) + 1),
                sa.func.length(SearchWord.word).between(len(term) - 2, len(term) + 2),
            )
            .limit(MAX_CANDIDATES)
        )
        wanted = trigrams(term)
        best, score = None, SIMILAR
        for word in candidates:
            have = trigrams(word)
            similarity = len(wanted & have) / len(wanted | have)
            if similarity >= score:
                best, score = word, similarity
        changed |= best is not None
        corrected.append(best or term)
    return corrected if changed else None


def searchable_text(*parts: str) -> str:
    """Plain text of titles and compiled HTML, for ``CourseVersion.search_text``."""
    text = " ".join(html.unescape(TAG.sub(" ", part or "")) for part in parts)
    return " ".join(text.split())[:MAX_TEXT]


SNIPPET_BEFORE, SNIPPET_AFTER = 60, 140


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    """Any of the query's words at the start of a word, as the search matches them: a
    literal alternation, linear in the text."""
    if not terms:
        return None
    words = sorted({term[:MAX_WORD] for term in terms}, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def marked(text: str, terms: list[str]) -> Markup:
    """``text`` escaped, with the words the query matched in ``<mark>``."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return Markup.escape(text)
    out, end = [], 0
    for found in pattern.finditer(text):
        out.append(Markup.escape(text[end : found.start()]))
        out.append(Markup("<mark>{}</mark>").format(found.group()))
        end = found.end()
    out.append(Markup.escape(text[end:]))
    return Markup("").join(out)


MAX_MATCHES = 500  # matches weighed for the passage; the rest of a long text is not read


def snippet(text: str, terms: list[str]) -> Markup | None:
    """A short passage of ``text`` where the most of the query's words are close together
    (the earliest such), cut at word boundaries, the matches marked; None when no word of
    the query is in it."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return None
    matches = []
    for found in pattern.finditer(text):
        word = found.group().lower()
        matches.append((found.start(), found.end(), next(t for t in terms if word.startswith(t))))
        if len(matches) == MAX_MATCHES:
            break
    if not matches:
        return None
    best, best_count = matches[0], 0
    near: dict[str, int] = {}  # the words matched in the window from ``first`` on
    ahead = 0
    for first in matches:  # a sliding window: each match enters and leaves it once
        while ahead < len(matches) and matches[ahead][0] < first[0] + SNIPPET_AFTER:
            near[matches[ahead][2]] = near.get(matches[ahead][2], 0) + 1
            ahead += 1
        if len(near) > best_count:
            best, best_count = first, len(near)
        near[first[2]] -= 1
        if not near[first[2]]:
            del near[first[2]]
    start = max(0, best[0] - SNIPPET_BEFORE)
    end = min(len(text), best[1] + SNIPPET_AFTER)
    if start > 0:
        start = text.find(" ", start, best[0]) + 1 or start
    if end < len(text) and " " in text[best[1] : end]:
        end = text.rfind(" ", best[1], end)
    passage = marked(text[start:end].strip(), terms)
    return (
        (Markup("… ") if start > 0 else Markup(""))
        + passage
        + (Markup(" …") if end < len(text) else Markup(""))
    )


def found_in(versions, words: str) -> dict[int, tuple[Markup, Markup | None]]:
    """For a results page: each version's title with the query's words marked, and the
    passage that matched (its summary when the summary matched, else its text)."""
    terms = search_terms(words)
    if not terms:
        return {}
    return {
        version.id: (
            marked(version.title, terms),
            snippet(version.summary or "", terms) or snippet(version.search_text, terms),
        )
        for version in versions
    }
