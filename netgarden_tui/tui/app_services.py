"""What a widget may ask of the app it runs in (``self.app``), without importing the app."""

from collections.abc import Callable
from typing import Protocol, TypeVar

from netgarden_tui.config import Config

T = TypeVar("T")


class AppServices(Protocol):
    config: Config

    def run_query(self, query: Callable[[], T], deliver: Callable[[T], None], *,
                  group: str, failed: Callable[[str], None] | None = None,
                  could_not: str = ...) -> None: ...
