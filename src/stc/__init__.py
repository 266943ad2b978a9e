"""stc: does a country meet the statutory requirements for a "safe third country"?"""

__version__ = "0.1.0"
