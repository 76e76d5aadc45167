"""vardmedel: who gets what from the state's and SKR's health-care agreements, to the krona."""

__version__ = "0.1.0"
