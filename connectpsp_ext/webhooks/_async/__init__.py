"""The async source of the webhook handler and confirmer; ``webhooks/_sync`` is generated from
it."""
