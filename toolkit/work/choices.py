"""How a choice answer is saved: as the letters of the options chosen, in order."""

LETTERS = "ABCDEFGHIJ"
