"""The HTTP face of Vraagwijzer: the broker dashboard (more pages follow)."""
