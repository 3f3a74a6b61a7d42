# Generated from ../_async/__init__.py by python/scripts/make_sync.py (`just generate`): do not edit.
"""The asyncio client, and the source the sync client (``_sync``) is made from by
``python/scripts/make_sync.py``: write each client once, here."""
