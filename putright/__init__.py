"""putright: complaints, compliments and Ombudsman casework for UK councils."""

__version__ = "0.1.0"
