"""Compile by Excel (按模板批量编制): the template, reading and writing it, import jobs."""
