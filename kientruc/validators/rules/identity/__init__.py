"""Identity rules: citizens authenticate with the national e-identification platform."""
