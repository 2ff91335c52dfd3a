"""The `vraagwijzer` commands by feature; each module registers its commands on the group in
bot/cli.py: knowledge (import, export, index), matching (match), drafting (draft), brokers,
drafts, operations (backup, restore, purge, export-user), frog (the Frog service); support holds
click in Dutch."""
