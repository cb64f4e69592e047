"""What is said about the data: pinning (fingerprint, require, citation), verify, diff."""
