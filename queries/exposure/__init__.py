"""Network exposure to serious violence (Papachristos-style), with the paths behind each score."""
