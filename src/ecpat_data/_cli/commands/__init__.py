"""One module per ``ecpat-data`` command, each with ``run(args, out) -> int``."""
