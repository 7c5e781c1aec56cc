"""Well-known entity ids shared by the import stage and the reports."""

STUDY_ID = "study-frehywot2019"
PAPER_SOURCE_ID = "frehywot2019"
