"""Questions about who said what: "Who said, “...”?", and a matching set of speakers to their words.

A quotation often runs over several sentences of a paragraph (“Hundreds have been killed,” Royce said.
“At least 200 villages ...”), or its speaker comes in the next sentence ("... deeply disturbing.” Chabot
told VOA). Each quoted sentence is attributed by its paragraph: to the speaker named with the quotation,
or to the one who speaks just before or just after it in the same paragraph.
"""

from __future__ import annotations

import random
import re

from . import render
from .article import Analysis, Sentence
from .distractors import entity_options, value_options
from .keys import person_cluster_at, speaks
from .model import Candidate, unit, units
from .numbers import is_testable_number, number_core
from .questions import how_many
from .targets import Target

_SPEECH = frozenset(
    "say tell warn add write tweet explain insist argue note declare announce ask reply comment".split()
)
MAX_QUOTE_WORDS = 30
_MARKS = ('"', "“", "”")
MATCH_QUOTE_WORDS = 14


def speaker_quote(an: Analysis, s: Sentence) -> tuple[str, str | None] | None:
    """(speaker cluster key, quotation text or None) when the sentence quotes one named person."""
    root = s.span.root
    if root.lemma_ not in _SPEECH:
        return None
    quotes = render.quotations(s)
    if len(quotes) != 1:
        return None
    first, last = quotes[0]
    speaker = _speaker(an, s)
    if speaker is None:
        return None
    return speaker, _clean(s.span.doc[first : last + 1])  # no text when unfit to show whole


def _speaker(an: Analysis, s: Sentence) -> str | None:
    """The person cluster that is the subject of the sentence's speech verb, if one is named."""
    root = s.span.root
    if root.lemma_ not in _SPEECH:
        return None
    inside = render.quoted(s)
    # The speaker stands outside the quotation: in '"Kim Young Chol ... heading now," Trump wrote' the
    # parser gives "wrote" two subjects.
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside), None)
    if subj is None:
        return None
    if subj.i == s.he_at and s.he_is in an.clusters:
        return s.he_is  # '"...," she said' after a sentence naming Warren
    return person_cluster_at(an, s, subj.i)


def _clean(words) -> str | None:
    """The quotation's words as shown in a question, or None when unfit (too short, long, nested)."""
    toks = list(words)
    while toks and toks[0].text in _MARKS:
        toks = toks[1:]
    while toks and (toks[-1].text in _MARKS or toks[-1].text in (",", ".")):
        toks = toks[:-1]
    if not 4 <= len(toks) <= MAX_QUOTE_WORDS or not toks[0].text[:1].isupper():
        return None
    text = "".join(t.text_with_ws for t in toks).strip()
    if any(ch in text for ch in _MARKS):
        return None  # a quotation inside the quotation
    if any(_leans_back(t) and not _bound_inside(t, toks) for t in toks):
        return None  # "That threat could manifest itself", "We'll stop it": which threat? stop what?
    return text


_EXPLETIVE_VERBS = frozenset("be look seem appear".split())


def _bound_inside(tok, toks) -> bool:
    """Whether a pronoun of the quotation points inside it: "History will not look kindly on ..., nor
    should it" (history), "I know it looks like a mess" (no one: an empty "it")."""
    if tok.lower_ == "this" and tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and tok.i == toks[0].i:
        attr = next((c for c in tok.head.children if c.dep_ == "attr"), None)
        if attr is not None and any(c.lower_ in ("a", "an") for c in attr.children):
            return True  # "This is a moral issue ...": a verdict on the matter, recognisable as said
    if tok.dep_ == "det" and tok.lower_ in ("this", "these") and tok.head.pos_ == "NOUN":
        # "(drone) technology offers ... the misuse of this technology": the noun said just before
        return any(t.lemma_ == tok.head.lemma_ and t.i < tok.i for t in toks)
    if tok.pos_ != "PRON" or tok.lower_ in ("this", "that", "these", "those", "such"):
        return False  # "That threat", "That is why": the words before the quotation
    if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ in _EXPLETIVE_VERBS:
        return True
    earlier = [t for t in toks if t.i < tok.i and t.pos_ in ("NOUN", "PROPN")]
    if tok.lower_ in ("it", "its", "itself"):
        return any(t.tag_ in ("NN", "NNP") for t in earlier)
    if tok.lower_ in ("they", "them", "their"):
        return any(t.tag_ in ("NNS", "NNPS") for t in earlier)
    return False


_BACK = frozenset("it its itself they them their he him his she her this that these those such".split())


def _leans_back(tok) -> bool:
    """A word of a quotation that needs the words before it to be understood."""
    if tok.lower_ not in _BACK:
        return False
    if tok.lower_ == "that" and (tok.dep_ == "mark" or tok.tag_ == "WDT"):
        return False  # "said that ...", "the ban that was upheld": not a reference
    return tok.pos_ in ("PRON", "DET") or tok.dep_ in ("det", "poss")


