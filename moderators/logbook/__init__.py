"""The logbook: reports after sessions, other activities, their review and the allowance."""
