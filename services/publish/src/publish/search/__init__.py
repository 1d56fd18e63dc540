"""Search over the published matters: jieba words, codes, synonyms, relevance, did-you-mean."""
