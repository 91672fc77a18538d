"""Time spaCy parsing alone against the whole question generator, on the sample and on ~50,000 words.

    .venv/bin/python bench/qg_bench.py [DEV_FOLDER] [--runs N]

DEV_FOLDER (default ../shared/eval/dev) supplies varied articles; with the seed article they are cycled
into one long text of about 50,000 words. "Parse" is exactly the parse the generator does
(``parse_paragraphs``: ``nlp.pipe`` over the paragraphs), so the ratio shows what generation adds on top.
Parse and generation runs alternate and the ratio is the median of the paired ratios, so that load
from other processes on a shared machine hits both alike. Peak memory is measured with tracemalloc in a
separate run (tracemalloc slows code down), plus the
process's maximum resident set size. The last line printed is one JSON object with all figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import quizapp.qg.generate as generate_module  # noqa: E402
from quizapp.qg import normalize_article  # noqa: E402
from quizapp.qg.generate import questions_for  # noqa: E402
from quizapp.qg.nlp import get_nlp, parse_paragraphs  # noqa: E402

SEED = ROOT / "seeds" / "000_87cfecf9a415b49a.txt"


def long_text(dev: Path, words: int = 50_000) -> str:
    """About ``words`` words of varied news: the seed plus the dev articles, cycled."""
    bodies = [normalize_article(SEED.read_bytes()).text]
    if dev.is_dir():
        for path in sorted(dev.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            bodies.append(normalize_article(data["text"], title=data.get("title")).text)
    parts, count, i = [], 0, 0
    while count < words:
        body = bodies[i % len(bodies)]
        parts.append(body)
        count += len(body.split())
        i += 1
    return "\n\n".join(parts)


def paired_times(article, runs: int) -> tuple[list[float], list[float]]:
    """Alternate parse-only and full-generation runs so both see the same machine load."""
    parses, generates = [], []
    for _ in range(runs):
        start = time.perf_counter()
        parse_paragraphs(article.text)
        parses.append(time.perf_counter() - start)
        start = time.perf_counter()
        questions_for(article)
        generates.append(time.perf_counter() - start)
    return parses, generates


def post_parse_times(article, runs: int) -> list[float]:
    """Time everything generation does after parsing, by handing it an already parsed article."""
    parsed = parse_paragraphs(article.text)
    original = generate_module.parse_paragraphs
    generate_module.parse_paragraphs = lambda text: parsed
    try:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            questions_for(article)
            times.append(time.perf_counter() - start)
        return times
    finally:
        generate_module.parse_paragraphs = original


def measure(name: str, text: str, runs: int) -> dict:
    article = normalize_article(text, title=None if name == "sample" else name)
    words = len(article.text.split())
    parses, generates = paired_times(article, runs)
    parse, generate = statistics.median(parses), statistics.median(generates)
    ratio = statistics.median(g / p for p, g in zip(parses, generates, strict=True))
    post = statistics.median(post_parse_times(article, runs))
    tracemalloc.start()
    result = questions_for(article)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    row = {
        "text": name,
        "words": words,
        "runs": runs,
        "parse_s": round(parse, 4),
        "generate_s": round(generate, 4),
        "ratio": round(ratio, 3),
        "words_per_s": round(words / generate),
        "peak_traced_mb": round(peak / 2**20, 1),
        "questions": len(result["questions"]),
        "post_parse_s": round(post, 4),
        "ratio_from_post": round((parse + post) / parse, 3),
    }
    print(
        f"{name}: {words} words; parse {parse:.3f}s, generate {generate:.3f}s (medians), "
        f"median paired ratio {ratio:.2f}x, {row['words_per_s']} words/s, "
        f"peak traced memory {row['peak_traced_mb']} MB, {row['questions']} questions; "
        f"work after parsing {post:.3f}s, so (parse + rest) / parse = {row['ratio_from_post']:.2f}x"
    )
    return row


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    get_nlp()
    questions_for(normalize_article(SEED.read_bytes()))  # warm caches before timing
    rows = [
        measure("sample", SEED.read_text(encoding="utf-8"), args.runs),
        measure("50k-words", long_text(Path(args.dev)), max(1, args.runs // 2)),
    ]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max resident set size: {maxrss:.0f} MB")
    print(json.dumps({"results": rows, "max_rss_mb": round(maxrss), "target_ratio": 1.3}, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
