"""Pages of the graduated approach. Thin: each finds the pupil through ``get_visible_pupil``, tests a
rule (404 if it fails), calls a service or selector, and renders."""
