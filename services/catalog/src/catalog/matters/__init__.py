"""The matters core: a matter and its versions, drafted, submitted, reviewed and published."""
