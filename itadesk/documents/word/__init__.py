"""Thai documents as Word files (.docx): the same document data as the PDF, one module each."""
