"""Copies of one text: detected, aligned paragraph by paragraph, notes carried to the other copies."""
