"""Hand-written layer over the generated ConnectPSP client."""
