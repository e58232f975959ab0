"""Training cohorts (Qualifizierung): modules, enrolments, attendance and certification."""
