"""The directory's search, filters, facet counts and sorting, in memory.

``index`` builds the index once per data version from the store's directory rows; ``words``
reads the search vocabulary (data/rules/search_words.csv); ``plan`` reads a query (countries
in any spelling the reference data knows, words, typos); ``engine`` answers a selection.
"""
