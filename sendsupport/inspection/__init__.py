"""The inspection trail: one pupil's whole assess-plan-do-review record as a single PDF.

Ofsted samples pupils and traces their record; the SENCO or the head downloads the trail from the
pupil's page. ``selectors`` gathers it in a fixed number of queries; ``views`` makes the PDF.

It sits in the top tier beside the subject access export (``tests/test_layers.py``), not inside
``statutory``: it reads every capability app (support, provision, meetings, statutory), and
``provision`` already imports ``statutory``, so a trail inside ``statutory`` would make a cycle.
"""
