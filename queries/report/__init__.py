"""The figures of the analytical report on death investigations (rendered by visualisation)."""
