from milestone_lint.cli import main

raise SystemExit(main())
