"""Records and storage of Vraagwijzer's knowledge: institutions, research groups,
organisations and past assignments, in one SQLite file (the source of truth)."""
