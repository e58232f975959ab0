"""The heritage languages the moderators speak, and how well the pool covers them."""
