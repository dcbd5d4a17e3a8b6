"""The glossary, term matching, lookup and glossary exchange."""
