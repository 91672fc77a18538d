"""Command-line commands: `flask --app quizapp ...` and the `quizapp` console script."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import FlaskGroup, with_appcontext

from .config import REPO_ROOT


def register_cli(app) -> None:
    """Attach the app's commands to ``app.cli``."""
    app.cli.add_command(seed_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(worker_command)


@click.command("seed")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def seed_command(folder: Path | None) -> None:
    """Load every article in FOLDER (default: seeds/) with its generated questions."""
    from .services.seeding import load_seed_folder

    articles = load_seed_folder(folder or REPO_ROOT / "seeds")
    for article in articles:
        click.echo(f"article {article.id}: {article.title[:70]} ({len(article.questions)} questions)")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option(
    "--role", type=click.Choice(["learner", "teacher", "admin"]), default="learner", show_default=True
)
@click.password_option(help="At least 12 characters; asked for when not given.")
@with_appcontext
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a user with a role."""
    from .services.accounts import AccountError, create_user

    try:
        user = create_user(email, name, password, role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.email} (id {user.id})")


@click.command("demo")
@click.option(
    "--seeds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of sample articles for the demo teacher (default: seeds/).",
)
@with_appcontext
def demo_command(seeds: Path | None) -> None:
    """Demo teacher, two learners, a class, the seed articles and an assignment (kept if they exist)."""
    from .services.seeding import set_up_demo

    accounts, classroom, articles = set_up_demo(seeds or REPO_ROOT / "seeds")
    for article in articles:
        click.echo(f"article {article.id}: {article.title[:70]} ({len(article.questions)} questions)")
    click.echo("Demo accounts (change these before real use):")
    for account in accounts:
        click.echo(f"  {account.role:8} {account.email:24} password: {account.password}")
    click.echo(f"  class {classroom.name!r}, join code {classroom.join_code}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write the whole database to PATH (gzip JSON lines, portable between SQLite and PostgreSQL)."""
    from .services.backup import write_backup

    counts = write_backup(path)
    click.echo(f"wrote {sum(counts.values())} rows from {len(counts)} tables to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Load a backup made by `backup` into this migrated, empty database (all or nothing)."""
    from .services.backup import BackupError, restore_backup

    try:
        counts = restore_backup(path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"restored {sum(counts.values())} rows into {len(counts)} tables from {path}")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run background jobs (question generation, PDF rendering) from Redis; needs REDIS_URL."""
    from flask import current_app
    from redis import Redis
    from rq import Worker

    from .qg import nlp
    from .services.jobs import QUEUE_NAME

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set REDIS_URL: without Redis, jobs run inside the web request.")
    nlp.get_nlp()  # load spaCy once here; each job's forked process inherits it
    name = current_app.config.get("JOBS_QUEUE", QUEUE_NAME)
    Worker([name], connection=Redis.from_url(url)).work(burst=burst, with_scheduler=False)


@click.command("generate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N questions per article.")
def generate_command(paths: tuple[str, ...], fmt: str, limit: int | None) -> None:
    """Print the questions generated from each article file (or folder of articles) in PATHS."""
    from .qg.command import run_generate

    sys.exit(run_generate(list(paths), fmt=fmt, limit=limit))


def _create_app(*_args, **_kwargs):
    from . import create_app

    return create_app()


main = FlaskGroup(
    create_app=_create_app, help="quizapp: run, migrate, seed, create users, generate questions."
)
main.add_command(generate_command)
