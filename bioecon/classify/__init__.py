"""Enterprises → bio-economy statistical categories (战新2018 section 4 生物产业), from data tables."""
