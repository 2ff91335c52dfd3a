"""Pure ASGI middleware of the web service, one per module."""
