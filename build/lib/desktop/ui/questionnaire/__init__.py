"""The Annex 1 questionnaire editor and its parts."""
