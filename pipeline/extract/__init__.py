"""Extractors: one module per kind of fact. Each reads a Source and returns plain records."""
