"""Backup and restore: the database and every stored file in one archive, and back
(``write.backup_write``, ``restore.backup_restore``; what both know of an archive and of the
portal is in ``contents``).

An archive is an uncompressed tar file (the database dump is already compressed, and so
are most uploads: images, PDFs, sound, video) holding:

- ``database/postgresql.dump`` (``pg_dump -Fc``) or ``database/sqlite3.db`` (SQLite's online
  backup API): a consistent snapshot, taken without stopping the portal;
- ``files/<storage>/<name>``: every file of the storages the models use, read through the
  Storage API (local disk today, a bucket tomorrow);
- ``manifest.json``, last: format and portal versions, date, database vendor, row counts
  per table (counted in the snapshot itself), the sha256 and size of the dump and of every
  file, and the files the snapshot names that the storage did not hold.

A restore goes into an empty portal (``force`` replaces a non-empty one), and checks
every checksum before it writes anything.
"""
