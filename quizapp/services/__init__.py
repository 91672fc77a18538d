"""The application's operations: they call the pure libraries and read and write models."""
