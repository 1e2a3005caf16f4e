"""One page's Markdown/HTML to HTML: the KB dialect, media, links to error codes and runbooks, lists."""
