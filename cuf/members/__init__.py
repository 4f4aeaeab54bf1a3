"""The members area: member organisations and their people, and the one access rule that
decides who reads a reserved item's body (``cuf.members.access``)."""
