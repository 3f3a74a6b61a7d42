"""The asyncio client, and the source the sync client (``_sync``) is made from by
``python/scripts/make_sync.py``: write each client once, here."""
