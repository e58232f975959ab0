"""Pages for parents and the public: upcoming sessions in their language, invitation letters."""
