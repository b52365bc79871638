"""Slack-only views: App Home, the settings modal and help."""
