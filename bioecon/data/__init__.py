"""Domain knowledge as data files, each with its source, read only through ``bioecon.catalogs``."""
