"""Reading, normalizing and segmenting the user's text."""
