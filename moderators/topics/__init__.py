"""Topics of information sessions (school system, transitions, career orientation, ...)."""
