"""Rank candidates and choose a default set: important facts first, mixed types, no giveaways."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from .article import Analysis
from .candidates import TYPE_CONFIDENCE
from .distractors import is_variant
from .model import Candidate
from .validate import mentions

_TYPE_SHARE = {
    "mcq": 0.35,
    "short_answer": 0.25,
    "cloze": 0.25,
    "true_false": 0.34,
    "flashcard": 0.25,
    "matching": 0.07,
}
_SEED_ORDER = ("short_answer", "mcq", "cloze", "flashcard", "matching")
MAX_DEFAULT = 40


def default_size(an: Analysis) -> int:
    """Questions in the default set: about one per 22 words, at least 8, at most ``MAX_DEFAULT``."""
    words = len(an.text.split())
    return max(8, min(MAX_DEFAULT, round(words / 22)))


def score(c: Candidate) -> float:
    """Final score in [0, 1]: the fact's importance times confidence in the question type."""
    return round(max(0.0, min(1.0, c.weight * TYPE_CONFIDENCE[c.qtype])), 4)


def visible(c: Candidate) -> str:
    """Everything a learner sees before answering (and, for cards and pairs, the backs too)."""
    parts = [c.prompt]
    if c.qtype in ("flashcard", "matching"):
        parts.append(c.answer)
    return " ".join(parts)


def pairs(c: Candidate) -> list[tuple[str, str]]:
    """The (name, what the article says of it) pairs a card or matching set shows; else none."""
    if c.qtype == "matching":
        return [(p["left"], p["right"]) for p in c.choices]
    pair = c.extra.get("pair")
    return [pair] if pair else []


def _shows_pair(text: str, name: str, other: str) -> bool:
    if " " not in other and other[:1].isupper():  # "President" as a title, not "might become president"
        return mentions(text, name.split()[-1]) and re.search(rf"\b{re.escape(other)}\b", text) is not None
    return mentions(text, name.split()[-1]) and mentions(text, other)


def leaks(a: Candidate, b: Candidate) -> bool:
    """True when question ``b`` shows the answer of question ``a``."""
    if a.qtype == b.qtype == "true_false" and _changes_value(a) and a.extra.get("key"):
        # "... keep the government open until Feb. 20" (False) beside "... fund the government through
        # Feb. 8" (True): the figure the false one changed, shown by another statement or changed by it too
        return mentions(visible(b), a.extra["key"]) or b.extra.get("key") == a.extra["key"]
    if a.qtype in ("true_false", "matching") and a.qtype == b.qtype:
        return False
    swapped = b.extra.get("swapped") if b.qtype == "true_false" and b.extra.get("kind") == "place" else None
    if swapped and a.qtype != "true_false" and any(is_variant(f, swapped) for f in (a.answer, *a.accepted)):
        # "... flew Sunday to Canada, the planned site for the summit" (False) beside "... the Group of
        # Seven summit in _____" (Canada): the wrong place put in is the other question's answer (a
        # swapped speaker is not: every who-said question offers the article's speakers anyway)
        return True
    mine, theirs = pairs(a), pairs(b)
    if mine and theirs:  # a card and a matching set (or two cards) on one person tell the same thing
        return any(is_variant(x, y) for x, _ in mine for y, _ in theirs)
    if mine:  # a card is given away only where its name and its back stand together
        return any(_shows_pair(visible(b), name, other) for name, other in mine)
    forms = {x for x in (a.answer, *a.accepted) if len(x) >= 3 or any(ch.isdigit() for ch in x)}
    if theirs and a.extra.get("phrase"):
        return False  # a clause on a card's back is no name: cards and pairs cannot repeat it
    if theirs and a.shown & b.shown and any(is_variant(f, name) for f in forms for name, _ in theirs):
        return True  # two questions from one sentence about one person: the card shows whom it is about
    if theirs and a.qtype == "true_false" and a.answer == "False" and a.extra.get("key"):
        # "... said Scott Brunner, deputy associate administrator for the FAA" (False) beside the card
        # "Who is Angela H. Stubblefield? The deputy associate administrator for the FAA"
        original = a.extra["key"]
        if any(is_variant(original, name) and _names_role(a.prompt, other) for name, other in theirs):
            return True
    if theirs:
        # A card names its subject neutrally ("Who is Donald Trump?"); it gives away only a question
        # that asks for one half of its pair by the other ("Who is the special envoy ...?").
        return any(
            any(is_variant(f, name) for f in forms)
            and _names_role(a.prompt, other)
            or any(is_variant(f, other) for f in forms)
            and mentions(a.prompt, name.split()[-1])
            for name, other in theirs
        )
    if a.qtype == "true_false":
        # "... open until Feb. 20" (False) beside "... through Feb. 8", or beside "... open until _____?"
        # (Feb. 8): the figure the false one changed, shown or asked for (b has a key: statements returned)
        original = a.extra.get("key")
        if original and _changes_value(a) and (mentions(visible(b), original) or b.answer == original):
            return True
        return bool(a.shown & b.shown)
    shown = visible(b)
    if b.qtype == "true_false" and a.shown & b.shown:
        return True
    if _paired_elsewhere(a, shown):
        return True
    if _in_score(a.answer, shown):
        return True
    if a.extra.get("phrase") and a.shown & b.shown and not pairs(b):
        return True  # a card's back is a phrase of the sentence the other question shows
    places = [x for x in forms if mentions(shown, x)]
    if not places:
        return False
    if a.shown & b.shown or a.target.startswith(("number:", "date:")):
        return True  # a figure or a date named anywhere else is the same fact, and gives it away
    if a.target.startswith("quote:") and any("<said>" in _near(shown, x) for x in places):
        # "... such as concerts, Brunner said" answers who said the bureau fears terrorists: the speaker
        # shown saying something on the same topic, anywhere in the other question
        if _context(a, forms) & _content_words(shown):
            return True
    if any(b.prompt.startswith(f"According to {x},") for x in places) and abs(a.sent - b.sent) <= 3:
        return True  # "According to Royce, how many villages ...?" names the speaker of the words nearby
    # The answer named elsewhere gives it away only beside what the question asks about: "Trump and Abe
    # are to attend" answers "Trump and _____ also affirmed"; "Strzok has been reassigned" does not
    # answer "Who said, 'We'll stop it'?".
    return any(_context(a, forms) & _near(shown, x) for x in places)


