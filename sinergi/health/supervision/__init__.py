"""Supervision of cooperatives (pengawasan): RAT compliance, inactivity, dissolution by the
government, the three pillars of the Kampung Koperasi programme and the early-warning list."""
