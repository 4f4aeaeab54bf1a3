"""Text as the portal writes and reads it: the one HTML sanitiser (``sanitizer``) and the
rich-text field that applies it (``fields``), rich text read as text and accent-free words
(``plain``), the one-line rule (``validators``) and the one rule for query-string values
(``querystrings``)."""
