"""How an entry, a keeper and an export's omissions are worded, once, for every format.

The PDF, the Markdown, the spreadsheet's words and the app's entry view only
lay out what these modules produce, so the same entry reads the same way
everywhere and a fix to its wording is made in one place.
"""
