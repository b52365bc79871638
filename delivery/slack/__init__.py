"""Slack rendering: typed identifiers and pure Block Kit builders shared by pushes and replies."""
