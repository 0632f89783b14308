"""Every write the data-exchange app makes: imports, saved column mappings, census settings, import runs."""
