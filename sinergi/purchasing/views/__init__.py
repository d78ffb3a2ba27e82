"""Belanja Bareng pages, by sub-domain: the catalogue and price lists, networks, rounds and orders,
and the results of a round (bills, purchase orders, delivery lists, the report)."""
