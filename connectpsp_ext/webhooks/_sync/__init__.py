"""The sync webhook handler and confirmer: every module here is generated from
``connectpsp_ext/webhooks/_async`` by ``scripts/unasync.py`` (``./run lint`` checks they are up to
date)."""
