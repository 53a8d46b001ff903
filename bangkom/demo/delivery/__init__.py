"""The delivery, certificates and evaluation stages of the demo: each region's approved 2026
plan carried out by the partners its source story names, its completions certified, and two of
its programs evaluated and decided."""
