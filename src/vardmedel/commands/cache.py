"""``vardmedel cache info|clear``: what the result cache holds, and emptying it."""

from __future__ import annotations

import typer

from .app import app

cache_app = typer.Typer(
    help="The result cache: repeated commands are answered from it (see --no-cache).", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


@cache_app.command()
def info() -> None:
    """Where the cache is, what it holds and its size bound."""
    from .. import cachestore

    store = cachestore.Store.default()
    held = store.info()
    count = sum(n for n, _ in held.values())
    size = sum(b for _, b in held.values())
    state = "off (VARDMEDEL_NO_CACHE is set)" if cachestore.disabled() else "on"
    typer.echo(f"folder:  {store.root}")
    typer.echo(f"cache:   {state}")
    typer.echo(
        f"entries: {count} ({held[cachestore.OUTPUTS][0]} command outputs, "
        f"{held[cachestore.CHECKED_FILES][0]} checked files)"
    )
    typer.echo(f"size:    {_size(size)} of at most {_size(store.limit)} (oldest entries go first)")


@cache_app.command()
def clear() -> None:
    """Remove every entry (the next runs compute their results again)."""
    from .. import cachestore

    store = cachestore.Store.default()
    count, size = store.clear()
    typer.echo(f"removed {count} entries ({_size(size)}) from {store.root}")


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1024 / 1024:.1f} MiB"
