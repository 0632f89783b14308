"""The inspection trail: one pupil's whole assess-plan-do-review record as a single PDF.

Ofsted samples pupils and traces their record; the SENCO or the head downloads the trail from the
pupil's page. ``selectors`` gathers it in a fixed number of queries; ``views`` makes the PDF.
"""
