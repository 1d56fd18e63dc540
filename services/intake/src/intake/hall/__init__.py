"""The service hall's walk-in queue: tickets (取号) per window, called by the window's clerk."""
