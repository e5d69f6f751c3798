# site.yaml: problems with the site's settings.

bad-base-url = `{ $value }` is not a full web address: `base_url` must start with http:// or https://
bad-base-url-query = `{ $value }` has a query (?…) or a fragment (#…), which the address of a site cannot have
bad-base-url-credentials = `{ $value }` contains a user name or password, which would be published on every page
bad-base-url-hint = write the full address of the folder the site is published in, e.g. `base_url: http://intranet.example/report/`, or delete the line if the site has no fixed address
