"""One module per chat channel behind `base.Channel`: each translates its messages to `Incoming`,
renders the assistant's `Turn`, and pushes notices when it can. They decide nothing about the
conversation. `web.service.configured_channels` chooses which run."""
