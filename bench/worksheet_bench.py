"""How long paper and exports take: a three-version, 20-question worksheet with its keys, and each export.

Ratios are against rendering a trivial one-page HTML document to PDF in the same run (WeasyPrint's fixed
cost), because the machine is shared. Last line: JSON.

    .venv/bin/python bench/worksheet_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.interop import anki, gift, jsonfmt, moodle, qti, tabular  # noqa: E402
from quizapp.interop.items import Item, matching_item  # noqa: E402
from quizapp.printing.render import SheetOptions, SheetSource, html_to_pdf, keys_pdf, worksheet_pdf  # noqa: E402

ARTICLE = "\n\n".join(
    f"Paragraph {n}: the city council voted 7 to 2 on Monday to build a new library. Mayor Ana Ruiz said the "
    f"library would open in 2027 and cost $12 million; council member Tom Lee voted against the plan."
    for n in range(8)
)


def twenty_questions() -> list[Item]:
    """Four of each common type, two matching sets and two flashcards: 20 questions."""
    items: list[Item] = []
    for i in range(5):
        items.append(
            Item(
                "mcq",
                f"Who said the library would open in 2027? ({i})",
                f"Ana Ruiz {i}",
                [],
                [f"Tom Lee {i}", f"Ana Ruiz {i}", f"Mia Chen {i}", f"Raj Patel {i}"],
                f"m{i}",
            )
        )
    for i in range(4):
        items.append(
            Item(
                "true_false",
                f"The council voted {7 + i} to 2 on Monday.",
                "True" if i == 0 else "False",
                [],
                ["True", "False"],
                f"t{i}",
            )
        )
        items.append(
            Item(
                "cloze",
                f"The library will cost $_____ million (phase {i}).",
                f"{12 + i}",
                [],
                sorted([f"{12 + i}", "7", "2027", "40"]),
                f"c{i}",
            )
        )
    for i in range(3):
        items.append(
            Item("short_answer", f"Who voted against the plan? ({i})", "Tom Lee", ["Lee"], [], f"s{i}")
        )
    for i in range(2):
        items.append(
            matching_item(
                f"Match each person with their role ({i}).",
                [
                    {"left": "Ana Ruiz", "right": "mayor"},
                    {"left": "Tom Lee", "right": "council member"},
                    {"left": "Mia Chen", "right": "city librarian"},
                ],
                f"x{i}",
            )
        )
        items.append(Item("flashcard", f"Ana Ruiz ({i})", "the mayor", [], [], f"f{i}"))
    assert len(items) == 20
    return items


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    items = twenty_questions()
    source = SheetSource("Library vote", "article-1", items, ARTICLE)
    options = SheetOptions(versions=3, include_article=True)

    html_to_pdf("<p>warm-up</p>")  # fonts and CSS machinery load once
    baseline = median_seconds(lambda: html_to_pdf("<!doctype html><p>Hello, paper.</p>"), args.runs)
    sheet = median_seconds(lambda: (worksheet_pdf(source, options), keys_pdf(source, options)), args.runs)
    exports = {
        "apkg": lambda: anki.write_apkg(items, "Library vote", "article-1"),
        "moodle_xml": lambda: moodle.write_moodle_xml(items, "Library vote"),
        "gift": lambda: gift.write_gift(items, "Library vote"),
        "qti_zip": lambda: qti.write_qti_zip(items, "Library vote", "article-1"),
        "quizlet_tsv": lambda: tabular.write_quizlet(items),
        "csv": lambda: tabular.write_csv(items),
        "json": lambda: jsonfmt.write_json(items),
    }
    export_ms = {name: round(median_seconds(fn, args.runs) * 1000, 2) for name, fn in exports.items()}

    print(f"trivial one-page PDF (baseline): {baseline * 1000:.0f} ms (median of {args.runs})")
    print(f"3 versions x 20 questions + keys: {sheet * 1000:.0f} ms = {sheet / baseline:.1f}x the baseline")
    for name, ms in export_ms.items():
        print(f"export {name:12s} {ms:8.2f} ms = {ms / 1000 / baseline:.3f}x the baseline")
    print(
        json.dumps(
            {
                "runs": args.runs,
                "baseline_pdf_ms": round(baseline * 1000, 1),
                "worksheet_3v_20q_with_keys_ms": round(sheet * 1000, 1),
                "worksheet_ratio_to_baseline": round(sheet / baseline, 2),
                "export_ms": export_ms,
                "export_ratio_to_baseline": {k: round(v / 1000 / baseline, 4) for k, v in export_ms.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
