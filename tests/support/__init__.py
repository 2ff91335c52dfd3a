"""What the tests (and bench/) stand on: stand-ins of outside services, builders of records,
fakes, and the running service and bot that end-to-end tests talk to."""
