"""Exchanging the model with other tools: JSON export, ArchiMate exchange format export and import.

Imports models, graph and (for diagram layout) views and the Graphviz runner; nothing here imports the CLI.
"""
