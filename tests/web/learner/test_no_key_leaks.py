"""Nothing of a key reaches the learner before they answer: pages, JSON, scripts, attributes.

Every key is planted with a marker; we collect every response the learner's browser would receive
before answering (and, in test mode, before finishing) and search them all.
"""

from __future__ import annotations

import re

import pytest

from quizapp.extensions import db
from quizapp.models import Card
from tests.factories import PASSWORD
from tests.support import csrf_from
from tests.web.learner.world import make_world

MARKER = "ZZKEYMARKER"


def _assets(client, pages: list[str]) -> list[str]:
    """Every script and stylesheet the pages load (the learner's browser fetches them too)."""
    urls = sorted({u for page in pages for u in re.findall(r'(?:src|href)="(/static/[^"]+)"', page)})
    assert any(u.endswith("quiz.js") for u in urls) and any(u.endswith("flashcards.js") for u in urls)
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies.append(response.get_data(as_text=True))
        response.close()
    return bodies


def _assert_no_key(bodies: list[str]) -> None:
    for body in bodies:
        assert MARKER.lower() not in body.lower()
        assert "<mark>" not in body  # the evidence sentence is shown only with feedback
        assert not re.search(r"data-(correct|key|answer)\b", body)
        assert not re.search(r'class="[^"]*\bis-(right|wrong)\b', body)  # no verdict either


def _option_shapes(html: str) -> set[str]:
    labels = re.findall(r'<label class="option">.*?</label>', html, flags=re.S)
    shapes = set()
    for label in labels:
        label = re.sub(r'(value="|<span class="option-text">)[^"<]*', r"\1X", label)
        shapes.add(re.sub(r'(aria-hidden="true">)\d+', r"\1N", label))  # the shortcut number
    return shapes


@pytest.mark.parametrize("mode", ["practice", "test"])
def test_no_key_in_anything_the_learner_receives_before_answering(client, auth, mode):
    world = make_world(mode, marker=MARKER, learner_email="ada@example.com", shuffle=True)
    auth.login("ada@example.com", PASSWORD)
    bodies = [client.get("/learn/").get_data(as_text=True)]
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    bodies.append(page)
    r = client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": csrf_from(page)})
    attempt_url = r.headers["Location"]
    bodies.append(r.get_data(as_text=True))
    bodies.append(client.get(attempt_url, follow_redirects=True).get_data(as_text=True))
    attempt_id = int(attempt_url.rstrip("/").split("/")[-1])
    question_pages = [
        client.get(f"/learn/attempts/{attempt_id}/questions/{n}").get_data(as_text=True) for n in range(1, 6)
    ]
    bodies += question_pages
    bodies.append(client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True))
    bodies.append(
        client.get(f"/learn/attempts/{attempt_id}/results", follow_redirects=True).get_data(as_text=True)
    )
    flashcard = db.session.query(Card).filter_by(user_id=world.learner.id).one()
    bodies.append(client.get("/learn/review").get_data(as_text=True))
    bodies.append(client.get(f"/learn/review/cards/{flashcard.id}").get_data(as_text=True))
    bodies.append(client.get("/learn/progress").get_data(as_text=True))
    bodies.append(client.get("/learn/progress.json").get_data(as_text=True))
    bodies += _assets(client, bodies)
    _assert_no_key(bodies)

    # the mcq's key option is marked up exactly like the others
    mcq_page = next(p for p in question_pages if "Who said the convoy" in p)
    assert len(re.findall(r'<label class="option">', mcq_page)) == 4
    assert len(_option_shapes(mcq_page)) == 1
    # the right column of the matching question never lines up with the key
    matching_page = next(p for p in question_pages if "Match each person" in p)
    shown = re.findall(r'<option value="([^"]+)">', matching_page)
    assert shown and shown != ["mayor", "treasurer", "council member"]

    if mode == "test":
        # answering in test mode still reveals nothing until the attempt is finished
        after = []
        for n, page in enumerate(question_pages, start=1):
            sid = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
            data = {
                "answer": "a guess",
                "pair-0": "mayor",
                "submission_id": sid,
                "csrf_token": csrf_from(page),
            }
            r = client.post(f"/learn/attempts/{attempt_id}/questions/{n}", data=data)
            after.append(r.get_data(as_text=True))
            after.append(client.get(f"/learn/attempts/{attempt_id}/questions/{n}").get_data(as_text=True))
        after.append(client.get(f"/learn/attempts/{attempt_id}/finish").get_data(as_text=True))
        json_answer = client.post(
            f"/attempts/{attempt_id}/answers",
            data={"question_id": world.questions["short_answer"].id, "answer": "x",
                  "submission_id": "j" * 20, "csrf_token": csrf_from(page)},
        )  # fmt: skip
        assert json_answer.status_code == 200
        assert set(json_answer.get_json()) == {"recorded", "question_id"}
        after.append(json_answer.get_data(as_text=True))
        _assert_no_key(after)


def test_a_flashcard_back_comes_only_when_flipped(client, auth):
    world = make_world("practice", marker=MARKER, learner_email="ada@example.com")
    auth.login("ada@example.com", PASSWORD)
    page = client.get(f"/learn/assignments/{world.assignment.id}").get_data(as_text=True)
    client.post(f"/learn/assignments/{world.assignment.id}/start", data={"csrf_token": csrf_from(page)})
    card = db.session.query(Card).filter_by(user_id=world.learner.id).one()
    front = client.get("/learn/review").get_data(as_text=True)
    assert "Who is Dana Voss" in front and MARKER not in front
    back = client.get(f"/learn/review/cards/{card.id}/back").get_json()
    assert back["back"] == f"the relief chief{MARKER}"
    assert back["evidence"][1].startswith("Relief chief Dana Voss")
    revealed = client.get(f"/learn/review/cards/{card.id}?reveal=1").get_data(as_text=True)
    assert MARKER in revealed and "<mark>" in revealed


def test_a_question_card_never_hands_out_its_key_as_a_flashcard_back(client, auth):
    world = make_world("practice", marker=MARKER, learner_email="ada@example.com")
    from quizapp.services import study

    card = study.ensure_card(world.learner.id, world.questions["short_answer"].id)
    db.session.commit()
    auth.login("ada@example.com", PASSWORD)
    assert client.get(f"/learn/review/cards/{card.id}/back").status_code == 404
    page = client.get(f"/learn/review/cards/{card.id}?reveal=1").get_data(as_text=True)
    assert "Who thanked the drivers?" in page
    _assert_no_key([page])