def _changes_value(c: Candidate) -> bool:
    """Whether a false statement changed a number or a date (not a name or a verb)."""
    return c.extra.get("kind") in ("number", "date")


def _names_role(text: str, role: str) -> bool:
    """Whether ``text`` names the role, in any number: "U.S. attorneys general" names "Attorney General"."""

    def stems(words: str) -> list[str]:
        return [w.lower().removesuffix("s") for w in re.findall(r"[\w.]+", words)]

    want, have = stems(role), stems(text)
    return bool(want) and any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def _paired_elsewhere(c: Candidate, shown: str) -> bool:
    """ "Trump and _____ also affirmed ..." beside "Trump and Abe are to attend ...": the blank's partner
    named with the answer in another question gives the answer away."""
    if "_pair_re" not in c.extra:
        m = re.search(r"([A-Z][\w.’'-]*) and _____|_____ and ([A-Z][\w.’'-]*)", c.prompt)
        pattern = None
        if m is not None:
            partner = re.escape(m.group(1) or m.group(2))
            forms = "|".join(re.escape(x) for x in sorted({c.answer, *c.accepted, c.answer.split()[-1]}) if x)
            pattern = re.compile(rf"\b{partner} and (?:{forms})\b|\b(?:{forms}) and {partner}\b")
        c.extra["_pair_re"] = pattern
    pattern = c.extra["_pair_re"]
    return pattern is not None and pattern.search(shown) is not None


def _context(c: Candidate, forms: set[str]) -> set[str]:
    """The content words of what ``c`` asks about (set in :func:`choose`, less the article's commonest)."""
    if "_ctx" not in c.extra:
        c.extra["_ctx"] = _content_words(c.prompt) - _content_words(" ".join(forms))
    return c.extra["_ctx"]


_STOP = frozenset(
    "the a an of and or to in on for with as by at from that this is was are were be been has have had "
    "will would could should may might can did does do not who what when where which why how said says "
    "also than more its it his her their they he she after before over into about there option "
    "completes sentence according article".split()
)


_SAYING = frozenset(
    "say says said saying tell tells told telling write writes wrote writing written tweet tweets tweeted "
    "state states stated add adds added".split()
)


def _content_words(text: str) -> set[str]:
    # "Roberts ... writing" beside "_____ wrote": one act of saying, whatever the form
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)} - _STOP
    return {"<said>" if w in _SAYING else w for w in words}


