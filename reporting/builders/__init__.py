"""Document data builders: records in, the data a template lays out, after the disclosure profile."""
