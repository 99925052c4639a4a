"""Open data: the JSON API, its OpenAPI document and the whole-set downloads."""
