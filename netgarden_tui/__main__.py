"""Where ``netgarden`` (the installed command) and ``python -m netgarden_tui`` start."""

from netgarden_tui.startup import pause_collector


def main() -> int:
    from netgarden_tui import quick  # `due --count`, answered before the rest is loaded

    if quick.main():
        return 0
    pause_collector()
    from netgarden_tui.cli import main as run_command  # imported with the collector paused

    return run_command(ends_process=True)


if __name__ == "__main__":
    raise SystemExit(main())
