"""False statements made by turning the main verb into its opposite ("upheld" -> "struck down").

Only pairs where both readings are believable news are listed: a learner must have read the article to
know which happened. The opposite takes the original verb's inflection from a small table, because the
parser tags words but does not inflect them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOMINEES = frozenset("nominee nominees nomination bill legislation measure deal merger".split())
_RULES = frozenset("guideline guidelines policy order rule rules program measure".split())
_OPENED = frozenset("border borders office embassy investigation probe school schools".split())

# lemma -> (opposite lemma, the nouns its object must have, or None for any object)
_OPPOSITE: dict[str, tuple[str, frozenset[str] | None]] = {
    "approve": ("reject", None),
    "reject": ("approve", None),
    "accept": ("reject", None),
    "support": ("oppose", None),
    "oppose": ("support", None),
    "increase": ("decrease", None),
    "decrease": ("increase", None),
    "rise": ("fall", None),
    "fall": ("rise", None),
    "raise": ("lower", None),
    "lower": ("raise", None),
    "win": ("lose", None),
    "lose": ("win", None),
    "allow": ("prohibit", None),
    "uphold": ("strike down", None),
    "confirm": ("deny", None),
    "deny": ("confirm", None),
    "expand": ("reduce", None),
    "reduce": ("expand", None),
    "join": ("leave", None),
    "grow": ("shrink", None),
    "gain": ("lose", None),
    "pass": ("reject", frozenset("bill resolution law measure legislation budget amendment".split())),
    "agree": ("refuse", None),
    "decline": ("accept", frozenset("offer proposal plan invitation request deal demand".split())),
    "refuse": ("agree", None),
    "lift": ("extend", frozenset("ban sanction sanctions restriction restrictions".split())),
    "plummet": ("soar", None),
    "plunge": ("soar", None),
    "soar": ("plummet", None),
    "surge": ("plummet", None),
    "praise": ("criticize", None),
    "criticize": ("praise", None),
    "acquit": ("convict", None),
    "convict": ("acquit", None),
    "strengthen": ("weaken", None),
    "weaken": ("strengthen", None),
    "improve": ("worsen", None),
    "worsen": ("improve", None),
    "ban": ("allow", None),
    "sign": ("veto", frozenset("bill law measure legislation resolution".split())),
    "veto": ("sign", frozenset("bill law measure legislation resolution".split())),
    "block": ("approve", _NOMINEES),
    "rescind": ("reinstate", _RULES),
    "reinstate": ("rescind", _RULES),
    "open": ("close", _OPENED),
    "close": ("open", _OPENED),
}
_FORMS = {
    # lemma: (base, 3rd person singular, past, past participle, -ing)
    "reject": ("reject", "rejects", "rejected", "rejected", "rejecting"),
    "approve": ("approve", "approves", "approved", "approved", "approving"),
    "oppose": ("oppose", "opposes", "opposed", "opposed", "opposing"),
    "support": ("support", "supports", "supported", "supported", "supporting"),
    "decrease": ("decrease", "decreases", "decreased", "decreased", "decreasing"),
    "increase": ("increase", "increases", "increased", "increased", "increasing"),
    "fall": ("fall", "falls", "fell", "fallen", "falling"),
    "rise": ("rise", "rises", "rose", "risen", "rising"),
    "lower": ("lower", "lowers", "lowered", "lowered", "lowering"),
    "raise": ("raise", "raises", "raised", "raised", "raising"),
    "lose": ("lose", "loses", "lost", "lost", "losing"),
    "win": ("win", "wins", "won", "won", "winning"),
    "prohibit": ("prohibit", "prohibits", "prohibited", "prohibited", "prohibiting"),
    "strike down": ("strike down", "strikes down", "struck down", "struck down", "striking down"),
    "deny": ("deny", "denies", "denied", "denied", "denying"),
    "confirm": ("confirm", "confirms", "confirmed", "confirmed", "confirming"),
    "reduce": ("reduce", "reduces", "reduced", "reduced", "reducing"),
    "expand": ("expand", "expands", "expanded", "expanded", "expanding"),
    "leave": ("leave", "leaves", "left", "left", "leaving"),
    "shrink": ("shrink", "shrinks", "shrank", "shrunk", "shrinking"),
    "refuse": ("refuse", "refuses", "refused", "refused", "refusing"),
    "agree": ("agree", "agrees", "agreed", "agreed", "agreeing"),
    "extend": ("extend", "extends", "extended", "extended", "extending"),
    "accept": ("accept", "accepts", "accepted", "accepted", "accepting"),
    "soar": ("soar", "soars", "soared", "soared", "soaring"),
    "plummet": ("plummet", "plummets", "plummeted", "plummeted", "plummeting"),
    "criticize": ("criticize", "criticizes", "criticized", "criticized", "criticizing"),
    "praise": ("praise", "praises", "praised", "praised", "praising"),
    "convict": ("convict", "convicts", "convicted", "convicted", "convicting"),
    "acquit": ("acquit", "acquits", "acquitted", "acquitted", "acquitting"),
    "weaken": ("weaken", "weakens", "weakened", "weakened", "weakening"),
    "strengthen": ("strengthen", "strengthens", "strengthened", "strengthened", "strengthening"),
    "worsen": ("worsen", "worsens", "worsened", "worsened", "worsening"),
    "improve": ("improve", "improves", "improved", "improved", "improving"),
    "allow": ("allow", "allows", "allowed", "allowed", "allowing"),
    "veto": ("veto", "vetoes", "vetoed", "vetoed", "vetoing"),
    "sign": ("sign", "signs", "signed", "signed", "signing"),
    "reinstate": ("reinstate", "reinstates", "reinstated", "reinstated", "reinstating"),
    "rescind": ("rescind", "rescinds", "rescinded", "rescinded", "rescinding"),
    "close": ("close", "closes", "closed", "closed", "closing"),
    "open": ("open", "opens", "opened", "opened", "opening"),
}
_TAG_FORM = {"VB": 0, "VBP": 0, "VBZ": 1, "VBD": 2, "VBN": 3, "VBG": 4}


def opposite(verb: Token) -> str | None:
    """The verb's opposite in the verb's own form ("struck down" for "upheld"), or None."""
    entry = _OPPOSITE.get(verb.lemma_.lower())
    if entry is None or verb.tag_ not in _TAG_FORM or verb.pos_ != "VERB":
        return None
    lemma, objects = entry
    if objects is not None:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or obj.lemma_.lower() not in objects:
            return None
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "rose up", "opened up": a phrasal verb means something else
    if any(c.dep_ in ("acomp", "oprd", "attr") for c in verb.children):
        return None  # "have grown cheaper": "grow" means "become" there; "shrunk cheaper" is not English
    form = _FORMS[lemma][_TAG_FORM[verb.tag_]]
    return form.capitalize() if verb.text[:1].isupper() else form


# "have grown cheaper" -> "have grown more expensive": a comparative after a verb of becoming
_BECOMING = frozenset("grow become get turn".split())
_COMPARATIVE = {
    "cheaper": "more expensive",
    "easier": "harder",
    "harder": "easier",
    "larger": "smaller",
    "bigger": "smaller",
    "smaller": "larger",
    "stronger": "weaker",
    "weaker": "stronger",
    "higher": "lower",
    "lower": "higher",
    "safer": "more dangerous",
    "worse": "better",
    "better": "worse",
    "wider": "narrower",
    "narrower": "wider",
}


# "remains uncertain" -> "is certain": a state the article leaves open, stated as settled
_OPEN_STATES = {"uncertain": "certain", "unclear": "clear", "unknown": "known"}
_BE_FORM = {"VBZ": "is", "VBP": "are", "VBD": "was"}


def opposite_complement(verb: Token) -> tuple[int, int, str] | None:
    """(start, end, opposite) of the comparative a verb of becoming takes ("grown cheaper" -> "grown more
    expensive"), or of a state left open ("remains uncertain" -> "is certain"); None otherwise."""
    if verb.lemma_.lower() == "remain" and verb.tag_ in _BE_FORM:
        state = next((c for c in verb.children if c.dep_ == "acomp" and c.i == verb.i + 1), None)
        if state is not None and state.lower_ in _OPEN_STATES and not list(state.children):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            plural = subject is not None and subject.tag_ in ("NNS", "NNPS")
            be = "were" if verb.tag_ == "VBD" and plural else _BE_FORM[verb.tag_]
            return verb.i, state.i + 1, f"{be} {_OPEN_STATES[state.lower_]}"
    if verb.lemma_.lower() not in _BECOMING:
        return None
    comp = next((c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.tag_ == "JJR"), None)
    if comp is None or comp.lower_ not in _COMPARATIVE or any(c.dep_ == "advmod" for c in comp.children):
        return None  # "much cheaper", "even easier": keep the plain comparative only
    return comp.i, comp.i + 1, _COMPARATIVE[comp.lower_]
