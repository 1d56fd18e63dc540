"""Typed clients of the four services: one function per operation the pages use, each answer
read into a small model, each refusal raised as `ServiceError`. Pages reach services only here."""