def _near(text: str, form: str, reach: int = 6) -> set[str]:
    """The content words within ``reach`` words of each place ``form`` stands in ``text``."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*", text)
    size = len(form.split())
    keys = [w.lower() for w in form.split()]
    out: set[str] = set()
    for i in range(len(words) - size + 1):
        if [w.lower() for w in words[i : i + size]] == keys:
            out |= {w.lower() for w in words[max(0, i - reach) : i] + words[i + size : i + size + reach]}
    return {"<said>" if w in _SAYING else w for w in out} - _STOP  # "said" is a stop word, not a saying


_NUMBER_WORDS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())
}


def _in_score(answer: str, text: str) -> bool:
    """A small number read off a score or vote shown elsewhere ("four" from "a 5-4 decision")."""
    value = _NUMBER_WORDS.get(answer.lower(), answer)
    if not value.isdigit():
        return False
    return any(value in pair for pair in re.findall(r"\b(\d+)\s*[-–]\s*(\d+)\b", text))


def choose(an: Analysis, cands: list[Candidate], limit: int | None) -> list[Candidate]:
    """Pick the default set (or ``limit`` questions) from validated candidates."""
    size = default_size(an) if limit is None else max(0, limit)
    if size == 0:
        return []
    spread = _answer_spread(an)
    # The article's main actor answers "who" nearly everywhere: asking for them is a guess, not a test.
    main = max(4, 0.35 * len(an.sentences))
    for c in cands:
        # None of those (but their quotations): with the main actor among the options, a learner who
        # read only the headline picks them ("CNN reported that _____ was escorted out": Strzok).
        c.extra["_main"] = (
            c.qtype != "true_false" and not c.target.startswith("quote:") and (_named_in(c, spread) >= main)
        )
    # The headline stands above every quiz: an answer it names is given away, a statement it restates
    # ("drones pose a national security threat" under "US Sees National Security Threat ...") is trivial.
    cands = [c for c in cands if c.qtype in ("true_false", "matching") or not _in_title(c, an.title)]
    cands = [
        c
        for c in cands
        if c.qtype != "true_false" or not _restates(c.extra.get("true_text", c.prompt), an.title)
    ]
    common = _common_words(an)
    for c in cands:
        forms = " ".join(x for x in (c.answer, *c.accepted))
        # Words all over the article (the main actor's name) say nothing about which fact is asked.
        c.extra["_ctx"] = _content_words(c.prompt) - _content_words(forms) - common
    ranked = sorted(cands, key=lambda c: (-_rank(c, spread), c.sent, c.qtype, c.prompt))
    keyed = [c for c in ranked if c.qtype != "true_false"]
    statements = [c for c in ranked if c.qtype == "true_false"]
    chosen: list[Candidate] = []
    taken: set[int] = set()

    def add(pool: list[Candidate], until: int, stretch: float = 1.0) -> None:
        _fill(chosen, taken, pool, until, size, stretch)

    # A statement shows a whole sentence, and with it the answers of other questions on it; so the
    # questions with keys come first, with room kept for a fair share of true/false statements.
    reserve = round(_TYPE_SHARE["true_false"] * size * 0.8)
    by_para: dict[int, list[Candidate]] = {}
    for c in keyed:
        by_para.setdefault(an.sentences[c.sent].para, []).append(c)
    for para in sorted(by_para):  # the paragraphs in article order, the lead first
        if any(an.sentences[x.sent].para == para for x in chosen):
            continue
        add(by_para[para][:3], min(size, len(chosen) + 1))
        if len(chosen) >= size - reserve:
            break
    for qtype in _SEED_ORDER:
        add([c for c in keyed if c.qtype == qtype], min(size - reserve, len(chosen) + 1))
    add(keyed, size - reserve)
    # Twice: a statement skipped for balance may fit once one of the other answer is in.
    add(statements, size)
    add(statements, size)
    add(keyed, size)
    for pool in (keyed, statements):  # last, the type shares stretch rather than leave facts unasked
        add(pool, size, 1.5)
    chosen = _swap_blockers(chosen, keyed + statements, size)
    chosen = _trade_for_statements(chosen, statements, size)
    # A trade can free room that the passes above left: fill it.
    _fill(chosen, {id(c) for c in chosen}, keyed + statements, size, size, 1.5)
    return sorted(chosen, key=lambda c: (-score(c), c.sent, c.qtype, c.prompt))


def _trade_for_statements(chosen: list[Candidate], statements: list[Candidate], size: int) -> list[Candidate]:
    """Trade a keyed question for the false statement about its own fact plus a true one kept waiting.

    True statements wait for false ones (the set stays balanced), and a false statement often changes
    the very fact a keyed question asks ("20 percent" beside "_____ of the Donetsk region"): the fact
    stays tested, and the set gains a question.
    """
    for _ in range(size):
        if len(chosen) >= size:
            break
        taken = {id(c) for c in chosen}
        best = None
        for f in statements:
            if f.answer != "False" or id(f) in taken:
                continue
            blockers = [x for x in chosen if _conflict(f, x)]
            if len(blockers) != 1 or blockers[0].qtype in ("true_false", "matching"):
                continue
            trial = [c for c in chosen if c is not blockers[0]]
            if not _fits(f, trial, size, 1.5):
                continue
            trial.append(f)
            ids = {id(c) for c in trial} | {id(blockers[0])}
            _fill(trial, ids, [t for t in statements if t.answer == "True"], len(trial) + 1, size, 1.5)
            if len(trial) > len(chosen) and (best is None or len(trial) > len(best)):
                best = trial
        if best is None:
            break
        chosen = best
    return chosen


def _fill(
    chosen: list[Candidate], taken: set[int], pool: list[Candidate], until: int, size: int, stretch: float
) -> None:
    """Add, in order, every candidate of ``pool`` that fits, until ``chosen`` holds ``until``."""
    for c in pool:
        if len(chosen) >= until:
            return
        if id(c) not in taken and _fits(c, chosen, size, stretch):
            chosen.append(c)
            taken.add(id(c))


def _swap_blockers(chosen: list[Candidate], pool: list[Candidate], size: int) -> list[Candidate]:
    """Trade a question that alone blocks two or more others for those others, when the set grows.

    "Who rescinded the measure? Trump" taken early keeps out every question that names Trump; the greedy
    pass cannot see that, one look-back can.
    """
    for _ in range(2):
        if len(chosen) >= size:
            break
        taken = {id(c) for c in chosen}
        blocked_by: dict[int, int] = {}
        for c in pool:
            if id(c) in taken:
                continue
            hits = [x for x in chosen if _conflict(c, x)]
            if len(hits) == 1:
                blocked_by[id(hits[0])] = blocked_by.get(id(hits[0]), 0) + 1
        best = chosen
        for x in sorted(chosen, key=score):
            if blocked_by.get(id(x), 0) < 2:
                continue
            trial = [c for c in chosen if c is not x]
            ids = {id(c) for c in trial} | {id(x)}
            for stretch in (1.0, 1.5):
                _fill(trial, ids, pool, size, size, stretch)
            if len(trial) > len(best):
                best = trial
        if best is chosen:
            break
        chosen = best
    return chosen


# Words a headline uses for what the text says otherwise ("rejects" for "declined", "proposal" for "offer").
_SAME = {
    "decli": "rejec", "refus": "rejec", "dismi": "rejec", "offer": "propo", "plan": "propo",
    "remov": "escor", "ousti": "escor", "uphel": "uphol", "restr": "ban", "legis": "bill", "allow": "let",
    "permi": "let",
}  # fmt: skip


def _gist(text: str) -> set[str]:
    # the words as written: "States" in a headline is a noun, not the saying that _content_words reads
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)} - _STOP
    words = {w[:5] for w in words if len(w) > 3 or w in ("ban", "let")}
    return {_SAME.get(w, w) for w in words}


def _restates(statement: str, title: str) -> bool:
    """Whether the headline already settles the statement: half of its content words (two at least), or
    a quarter of them (three at least), stand in the headline (by their first five letters, a few
    headline synonyms read as one). A long statement sharing a few words with the headline says more
    than it ("... a hands-off approach to marijuana law enforcement in states ...")."""
    if not title:
        return False
    mine, theirs = _gist(statement), _gist(title)
    shared = len(mine & theirs)
    return bool(mine) and (shared >= max(2, len(mine) / 2) or shared >= max(3, len(mine) / 4))


def _in_title(c: Candidate, title: str) -> bool:
    return bool(title) and any(len(x) >= 3 and mentions(title, x) for x in (c.answer, *c.accepted))


def _common_words(an: Analysis) -> set[str]:
    """Words in a third or more of the article's sentences."""
    counts: Counter[str] = Counter()
    for sent in an.sentences:
        counts.update(_content_words(sent.span.text))
    limit = max(3, len(an.sentences) / 3)
    return {w for w, n in counts.items() if n >= limit}


