"""Reading articles: files and folders, sidecar metadata, news structure."""
from kg.read.files import collect_paths, parse_date, read_document, read_documents
from kg.read.news import split_news

__all__ = ["collect_paths", "parse_date", "read_document", "read_documents", "split_news"]
