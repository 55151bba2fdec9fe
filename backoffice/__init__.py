"""The Django admin of every model: where reviewers work, scoped per agency, with the engine's figures."""
