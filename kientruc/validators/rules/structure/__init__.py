"""Structure rules: the model holds together as a graph.

These rules apply to every profile and to every day: a broken reference is broken
whatever the date, so they read the whole model, not only the elements in force.
"""
