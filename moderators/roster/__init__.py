"""The pool of parent moderators: profiles, languages, districts, availability, absences."""
