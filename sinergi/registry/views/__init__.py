"""Registry pages, one module per sub-domain (cooperatives, businesses, imports, activity …)."""
