"""Blank forms (空白表格) and filled-in samples (示范文本) editors upload for materials."""