def attributed_quotes(an: Analysis) -> dict[int, tuple[str, str | None, int]]:
    """Sentence index -> (speaker cluster, quotation or None if unfit to show whole, index of the
    sentence naming the speaker)."""
    cached = an.__dict__.get("_quotes")
    if cached is not None:
        return cached
    out: dict[int, tuple[str, str | None, int]] = {}
    by_para: dict[int, list[Sentence]] = {}
    for s in an.sentences:
        by_para.setdefault(s.para, []).append(s)
    for sents in by_para.values():
        direct = {s.idx: speaker_quote(an, s) for s in sents}
        for i, s in enumerate(sents[1:], start=1):
            if direct[s.idx] is None and render.all_quoted(sents[i - 1]):
                direct[s.idx] = _closing_quote(an, s)  # 'Meetings are ... and more," Trump said Tuesday.'
        for i, s in enumerate(sents):
            if direct[s.idx]:
                out[s.idx] = (*direct[s.idx], _named_at(an, s))
                continue
            if not render.all_quoted(s):
                continue
            text = _clean(s.span)
            if text is not None and text.count(",") > 3:
                text = None  # too many clauses to quote whole; its figures can still be asked
            named: list[tuple[str, int]] = [
                (direct[p.idx][0], _named_at(an, p)) for p in sents[:i] if direct[p.idx]
            ][-1:]
            if i + 1 < len(sents):
                nxt = sents[i + 1]
                # The quotation goes on into the next sentence, which names its speaker ('... and more,"
                # Trump said'), or the next sentence only says who spoke ("Chabot told VOA ...").
                after = direct[nxt.idx][0] if direct[nxt.idx] else None
                if after is None and not render.quoted(nxt):
                    after = _speaker(an, nxt)
                if after:
                    named.append((after, _named_at(an, nxt)))
            if len({key for key, _ in named}) == 1:
                key, source = min(named, key=lambda n: abs(n[1] - s.idx))
                out[s.idx] = (key, text, source)
    an.__dict__["_quotes"] = out
    return out


def _closing_quote(an: Analysis, s: Sentence) -> tuple[str, str | None] | None:
    """(speaker, the quotation's end) for a sentence that closes a quotation opened in the sentence before
    and names who spoke after it: '"We have put a great team together ... Meetings are currently taking
    place concerning Summit, and more," Trump said Tuesday.'"""
    toks = list(s.span)
    marks = [k for k, t in enumerate(toks) if t.text in _MARKS]
    if len(marks) != 1 or toks[marks[0]].text == "“" or marks[0] < 4:
        return None  # one closing mark, after the words it closes
    close = marks[0]
    verb = next((t for t in toks[close + 1 :] if t.lemma_ in _SPEECH and t.pos_ == "VERB"), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > toks[close].i), None)
    if subj is None:
        return None
    key = person_cluster_at(an, s, subj.i)
    if key is None:
        return None
    return key, _clean(toks[:close])


def _named_at(an: Analysis, s: Sentence) -> int:
    """The sentence that names the speaker of ``s``: itself, or the one before for '..., she said'."""
    subj = render.subject_of(s.span.root)
    return s.idx - 1 if subj is not None and subj.i == s.he_at and s.idx > 0 else s.idx


def quote_questions(an: Analysis, s: Sentence, sw: float, rng: random.Random) -> list[Candidate]:
    """A who-said question (multiple choice and short answer) for a quoted sentence."""
    found = attributed_quotes(an).get(s.idx)
    if found is None:
        return []
    key, text, source = found
    if text is None:
        return []
    cluster = an.clusters[key]
    first, last = an.sentences[min(source, s.idx)], an.sentences[max(source, s.idx)]
    prompt = f"Who said, “{text}”?" if not text.endswith(("?", "!")) else f"Who said, “{text}”"
    accepted = sorted({cluster.name, cluster.short}, key=lambda x: (-len(x), x))
    base = {
        "sent": s.idx,
        "span": (first.start, last.end),  # the quotation and the sentence that names its speaker
        "shown": {unit(s.idx, 0), unit(s.idx, 1), unit(s.idx, 2)},
    }
    weight = round(0.55 * sw + 0.45 * 0.7, 4)
    out = [
        Candidate(
            "short_answer",
            prompt,
            cluster.name,
            accepted,
            [],
            target=f"quote:{key}:{s.idx}",
            weight=weight,
            difficulty="medium",
            **base,
        )
    ]
    # No option the quotation itself names ('"Pete has complied ...": Peter Strzok did not say it of himself).
    named = {w[:4].lower() for w in text.split() if w[:1].isupper()}
    options = entity_options(an, key, cluster.name, prompt, True, rng, count=6, exact=False)
    options = [o for o in options if o.split()[0][:4].lower() not in named]
    # Others who speak in the article first: "Aung San Suu Kyi" never says a word in a US debate.
    options = sorted(options, key=lambda o: not speaks(an, o))[:3]
    options = options if len(options) == 3 else []
    if options:
        choices = sorted([cluster.name, *options], key=lambda x: (rng.random(), x))
        out.append(
            Candidate(
                "mcq",
                prompt,
                cluster.name,
                accepted,
                choices,
                target=f"quote:{key}:{s.idx}",
                weight=weight,
                difficulty="medium",
                **base,
            )
        )
    return out


