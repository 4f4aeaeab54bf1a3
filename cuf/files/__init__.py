"""Uploaded files, as a domain of their own.

- ``checks``: what an upload must be (format by content, size), and ``describe_upload``,
  which checks a file and says what it is (size, type, label, extracted text);
- ``storage``: where files are kept (the protected storage) under generated names;
- ``extract``: the text of documents, for search;
- ``serving``: protected files as responses (byte ranges, browser caching);
- ``renditions``: smaller copies of images, made once and kept;
- ``views``: the views that serve an item's files and renditions after the publication
  check, and the rich-text editor's images;
- ``forms``: the form field that checks images before the model reads them.
"""
