"""Schools, Kitas and community centres that ask for information sessions."""
