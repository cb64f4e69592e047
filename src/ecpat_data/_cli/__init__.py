"""The ``ecpat-data`` command line: the parser, one module per command, and table rendering."""
