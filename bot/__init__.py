"""The assistant: matching orchestration, dialog, drafting, texts, channels and the CLI."""
