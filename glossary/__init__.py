"""The bundled glossary, installed as package data `zhen.data` (this folder is its only copy)."""
