"""``connectpsp``: the command line for ConnectPSP and its local mock (see ``docs/cli.md``)."""
