"""Paper: worksheets in versions with matching answer keys, and duplex flashcard sheets (HTML -> PDF).

No Flask and no database here: callers hand in :class:`quizapp.interop.items.Item` lists.
"""
