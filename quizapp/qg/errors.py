"""The one exception the question engine raises for input it cannot use."""


class ArticleError(ValueError):
    """Unusable input; the message is written for the person who supplied the article."""
