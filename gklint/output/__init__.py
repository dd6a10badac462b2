"""Outputs: each renders a ``Result`` (and nothing else) in one format."""
