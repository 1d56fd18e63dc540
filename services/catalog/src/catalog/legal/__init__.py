"""The legal basis registry (法律依据库) and what its changes ask of departments."""
