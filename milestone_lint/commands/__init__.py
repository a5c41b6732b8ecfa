"""One module per command; each only parses options and calls into the library."""
