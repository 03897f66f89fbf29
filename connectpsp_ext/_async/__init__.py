"""The async source of the client core; ``connectpsp_ext/_sync`` is generated from it."""
