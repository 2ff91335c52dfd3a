"""The assistant, channel-neutral at its core: `conversation` (the intake dialog and the turn
every channel goes through), `drafting` (the research question, with the Dutch analysis in
`analysis`), `matching`, `workflow` (a submitted draft from review to outcome), `texts` (all that
a person reads), `channels` (one adapter per chat channel), and the CLI (`cli`, `commands`)."""
