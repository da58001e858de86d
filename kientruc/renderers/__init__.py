"""Renderers: what kientruc writes out. They lay out findings, diffs and views computed elsewhere.

* :mod:`.reports`: findings as text and JSON; :mod:`.ci_reports`: findings as SARIF, JUnit XML
  and GitHub annotations; :mod:`.compliance`: the compliance summary; :mod:`.diff_report`: a
  semantic diff as text, Markdown and JSON.
* :mod:`.diagrams`: a view as DOT text, and DOT through Graphviz to SVG, PNG or PDF.
* :mod:`.site`: the static website of an architecture, and the architecture document as a web
  page and as DOCX (:mod:`.site.document`), in Vietnamese or English (:mod:`.site.i18n`).
"""
