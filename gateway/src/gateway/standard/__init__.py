"""How pages show and edit a matter standard: the form, its findings, the review's elements and
the diff's labels. A later step builds these from the layout the catalog serves."""
