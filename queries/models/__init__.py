"""Trained model parameters shipped with the analyses."""
