"""``vardmedel cache info|clear``: what the result cache holds, and emptying it."""

from __future__ import annotations

import typer

from ..i18n import _
from .app import app
from .localized import Command, Group

cache_app = typer.Typer(
    cls=Group,
    help=_("The result cache: repeated commands are answered from it (see --no-cache)."),
    short_help=_("What the result cache holds; emptying it."),
    no_args_is_help=True,
    options_metavar=_("[OPTIONS]"),
    subcommand_metavar=_("COMMAND [ARGS]..."),
)
app.add_typer(cache_app, name="cache")


@cache_app.command(cls=Command, help=_("Where the cache is, what it holds and its size bound."))
def info() -> None:
    """Where the cache is, what it holds and its size bound."""
    from .. import cachestore

    store = cachestore.Store.default()
    held = store.info()
    count = sum(n for n, _ in held.values())
    size = sum(b for _, b in held.values())
    state = _("off (VARDMEDEL_NO_CACHE is set)") if cachestore.disabled() else _("on")
    typer.echo(_("folder:  {folder}").format(folder=store.root))
    typer.echo(_("cache:   {state}").format(state=state))
    typer.echo(
        _("entries: {count} ({outputs} command outputs, {files} checked files)").format(
            count=count, outputs=held[cachestore.OUTPUTS][0], files=held[cachestore.CHECKED_FILES][0]
        )
    )
    typer.echo(
        _("size:    {size} of at most {limit} (oldest entries go first)").format(
            size=_size(size), limit=_size(store.limit)
        )
    )


@cache_app.command(cls=Command, help=_("Remove every entry (the next runs compute their results again)."))
def clear() -> None:
    """Remove every entry (the next runs compute their results again)."""
    from .. import cachestore

    store = cachestore.Store.default()
    count, size = store.clear()
    typer.echo(
        _("removed {count} entries ({size}) from {folder}").format(count=count, size=_size(size), folder=store.root)
    )


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1024 / 1024:.1f} MiB"
