"""The desktop app: shows the core's records and calls the core's functions, nothing more."""
