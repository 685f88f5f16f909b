"""netgarden: a keyboard-driven personal CRM for professional networking."""

__version__ = "0.1.0"
