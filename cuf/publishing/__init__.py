"""Publishing: the ``Publishable`` base and its one rule (``rule``), publishing writes
(``services``), history (``history``), the published items of every type in one list
(``selectors``), preview links (``previews``) and the page cache that is never stale
(``page_cache``)."""
