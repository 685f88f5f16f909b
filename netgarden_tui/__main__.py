from netgarden_tui.cli import main

raise SystemExit(main())
