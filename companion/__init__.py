"""The appointment-privacy companion: an offline, encrypted record of DWP appointments."""

__version__ = "0.1.0"
APP_NAME = "appointment-privacy-companion"
