"""The query side: the itb command line, evidence tables and exports."""