def quote_matching(an: Analysis) -> list[Candidate]:
    """One matching set of speakers to something each said, when at least three people are quoted."""
    best: dict[str, tuple[int, str, int]] = {}
    for idx, (key, text, source) in sorted(attributed_quotes(an).items()):
        if text is None or len(text.split()) > MATCH_QUOTE_WORDS or key not in an.clusters:
            continue
        if key not in best or len(text) < len(best[key][1]):
            best[key] = (idx, text, source)
    if len(best) < 3:
        return []
    chosen = sorted(best.items(), key=lambda kv: kv[1][0])[:5]
    # The words as the article has them (the page shows them as a quotation).
    pairs = sorted(((an.clusters[k].name, t, idx, src) for k, (idx, t, src) in chosen), key=lambda p: p[0])
    first = min(min(p[2], p[3]) for p in pairs)
    last = max(max(p[2], p[3]) for p in pairs)
    answer = "; ".join(f"{left} = {right}" for left, right, _, _ in pairs)
    return [
        Candidate(
            "matching",
            "Match each person with what they said in the article.",
            answer,
            [answer],
            [{"left": left, "right": right} for left, right, _, _ in pairs],
            first,
            (an.sentences[first].start, an.sentences[last].end),
            "matching:quotes",
            0.72,
            "medium",
            set().union(*(units(p[2]) for p in pairs)),
        )
    ]


def quote_number_questions(an: Analysis, s: Sentence, sw: float, rng: random.Random) -> list[Candidate]:
    """ "According to Royce, how many villages have been burned to the ground?" for a number a speaker gives.

    A figure inside a quotation is the speaker's claim: it is asked as theirs, by name, as a how-many
    question with nearby values as options.
    """
    found = attributed_quotes(an).get(s.idx)
    if found is None:
        return []
    key, _, source = found
    inside = render.quoted(s)
    doc = s.span.doc
    out: list[Candidate] = []
    first, last = an.sentences[min(source, s.idx)], an.sentences[max(source, s.idx)]
    for m in s.mentions:
        if m.kind != "number" or m.tok_start not in inside:
            continue
        prefix, core = number_core(m.text)
        context = doc[max(m.tok_start - 3, s.span.start) : min(m.tok_end + 3, s.span.end)].text
        if not is_testable_number(core, context) or re.search(r"\d\s*[-–]\s*\d", core):
            continue
        skip = len(m.text.split()) - len(core.split())
        target = Target(m, "number", m.tok_start + skip, m.tok_end, core, 0.9)
        verb = doc[m.tok_end - 1].head.head
        # The speaker's clause without its quotation marks: the question reports it, it does not quote it.
        keep = [t.i for t in verb.subtree if t.i in inside and t.text not in _MARKS and not _in_conj(t, verb)]
        who = an.clusters[key].short
        question = how_many(f"According to {who}, ", s, keep, target, verb)
        if question is None or render.has_unresolved_reference(s, keep, set()):
            continue
        qualifier = prefix.strip().lower()
        answer = f"{qualifier} {core}".strip()
        options = [f"{qualifier} {v}".strip() for v in value_options(core, "number", rng, context=question)]
        base = {
            "sent": s.idx,
            "span": (first.start, last.end),
            "shown": units(s.idx),
            "target": f"number:{s.idx}:{m.tok_start}",
            "weight": round(0.55 * sw + 0.45 * 0.85, 4),
        }
        out.append(Candidate("short_answer", question, answer, [answer, core], [], difficulty="hard", **base))
        if options:
            choices = sorted([answer, *options], key=lambda x: (rng.random(), x))
            out.append(
                Candidate("mcq", question, answer, [answer, core], choices, difficulty="medium", **base)
            )
    return out


def _in_conj(tok, verb) -> bool:
    """Whether ``tok`` belongs to a clause conjoined to ``verb`` (another claim in the same quotation)."""
    while tok != verb and tok.head != tok:
        if tok.dep_ in ("conj", "parataxis", "advcl") and tok.head == verb:
            return True
        tok = tok.head
    return False
