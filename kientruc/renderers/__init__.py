"""Renderers: reports of findings (and, later, diagrams, the site and documents)."""
