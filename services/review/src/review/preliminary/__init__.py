"""The preliminary check (初审): the technical guidance group checks a submitted standard's form
and completeness before the joint review, and passes it on or returns it to the department."""
