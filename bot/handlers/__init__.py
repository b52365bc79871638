"""Slack listeners. Each is thin: ack, parse into a pydantic model, call one flow,
render, send. Dependencies reach them through the Bolt context (see slack_app)."""
