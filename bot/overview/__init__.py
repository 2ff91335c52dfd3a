"""The overview of all submitted questions for brokers and the programme team (/overzicht and
`vraagwijzer report`): figures assembles the numbers from the inventory, charts draws them as
SVG, report writes them as text and JSON, export as CSV and Excel."""
