"""Thai documents as Word files (.docx): the same document data as the PDF, one module each."""

WORD_FONTS = ("TH SarabunIT๙", "TH Sarabun New", "Sarabun")
"""Font names an office may write into its Word files; government PCs have the first.
Word substitutes another font for one the PC lacks."""
DEFAULT_WORD_FONT = WORD_FONTS[0]
