"""The layout of the matter standard: one description of its elements, served to the pages."""
