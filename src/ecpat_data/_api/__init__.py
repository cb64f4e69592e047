"""The public functions behind ``ecpat_data``: look-ups and search over the loaded bundle."""
