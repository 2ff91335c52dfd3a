"""The HTTP face of Vraagwijzer and its assembly: `service` (`vraagwijzer run`), `cli`, `app`
(mounts the areas), `pages` (one module per family), `middleware` (one per module)."""
