"""Data files shipped with avereport (demo document, images)."""
