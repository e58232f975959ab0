"""Requests from schools, information sessions, assignments of moderators, and matching."""
