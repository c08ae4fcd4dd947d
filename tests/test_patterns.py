"""Patterns that refuse a text before asking RE2 (``starts``, ``needs``) match exactly
what RE2 alone matches."""

from hypothesis import given, settings
from hypothesis import strategies as st

from elearn.content.quiz import HEADING
from elearn.patterns import pattern, prefiltered
from elearn.questions.answers import BLOCK, CHECK, EQUALS, FENCE, ORDERED, PAIR, RADIO

PREFILTERED = [HEADING, RADIO, CHECK, EQUALS, PAIR, ORDERED, BLOCK, FENCE]
LINES = st.text(alphabet=" \t#-*+=>[]()!xX->`~1209.)aZé{}", max_size=16)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_a_prefiltered_pattern_matches_what_re2_alone_matches(line):
    for filtered in PREFILTERED:
        alone = filtered._compiled
        for method in ("match", "fullmatch"):
            ours, theirs = getattr(filtered, method)(line), getattr(alone, method)(line)
            assert (ours and ours.groups()) == (theirs and theirs.groups()), (line, method)


def test_a_prefilter_refuses_without_re2_and_leaves_other_methods_alone():
    heading = prefiltered(pattern(r"#+ (?P<title>.*)$"), starts="#")
    assert heading.match("## Soal 1")["title"] == "Soal 1"
    assert heading.match("Soal 1") is None and heading.match("") is None
    assert heading.match("x# Soal", 1)["title"] == "Soal"  # from a position: RE2 decides
    assert heading.sub("-", "# a") == "-"
    fence = prefiltered(pattern(r"^\s*(```|~~~)"), needs=("```", "~~~"))
    assert fence.match("  ~~~python") and fence.match("  ``") is None
