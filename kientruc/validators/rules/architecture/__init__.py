"""Architecture rules: what the framework profile asks the architecture as a whole to contain
(components or layers, document contents, reference-model categories, a roadmap), and
whether the framework it is aligned to is still the one in force.
"""
