"""Document formats beyond plain text: bilingual files (XLIFF, TMX, PO) read and written with their own libraries."""
