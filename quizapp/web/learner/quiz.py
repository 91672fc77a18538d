"""Taking an assignment: one question per screen, feedback at once (practice) or at the end (test).

Plain form posts with redirect-after-post: the quiz works without JavaScript; static/js/learner/quiz.js
adds keyboard shortcuts and stops double submits. The server grades; nothing of the key is rendered
before the learner has answered.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...services import quizzes, scores
from . import _forms, bp, learner_page


def _attempt_or_404(attempt_id: int):
    attempt = quizzes.own_attempt(current_user.id, attempt_id)
    if attempt is None:
        abort(404)
    return attempt


@bp.route("/assignments/<int:assignment_id>")
@learner_page
def assignment(assignment_id: int):
    found = quizzes.learner_assignment(current_user.id, assignment_id)
    if found is None:
        abort(404)
    flashcards = quizzes.flashcards_to_deck(found, current_user.id)
    state = quizzes.assignment_state(found, current_user.id)
    return render_template(
        "learner/assignment.html",
        state=state,
        assignment=found,
        flashcards=flashcards,
        scores=scores.attempt_scores(state.submitted),
    )


@bp.route("/assignments/<int:assignment_id>/start", methods=["POST"])
@learner_page
def start(assignment_id: int):
    found = quizzes.learner_assignment(current_user.id, assignment_id)
    if found is None:
        abort(404)
    try:
        attempt = quizzes.start_attempt(found, current_user.id)
    except quizzes.QuizError as exc:
        flash(str(exc), "error")
        return redirect(url_for("learner.assignment", assignment_id=assignment_id))
    return redirect(url_for("learner.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>")
@learner_page
def attempt(attempt_id: int):
    """Send the learner to where the attempt stands: the first unanswered question, the end, or results."""
    found = _attempt_or_404(attempt_id)
    if found.submitted_at is not None:
        return redirect(url_for("learner.results", attempt_id=attempt_id))
    questions, answered = quizzes.live_and_answered(found)
    for position, question in enumerate(questions, start=1):
        if question.id not in answered:
            return redirect(url_for("learner.question", attempt_id=attempt_id, position=position))
    return redirect(url_for("learner.finish", attempt_id=attempt_id))


@bp.route("/attempts/<int:attempt_id>/questions/<int:position>", methods=["GET", "POST"])
@learner_page
def question(attempt_id: int, position: int):
    found = _attempt_or_404(attempt_id)
    if found.submitted_at is not None:
        return redirect(url_for("learner.results", attempt_id=attempt_id))
    view = quizzes.present(found, position)
    if view is None:
        abort(404)
    practice = found.assignment.mode == "practice"
    if request.method == "POST":
        if view.response is None:  # a repeat (double click, back button, other tab) only redirects
            error = _record(found, view)
            if error is not None:
                return error
        if not practice:  # test mode: straight on to the next question
            return redirect(url_for("learner.attempt", attempt_id=attempt_id))
        return redirect(request.path)
    shown = quizzes.feedback(view.question, view.response) if (view.response and practice) else None
    return render_template(
        "learner/question.html",
        attempt=found,
        view=view,
        practice=practice,
        shown=shown,
        submission_id=_forms.new_submission_id(),
        shown_at=_forms.now_ms(),
    )


def _record(attempt, view):
    """Record the posted answer; a response to send instead (asking again) or None."""
    given = _forms.given_answer(view.question, request.form, view.lefts)
    sid = _forms.submission_id(request.form)
    if sid is None:
        abort(400, "This answer form is missing its submission id. Reload the page and try again.")
    if not _forms.has_answer(view.question, given):
        flash("Please give an answer before checking it.", "error")
        return redirect(request.path)
    try:
        quizzes.answer(
            attempt, view.question.id, given, sid, _forms.response_ms(request.form), question=view.question
        )
    except quizzes.QuizError as exc:
        flash(str(exc), "error")
    except LookupError:
        abort(404)
    return None


@bp.route("/attempts/<int:attempt_id>/finish", methods=["GET", "POST"])
@learner_page
def finish(attempt_id: int):
    found = _attempt_or_404(attempt_id)
    if request.method == "POST":
        quizzes.finish(found)
        return redirect(url_for("learner.results", attempt_id=attempt_id))
    if found.submitted_at is not None:
        return redirect(url_for("learner.results", attempt_id=attempt_id))
    questions = quizzes.live_questions(found)
    answered = quizzes.responses_of(found)
    return render_template("learner/finish.html", attempt=found, questions=questions, answered=answered)


@bp.route("/attempts/<int:attempt_id>/results")
@learner_page
def results(attempt_id: int):
    found = _attempt_or_404(attempt_id)
    if found.submitted_at is None:
        flash("Finish the attempt to see its results.", "info")
        return redirect(url_for("learner.attempt", attempt_id=attempt_id))
    rows = quizzes.results(found)
    return render_template("learner/results.html", attempt=found, rows=rows, score=scores.score_of(rows))
