"""Reading articles: text files with sidecar metadata, saved web pages, article dumps, web
archives and feeds; news structure."""
from kg.read.article import Unread
from kg.read.dumps import FIELD_NAMES, Fields
from kg.read.files import collect_paths, parse_date, read_document, read_documents
from kg.read.inputs import CONTAINERS, KINDS, Input, collect_inputs, read_inputs
from kg.read.news import split_news

__all__ = ["CONTAINERS", "FIELD_NAMES", "Fields", "Input", "KINDS", "Unread", "collect_inputs", "collect_paths",
           "parse_date", "read_document", "read_documents", "read_inputs", "split_news"]
