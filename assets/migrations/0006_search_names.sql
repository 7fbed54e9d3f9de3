-- A second, small full-text index over the name fields only (accession, titles,
-- maker, keywords). When a query matches a large part of the collection, results
-- show name matches first; finding them in this index costs a fraction of a
-- column-filtered query over the whole text. Filled from the main index, whose
-- columns hold the same tokenised text. Contentless (the text is in
-- object_search already): an entry is removed with FTS5's 'delete' command and
-- the text it was indexed with, read back from object_search.
CREATE VIRTUAL TABLE object_names USING fts5(
    accession, title, maker, keywords,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO object_names(rowid, accession, title, maker, keywords)
    SELECT rowid, accession, title, maker, keywords FROM object_search;
