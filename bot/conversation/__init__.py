"""The intake conversation, channel-neutral: the dialog and what it needs to hear a person
safely (commands, answer words, language, redaction of personal data and names, flood limits).

Modules: `messages` (what channels pass in and get back), `dialog` (the entry point),
`answers` (typed answers), `steps` (moving through the intake), `drafts` (similar work and
the draft shown), `services`, `commands`, `words`, `language`, `redaction`, `names`, `ratelimit`.
"""
