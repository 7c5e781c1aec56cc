"""The Medical Diaspora Atlas: a sourced, reproducible inventory of LMIC medical diaspora
organisations and government diaspora offices, after Frehywot, Park & Infanzon (2019)."""

__version__ = "0.1.0"
