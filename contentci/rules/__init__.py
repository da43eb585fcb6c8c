"""Rule modules. Each module registers its rules with :mod:`contentci.core.registry`."""
