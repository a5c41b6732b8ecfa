"""Content rules: they read one document model (or a root's system files) and report positions."""