def _answer_spread(an: Analysis) -> dict[str, int]:
    """For each cluster, the number of sentences that name it."""
    sents: dict[str, set[int]] = {}
    for m in an.mentions:
        if m.cluster:
            sents.setdefault(m.cluster, set()).add(m.sent)
    return {k: len(v) for k, v in sents.items()}


def _named_in(c: Candidate, spread: dict[str, int]) -> int:
    """In how many sentences the answer's referent is named ("person:person:Abe", "quote:person:Abe:12")."""
    return spread.get(":".join(c.target.split(":")[1:3]), 0)


def _rank(c: Candidate, spread: dict[str, int]) -> float:
    """The score, less for an answer named all over the article: easy to guess, and it blocks others."""
    named = _named_in(c, spread)
    if c.qtype == "true_false" or named <= 2:
        return score(c)
    return score(c) / (1 + 0.25 * (named - 2))


def _conflict(a: Candidate, b: Candidate) -> bool:
    """Whether either question gives the other away; remembered per pair (selection asks again and again)."""
    seen = a.extra.setdefault("_conflicts", {})
    if id(b) not in seen:
        seen[id(b)] = leaks(a, b) or leaks(b, a)
        b.extra.setdefault("_conflicts", {})[id(a)] = seen[id(b)]
    return seen[id(b)]


