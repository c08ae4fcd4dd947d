"""Every parser of what a learner types does work in proportion to the text, measured
by counted steps (elearn.testing.work), on adversarial inputs hypothesis draws: long runs
of spaces, separators, signs and brackets."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elearn.content.numbers import parse_learner_number
from elearn.questions.helpers import normalise_text, word_count
from elearn.search import marked, search_terms, snippet
from elearn.testing.work import grows_linearly, python_steps

ADVERSARIAL = st.text(alphabet=" \t.,-+()%1209aZé=/|[]", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(ADVERSARIAL)
def test_reading_a_learners_number_is_linear(seed):
    assert grows_linearly(parse_learner_number, seed)


@settings(max_examples=60, deadline=None)
@given(ADVERSARIAL)
def test_comparing_a_learners_text_is_linear(seed):
    assert grows_linearly(normalise_text, seed)
    assert grows_linearly(word_count, seed)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ADVERSARIAL)
def test_grading_short_answers_and_blanks_is_linear(app, compile_question, seed):
    short, parsed = compile_question("## Pola\nTulis.\n\n= /(a+)+$/\n= Surat Pertanggungjawaban\n")
    cloze, blanks = compile_question("## R\nIbu kota [[Jakarta|DKI]] dan [[(A)|B]].\n")
    with app.test_request_context():
        assert grows_linearly(lambda text: short.grade(parsed.key, text), seed)
        assert grows_linearly(lambda text: cloze.grade(blanks.key, {"1": text}), seed)


def test_a_quadratic_parser_is_caught():
    def quadratic(text):
        return sum(1 for i in range(len(text)) for _ in text[i:])

    assert not grows_linearly(quadratic, " ")
    assert python_steps(len, "abc") == 0


def test_a_cold_pattern_cache_is_not_counted_as_the_parsers_work():
    """Other tests can evict a parser's compiled pattern from ``re``'s cache; compiling
    it again is not the parser's work on the text (it failed the suite now and then)."""

    def parse(text):
        return re.findall(r"[0-9]+(?:[.,][0-9]+)*", text)

    re.purge()
    cold = python_steps(parse, "Rp 1.250.000")
    assert python_steps(parse, "Rp 1.250.000") == cold


@settings(max_examples=40, deadline=None)
@given(ADVERSARIAL, st.text(alphabet="aZé 1", min_size=1, max_size=8))
def test_marking_the_words_a_search_matched_is_linear(seed, query):
    terms = search_terms(query) or ["a"]
    assert grows_linearly(lambda text: snippet(text, terms), seed)
    assert grows_linearly(lambda text: marked(text, terms), seed)
