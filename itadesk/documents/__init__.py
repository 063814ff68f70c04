"""Thai documents as PDF: fonts, Thai line breaking and shaping, one module per document."""
