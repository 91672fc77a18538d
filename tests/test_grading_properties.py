"""Property tests of answer grading: it never crashes, accepts the key in any surface form, and never
accepts another number or another name (one letter changed, added or dropped, or a name the article uses
for someone else), while small typos in long common words are still forgiven."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.services.grading import grade, is_correct, known_words, normalize_answer

TYPES = ["mcq", "true_false", "cloze", "short_answer", "matching", "flashcard", "unknown"]
WORDS = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=2, max_size=12)
PHRASES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
FAST = settings(max_examples=300, deadline=None)
NAMES = st.from_regex(r"[A-Z][a-z]{1,11}", fullmatch=True)
LONG_NAMES = st.from_regex(r"[A-Z][a-z]{5,11}", fullmatch=True)
LOWER = "abcdefghijklmnopqrstuvwxyz"
CONSONANTS = "bcdfghjklmnpqrstvwxz"


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


def test_a_letter_whose_capital_is_two_letters_matches_its_capital():
    """Found by the surface-form property: "Aᾀ".upper() is "AἈΙ"; decomposing before folding the case
    dropped the iota subscript of one side only."""
    assert is_correct("short_answer", "Aᾀ", [], "AἈΙ")
    assert is_correct("short_answer", "Ὠιδή", [], "Ὠιδή".upper())


@FAST
@given(name=NAMES, data=st.data(), first=st.sampled_from(["", "Dana ", "Mayor "]))
def test_a_name_with_a_letter_changed_or_added_is_never_accepted(name, data, first):
    """Martin/Marvin, Carter/Carver, Johnson/Johnston: however close, it is another name."""
    i = data.draw(st.integers(0, len(name) - 1), label="position")
    letter = data.draw(st.sampled_from(LOWER), label="letter")
    if letter != name[i].lower():
        changed = name[:i] + letter + name[i + 1 :]
        assert not is_correct("short_answer", f"{first}{name}", [], f"{first}{changed}")
    j = data.draw(st.integers(0, len(name)), label="insert at")
    neighbours = name[max(0, j - 1) : j + 1].lower()
    if letter not in neighbours:  # a doubled letter is a typo of form, tested below
        added = name[:j] + letter + name[j:]
        assert not is_correct("short_answer", f"{first}{name}", [], f"{first}{added}")
        assert not is_correct("cloze", f"{first}{name}", [], f"{first}{added}")


@FAST
@given(name=NAMES, data=st.data())
def test_a_name_with_a_consonant_dropped_is_never_accepted(name, data):
    """Johnston/Johnson, Bryant/Bryan, Roberts/Robert."""
    i = data.draw(st.integers(0, len(name) - 1), label="position")
    low = name.lower()
    assume(low[i] in CONSONANTS and low[i] not in low[max(0, i - 1) : i] + low[i + 1 : i + 2])
    assert not is_correct("short_answer", name, [], name[:i] + name[i + 1 :])


@FAST
@given(name=LONG_NAMES, data=st.data())
def test_a_name_the_article_uses_is_never_taken_for_another(name, data):
    """A misspelling in form (swapped or doubled letters) is forgiven, unless the article names
    someone that way: then it is that other person."""
    i = data.draw(st.integers(1, len(name) - 2), label="position")
    kind = data.draw(st.sampled_from(["swap", "double"]), label="kind")
    if kind == "swap":
        assume(name[i] != name[i + 1])
        variant = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    else:
        variant = name[: i + 1] + name[i] + name[i + 1 :]
    article = f"Coach {name} spoke first. Then {variant} spoke."
    assert is_correct("short_answer", name, [], variant)
    assert not is_correct("short_answer", name, [], variant, known=known_words(article))
    assert is_correct("short_answer", name, [], name.lower(), known=known_words(article))


@FAST
@given(word=st.from_regex(r"[a-z]{6,14}", fullmatch=True), data=st.data())
def test_a_small_typo_in_a_long_common_word_is_forgiven(word, data):
    i = data.draw(st.integers(1, len(word) - 1), label="dropped letter")
    typo = word[:i] + word[i + 1 :]
    assume(normalize_answer(word) == word and normalize_answer(typo) == typo)  # no number words
    assert is_correct("short_answer", word, [], typo)
    assert is_correct("cloze", f"the {word}", [], typo.upper())
