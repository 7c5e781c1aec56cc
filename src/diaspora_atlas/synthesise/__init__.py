"""Step 5 as software: focus and role classification, gap analysis, completeness estimates.

Pure functions over plain inputs; the stage that reads the store and writes statements calls
them. May import ``model``, ``refdata``, ``errors`` and ``protocol`` only.
"""
