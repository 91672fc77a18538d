"""Write a readable Markdown report of the default question set for every article in a folder.

    .venv/bin/python bench/qg_report.py FOLDER [--out FILE]

FOLDER holds seed ``.txt``/``.md``/``.html`` articles and/or evaluation ``.json`` files (``title``, ``text``,
optional ``questions``). For JSON files with human questions, the report also measures how many of the
Factual, Character_identity and Temporal_order human questions have their correct answer *tested* by some
generated question. "Tested" means: the human answer, normalised (lower case, no punctuation or leading
article), is fuzzily contained (rapidfuzz partial_ratio >= 90) in the key of a generated question (its
answer and accepted answers; the pairs of a matching set; the statement of a true true/false item), or a
generated key of 4+ characters is contained in the human answer and covers at least 40% of it.
Nothing else of the evaluation files is copied anywhere; the report is written where --out says.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.qg import ArticleError, generate_questions  # noqa: E402
from quizapp.qg.command import expand, load  # noqa: E402

HUMAN_TYPES = ("Factual", "Character_identity", "Temporal_order")


def norm(text: str) -> str:
    """Lower case, punctuation to spaces, no leading article, single spaces."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"^(the|a|an) ", "", " ".join(text.split()))


def keys_of(q: dict) -> list[str]:
    """The texts a generated question tests as its key."""
    if q["type"] == "matching":
        return [f"{p['left']} {p['right']}" for p in q["choices"]] + [p["left"] for p in q["choices"]]
    if q["type"] == "true_false":
        return [q["prompt"]] if q["answer"] == "True" else []
    return [q["answer"], *q["accepted"]]


def tested(answer: str, questions: list[dict]) -> bool:
    """Whether a human question's correct answer is tested by some generated question (see module doc)."""
    h = norm(answer)
    if not h:
        return False
    for q in questions:
        for key in keys_of(q):
            k = norm(key)
            if not k:
                continue
            if len(h) <= len(k) and fuzz.partial_ratio(h, k) >= 90:
                return True
            if len(k) >= 4 and len(k) >= 0.4 * len(h) and fuzz.partial_ratio(k, h) >= 90:
                return True
    return False


def article_section(path: Path, result: dict, human: list[dict]) -> tuple[str, dict]:
    qs = result["questions"]
    words = len(result["article"]["text"].split())
    types = Counter(q["type"] for q in qs)
    lines = [
        f"## {result['article']['title'] or path.name}",
        "",
        f"`{path.name}`: {words} words, {len(qs)} questions "
        f"({', '.join(f'{t} {n}' for t, n in sorted(types.items()))}).",
        "",
    ]
    for n, q in enumerate(qs, 1):
        lines.append(f"{n}. **{q['type']}** ({q['difficulty']}, score {q['score']}): {q['prompt']}")
        if q["type"] == "matching":
            lines.extend(f"    - {p['left']} → {p['right']}" for p in q["choices"])
        elif q["type"] in ("mcq", "cloze") and q["choices"]:
            opts = [f"**{c}**" if c == q["answer"] else c for c in q["choices"]]
            lines.append(f"    - options: {' · '.join(opts)}")
        if q["type"] != "matching":
            lines.append(
                f"    - answer: {q['answer']}"
                + (f" (also: {', '.join(q['accepted'][1:])})" if len(q["accepted"]) > 1 else "")
            )
        lines.append(f"    - evidence: “{q['evidence']['text']}”")
    stats = {"questions": len(qs), "words": words, "types": dict(types), "human": 0, "tested": 0}
    relevant = [h for h in human if h.get("type") in HUMAN_TYPES]
    if relevant:
        hits = [h for h in relevant if tested(h["answer"], qs)]
        stats["human"], stats["tested"] = len(relevant), len(hits)
        lines += [
            "",
            f"Human Factual/Character_identity/Temporal_order questions whose answer is tested: "
            f"{len(hits)}/{len(relevant)}.",
        ]
    return "\n".join(lines) + "\n", stats


def main(argv: list[str] | None = None) -> int:
    """Build the report; print a summary and write Markdown to --out (or stdout)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    files, missing = expand([args.folder])
    if missing or not files:
        print(f"error: nothing to report in {args.folder}", file=sys.stderr)
        return 1
    sections, totals = [], Counter()
    types_total: Counter[str] = Counter()
    for path in files:
        try:
            raw, title = load(path)
            result = generate_questions(raw, title=title)
        except ArticleError as exc:
            sections.append(f"## {path.name}\n\nRefused: {exc}\n")
            continue
        human = []
        if path.suffix == ".json":
            human = json.loads(path.read_text(encoding="utf-8")).get("questions", [])
        text, stats = article_section(path, result, human)
        sections.append(text)
        totals.update({k: v for k, v in stats.items() if isinstance(v, int)})
        types_total.update(stats["types"])
    coverage = f"{totals['tested']}/{totals['human']}" if totals["human"] else "n/a"
    share = f" ({100 * totals['tested'] / totals['human']:.0f}%)" if totals["human"] else ""
    head = [
        "# Question report",
        "",
        f"{len(files)} articles, {totals['questions']} questions "
        f"({', '.join(f'{t} {n}' for t, n in sorted(types_total.items()))}).",
        f"Human Factual/Character_identity/Temporal_order answers tested: {coverage}{share}.",
        "",
    ]
    report = "\n".join(head) + "\n" + "\n".join(sections)
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    print(f"questions={totals['questions']} human_tested={coverage}{share}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
