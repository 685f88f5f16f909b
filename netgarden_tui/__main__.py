"""Where ``netgarden`` (the installed command) and ``python -m netgarden_tui`` start."""

from netgarden_tui.startup import pause_collector


def main() -> int:
    pause_collector()
    from netgarden_tui.cli import main as run_command  # imported with the collector paused

    return run_command()


if __name__ == "__main__":
    raise SystemExit(main())
