"""The three public lists (权力/责任/流程清单), their downloads and the open-data dump."""
