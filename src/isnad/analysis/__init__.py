"""The analysis of one article: the document object, the pipeline that builds it and the stages
it passes through (anatomy, entities, claims, events and their dates, perspective)."""
