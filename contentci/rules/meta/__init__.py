"""contentci's own findings about files it could not read properly."""

