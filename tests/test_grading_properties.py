"""Property tests of answer grading: it never crashes, accepts the key in any surface form, and never
accepts another number or a clearly different name."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.services.grading import grade, is_correct, normalize_answer

TYPES = ["mcq", "true_false", "cloze", "short_answer", "matching", "flashcard", "unknown"]
WORDS = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=2, max_size=12)
PHRASES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(
    qtype=st.sampled_from(TYPES), answer=st.text(), accepted=st.lists(st.text(), max_size=3), given_=st.text()
)
def test_grading_never_crashes(qtype, answer, accepted, given_):
    result = grade(qtype, answer, accepted, given_)
    assert 0.0 <= result.score <= 1.0
    assert isinstance(result.correct, bool)


@FAST
@given(text=st.text())
def test_normalising_twice_changes_nothing(text):
    once = normalize_answer(text)
    assert normalize_answer(once) == once


@FAST
@given(key=PHRASES, style=st.sampled_from(["upper", "lower", "title", "spaced", "punct", "article"]))
def test_the_key_is_accepted_in_any_surface_form(key, style):
    assume(normalize_answer(key))
    given_ = {
        "upper": key.upper(),
        "lower": key.lower(),
        "title": key.title(),
        "spaced": f"  {key}  ".replace(" ", "  "),
        "punct": f"{key}.",
        "article": f"the {key}",
    }[style]
    assume(normalize_answer(given_) == normalize_answer(key) or style in ("upper", "lower", "title"))
    assert is_correct("short_answer", key, [], given_)


@FAST
@given(
    a=st.integers(min_value=0, max_value=10**9),
    b=st.integers(min_value=0, max_value=10**9),
    unit=st.sampled_from(["", " people", " square kilometers", " percent", " votes"]),
)
def test_a_different_number_is_never_accepted(a, b, unit):
    assume(a != b)
    assert not is_correct("short_answer", f"{a:,}{unit}", [], f"{b:,}{unit}")
    assert not is_correct("cloze", f"{a}{unit}", [], f"{b}{unit}")
    assert is_correct("short_answer", f"{a:,}{unit}", [], f"{a}{unit}")


@FAST
@given(key=WORDS, other=WORDS)
def test_a_clearly_different_name_is_never_accepted(key, other):
    from rapidfuzz.distance import Levenshtein

    assume(Levenshtein.distance(key.lower(), other.lower()) > 2)
    assert not is_correct("short_answer", key, [], other)


@FAST
@given(options=st.lists(PHRASES, min_size=2, max_size=4, unique_by=normalize_answer))
def test_only_the_key_option_is_right(options):
    assume(len({normalize_answer(o) for o in options}) == len(options))
    key = options[0]
    assert is_correct("mcq", key, [], key)
    for option in options[1:]:
        assert not is_correct("mcq", key, [], option)


def test_dotless_i_in_a_key_matches_a_typed_capital_i():
    """Found by the surface-form property: "Aı".upper() is "AI", which folded back to "ai" != "aı"."""
    assert is_correct("short_answer", "Aı", [], "AI")
    assert is_correct("short_answer", "Diyarbakır", [], "DIYARBAKIR")
    assert not is_correct("short_answer", "Diyarbakır", [], "Dortmund")