def _fits(c: Candidate, chosen: list[Candidate], size: int, stretch: float = 1.0) -> bool:
    same_type = sum(1 for x in chosen if x.qtype == c.qtype)
    # Two matching sets (roles, quotations) in a full set; one in a short one.
    cap = (
        (2 if size >= 12 else 1)
        if c.qtype == "matching"
        else max(1, round(_TYPE_SHARE[c.qtype] * size * stretch))
    )
    if c.qtype == "true_false":
        cap = min(cap, round(0.4 * size))  # a set of mostly true/false statements tests little
        # ... nor one where they outnumber the questions with keys by more than one
        cap = min(cap, max(2, sum(1 for x in chosen if x.qtype != "true_false") + 1))
    if c.extra.get("_main"):
        return False
    if same_type + 1 > cap:
        return False
    if c.qtype == "true_false":
        answers = Counter(x.answer for x in chosen if x.qtype == "true_false")
        if answers[c.answer] > answers["True" if c.answer == "False" else "False"]:
            return False
    # a matching set spans sentences and shows none of them: what it would give away is checked below
    same_sent = [x for x in chosen if x.shown & c.shown and "matching" not in (x.qtype, c.qtype)]
    if len(same_sent) >= 2 or any(x.target == c.target for x in same_sent):
        return False
    if any(x.target == c.target and x.qtype == c.qtype == "flashcard" for x in chosen):
        return False
    if c.qtype != "true_false" and _answered_already(c, chosen):
        return False
    if any(
        x.answer == c.answer and _blank_context(x) and _blank_context(x) == _blank_context(c) for x in chosen
    ):
        return False  # "support for _____'s sovereignty" twice: the same fact from two sentences
    for x in chosen:
        if x.answer == c.answer and fuzz.token_set_ratio(x.prompt, c.prompt) >= 70:
            return False  # the same quotation or fact asked twice, from two places in the article
    return not any(_conflict(c, x) for x in chosen)


def _answered_already(c: Candidate, chosen: list[Candidate]) -> bool:
    """Whether the set already asks enough for ``c``'s answer: a person once for their role, once for
    what they did and once for what they said; a place twice (different facts); anything else once."""
    same = [x for x in chosen if x.qtype != "true_false" and _answer_id(x) == _answer_id(c)]
    if not same:
        return False
    if c.target.startswith("place:"):
        return len(same) >= 2
    if c.target.startswith(("person:", "quote:", "role:")):
        return any(x.target.split(":")[0] == c.target.split(":")[0] for x in same)
    return True


def _answer_id(c: Candidate) -> str:
    """What the answer is, whatever asked it: "person:Royce" for "quote:person:Royce:5" and
    "role:person:Royce" alike."""
    parts = c.target.split(":")
    if parts[0] in ("quote", "role", "person", "place", "org", "group") and len(parts) >= 3:
        return ":".join(parts[1:3])
    return c.target.split(":", 1)[-1]


def _blank_context(c: Candidate) -> str:
    """The words right after the blank, which name what is being asked ("_____'s sovereignty")."""
    after = c.prompt.split("_____", 1)[1] if "_____" in c.prompt else ""
    return " ".join(re.findall(r"[\w']+", after)[:2]).lower()
