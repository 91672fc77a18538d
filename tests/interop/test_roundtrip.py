"""Export -> import gives back the same questions (type, prompt, answer, choices, accepted)."""

import pytest

from quizapp.interop.gift import read_gift, write_gift
from quizapp.interop.jsonfmt import read_json, write_json
from quizapp.interop.moodle import read_moodle_xml, write_moodle_xml
from quizapp.interop.tabular import read_csv, write_csv
from tests.interop.samples import fields, sample_items

FORMATS = {
    "gift": (lambda items: write_gift(items, "Library vote"), read_gift),
    "moodle": (lambda items: write_moodle_xml(items, "Library vote"), read_moodle_xml),
    "csv": (write_csv, read_csv),
    "json": (write_json, read_json),
}


@pytest.mark.parametrize("name", FORMATS)
def test_round_trip_keeps_every_question(name):
    write, read = FORMATS[name]
    items = sample_items()
    assert fields(read(write(items))) == fields(items)


@pytest.mark.parametrize("name", FORMATS)
def test_round_trip_is_stable(name):
    write, read = FORMATS[name]
    once = write(sample_items())
    assert write(read(once)) == once


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("qtype", ["mcq", "true_false", "cloze", "short_answer", "flashcard", "matching"])
def test_each_type_alone_round_trips(name, qtype):
    write, read = FORMATS[name]
    items = [i for i in sample_items() if i.qtype == qtype]
    assert fields(read(write(items))) == fields(items)
