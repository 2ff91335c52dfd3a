"""The pages of the web service, one module per family; each gives its routes for `web.app`."""
