from spip_import.importer import SpipImporter
from spip_import.reader import SpipReader, parse_address


def run_import(spip, img, *, dry_run=False, pays_groups=(), **mapping):
    """Import ``spip`` with ``mapping`` (communiques=[1], …) and return the report."""
    reader = SpipReader(parse_address(spip.url))
    try:
        return SpipImporter(
            reader,
            img_root=img.root,
            mapping=mapping,
            pays_groups=pays_groups,
            dry_run=dry_run,
        ).run()
    finally:
        reader.close()
